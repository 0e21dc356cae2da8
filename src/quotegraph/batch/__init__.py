"""Bulk processing: local worker processes (``local.py``)."""
