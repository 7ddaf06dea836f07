"""GraphQL over HTTP: the two response media types, their status codes, `data` left out when
execution never began, and a code on every error."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graphql_api.engine.execution import FastPathExecutionContext
from tests.client import error_codes

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

TREE = "{ categories { slug } }"
UNPARSABLE = "{ categories { slug }"
UNKNOWN_FIELD = "{ nope }"
LISTING_BY_ID = "query Listing($id: ID!) { listing(id: $id) { id } }"
TOO_LARGE_PAGE = "{ listings(first: 1000) { nodes { id } } }"

REQUEST_ERRORS = [
    pytest.param(UNPARSABLE, {}, "GRAPHQL_PARSE_FAILED", id="parse"),
    pytest.param(UNKNOWN_FIELD, {}, "GRAPHQL_VALIDATION_FAILED", id="validation"),
    pytest.param(LISTING_BY_ID, {"id": None}, "BAD_USER_INPUT", id="variables"),
]


def _post(
    http: httpx.Client, accept: str, document: str, variables: dict[str, Any] | None = None
) -> httpx.Response:
    return http.post(
        "/graphql",
        json={"query": document, "variables": variables or {}},
        headers={"accept": accept},
    )


def test_a_client_that_asks_for_graphql_response_json_gets_it(http: httpx.Client) -> None:
    # when a client accepts the GraphQL response media type
    response = _post(http, GRAPHQL_RESPONSE, TREE)
    # then it gets that media type, with the data
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert "Accept" in [part.strip() for part in response.headers["vary"].split(",")]
    assert response.json()["data"]["categories"]


@pytest.mark.parametrize(("document", "variables", "code"), REQUEST_ERRORS)
def test_a_request_error_is_400_without_data_under_graphql_response_json(
    http: httpx.Client, document: str, variables: dict[str, Any], code: str
) -> None:
    # when a request fails before execution begins
    response = _post(http, GRAPHQL_RESPONSE, document, variables)
    # then it is a client error, with no `data` entry at all
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = response.json()
    assert "data" not in body
    assert error_codes(body) == [code]


@pytest.mark.parametrize(("document", "variables", "code"), REQUEST_ERRORS)
def test_a_request_error_is_200_without_data_under_json(
    http: httpx.Client, document: str, variables: dict[str, Any], code: str
) -> None:
    # when a legacy client's request fails before execution begins
    response = _post(http, JSON, document, variables)
    # then the status stays 200, but `data` is left out all the same
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    body = response.json()
    assert "data" not in body
    assert error_codes(body) == [code]


def test_a_field_error_keeps_data_and_200_under_graphql_response_json(
    http: httpx.Client,
) -> None:
    # when execution begins and a non-null root field fails
    response = _post(http, GRAPHQL_RESPONSE, TOO_LARGE_PAGE)
    # then the response has `data: null`, so it is a success at the HTTP level
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = response.json()
    assert body["data"] is None
    assert error_codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(
    ("accept", "media_type", "status"),
    [
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE, 400),
        (f"{JSON}, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE, 400),
        (f"{GRAPHQL_RESPONSE};q=0.5, {JSON}", JSON, 200),
        (f"{GRAPHQL_RESPONSE};q=0.5, */*", JSON, 200),
        (f"{GRAPHQL_RESPONSE};q=0", JSON, 200),
        ("*/*", JSON, 200),
        ("text/html, application/*", JSON, 200),
    ],
)
def test_json_is_served_unless_graphql_response_json_is_asked_for_by_name(
    http: httpx.Client, accept: str, media_type: str, status: int
) -> None:
    # when a document that does not parse is sent with this Accept header
    response = _post(http, accept, UNPARSABLE)
    # then the preferred of the two media types answers, with its status code and no `data`
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.status_code == status
    assert "data" not in response.json()


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 500), (JSON, 200)])
def test_a_failure_before_any_resolver_is_500_under_graphql_response_json(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch, accept: str, status: int
) -> None:
    # given the executor itself fails while it is set up (no resolver runs)
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail: executor internals")

    monkeypatch.setattr(FastPathExecutionContext, "__init__", broken)
    # when a query is sent
    response = _post(http, accept, TREE)
    # then there is no data, and the server owns the failure
    assert response.status_code == status
    body = response.json()
    assert "data" not in body
    assert error_codes(body) == ["INTERNAL_SERVER_ERROR"]
    assert "secret" not in response.text
