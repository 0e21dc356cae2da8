"""Property-based tests of the API against its own OpenAPI schema (schemathesis, through ASGI).

Every operation gets a bounded number of generated requests, valid and invalid; each response
must be no server error and must match the documented status codes, content types and schema.
The write endpoint is exercised without credentials (401 is its documented answer): generating
articles to analyse would only test the NLP model. (schemathesis' lazy pytest fixtures do not
work with pytest 9, so the operations are driven through hypothesis directly.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from quotegraph.api.app import create_app

from .helpers import TOKEN

CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]  # fmt: skip
EXAMPLES = 20


def run_operations(app: FastAPI, method: str, examples: int = EXAMPLES) -> list[str]:
    """Drive every operation of ``method`` with positive and negative cases; the labels tested."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid schema raises here
        if operation.method.upper() != method:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def check(case: schemathesis.Case[Any]) -> None:
                response = case.call_and_validate(checks=CHECKS)
                assert response.status_code < 500

            try:
                check()
            except Unsatisfiable:  # an operation without parameters has no invalid requests
                assert mode is GenerationMode.NEGATIVE, operation.label
        tested.append(operation.label)
    return tested


def test_read_api_conforms_to_its_schema(app: FastAPI) -> None:
    tested = run_operations(app, "GET")
    assert {"GET /api/quotes", "GET /api/people/{name}", "GET /api/articles/{article_id}"} <= set(tested)
    assert len(tested) == 9


def test_write_api_refuses_anonymous_calls_within_its_schema(seed_db: Path) -> None:
    app = create_app(str(seed_db), TOKEN)  # the model is never loaded: no generated call has the token
    assert run_operations(app, "POST") == ["POST /api/articles"]
