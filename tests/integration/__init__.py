"""End-to-end tests: real news through ingest, the store (SQLite and PostgreSQL) and the CLI.

A package, so that its module names (``integration.test_...``) cannot clash with test modules
of the same name elsewhere under ``tests/``.
"""
