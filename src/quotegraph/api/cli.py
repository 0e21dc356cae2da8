"""``quotegraph serve``: the API and the pages over one database, with uvicorn."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from quotegraph.store.db import DEFAULT_DB

TOKEN_ENV = "QUOTEGRAPH_TOKEN"


def add_serve_command(sub: Any) -> None:
    """Register ``serve`` on the CLI's subparsers."""
    serve = sub.add_parser(
        "serve",
        help="serve the record: JSON API under /api and web pages (read-only unless --token is given)",
        description="Serve the JSON API (/api, schema at /openapi.json) and the web pages over a database.",
    )
    serve.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or postgresql:// URL (default: {DEFAULT_DB})")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--token",
        default=os.environ.get(TOKEN_ENV),
        help=f"enable POST /api/articles for clients sending 'Authorization: Bearer TOKEN' (default: ${TOKEN_ENV};"
        " the variable keeps the token out of the process list)",
    )
    serve.add_argument("--model", default="md", help="spaCy model for POST /api/articles: md (default), sm, or a name")


def run_serve(args: argparse.Namespace) -> int:
    """Build the app and run it until interrupted."""
    import uvicorn

    from quotegraph.api.app import create_app

    token = args.token or None
    if token is not None and len(token) < 16:
        print("quotegraph: warning: the token is shorter than 16 characters; use a long random one", file=sys.stderr)
    pipeline = None
    if token is not None:  # load the model now: a missing model is an error at start, not on the first POST
        from quotegraph.pipeline import Pipeline

        pipeline = Pipeline(args.model)
    app = create_app(args.db, token, model=args.model, pipeline=pipeline)
    mode = "read-write (POST /api/articles with the token)" if token else "read-only"
    print(f"quotegraph: serving {args.db} {mode} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
