"""Spark batch tests (slow ones start a JVM)."""
