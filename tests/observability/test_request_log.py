"""One log line per request: request id, operation, duration, statements, status; never a
document's or variables' values."""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

import httpx
import pytest

from graphql_api.observability.logs import REQUEST_LOGGER, TEXT_FORMAT, JsonFormatter
from tests.client import data_of, gql
from tests.users import sign_up_user

BROWSE = "query LoggedBrowse { listings(first: 3) { nodes { id title } } }"
LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }
"""
LOG_IN_INLINE = """
mutation LogInInline { logIn(input: {email: "%s", password: "%s"}) { token errors { code } } }
"""


def _request_lines(caplog: pytest.LogCaptureFixture, request_id: str) -> list[dict[str, Any]]:
    return [
        json.loads(JsonFormatter().format(record))
        for record in caplog.records
        if record.name == REQUEST_LOGGER and getattr(record, "request_id", None) == request_id
    ]


def test_each_request_gets_one_line_with_its_operation_duration_statements_and_status(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    # when
    with caplog.at_level(logging.INFO, logger=REQUEST_LOGGER):
        response = http.post(
            "/graphql", json={"query": BROWSE}, headers={"x-request-id": "log-line-1"}
        )

    # then
    (line,) = _request_lines(caplog, "log-line-1")
    statements = int(response.headers["x-sql-statements"])
    assert line["time"].endswith("+00:00")
    assert 0 < line.pop("duration_ms") < 10_000
    assert line["message"].startswith("POST /graphql 200 query LoggedBrowse ok ")
    assert line["message"].endswith(f"ms sql={statements} request=log-line-1")
    del line["time"], line["message"]
    assert line == {
        "level": "INFO",
        "logger": "graphql_api.requests",
        "request_id": "log-line-1",
        "method": "POST",
        "path": "/graphql",
        "status": 200,
        "operation": "LoggedBrowse",
        "operation_type": "query",
        "outcome": "ok",
        "error_codes": [],
        "statements": statements,
    }


def test_a_log_in_is_logged_without_its_password(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    # given
    password = f"correct horse battery {secrets.token_hex(8)}"
    user = sign_up_user(http, password=password)
    variables = {"input": {"email": user.email, "password": password}}

    # when the user logs in with the password as a variable, then inline
    with caplog.at_level(logging.INFO):
        by_variable = gql(http, LOG_IN, variables, headers={"x-request-id": "log-in-1"})
        inline = gql(
            http, LOG_IN_INLINE % (user.email, password), headers={"x-request-id": "log-in-2"}
        )

    # then both are logged, by operation, and no line of any logger holds the password
    assert data_of(by_variable)["logIn"]["errors"] == data_of(inline)["logIn"]["errors"] == []
    assert [line["operation"] for line in _request_lines(caplog, "log-in-1")] == ["LogIn"]
    assert [line["operation"] for line in _request_lines(caplog, "log-in-2")] == ["LogInInline"]
    text = logging.Formatter(TEXT_FORMAT)
    for record in caplog.records:
        assert password not in JsonFormatter().format(record)
        assert password not in text.format(record)
