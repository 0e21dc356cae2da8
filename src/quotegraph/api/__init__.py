"""The HTTP interface: a JSON API under ``/api`` and server-rendered pages over one database.

``quotegraph.api.app.create_app(db_url, token=None)`` builds the FastAPI application;
``quotegraph serve`` runs it with uvicorn. Importing this package imports nothing heavy.
"""
