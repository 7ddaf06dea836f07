"""The `/graphql` endpoint's HTTP behaviour: methods, size limit, IDE, production hardening."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import httpx
import pytest
from psycopg.conninfo import conninfo_to_dict

from graphql_api.config import Settings
from graphql_api.data.database import drop_database
from tests.client import error_codes, gql
from tests.conftest import LiveServer, start_live_server

TREE = "{ categories { slug } }"


def test_get_serves_queries(http: httpx.Client) -> None:
    response = http.get("/graphql", params={"query": TREE})
    assert response.status_code == 200
    assert response.json()["data"]["categories"]


def test_get_refuses_mutations(http: httpx.Client) -> None:
    response = http.get("/graphql", params={"query": "mutation { __typename }"})
    assert response.status_code == 405


def test_batched_requests_are_refused(http: httpx.Client) -> None:
    response = http.post("/graphql", json=[{"query": TREE}, {"query": TREE}])
    assert response.status_code == 400


def test_body_over_the_limit_gets_413(http: httpx.Client, settings: Settings) -> None:
    padding = " " * settings.max_body_bytes
    response = http.post("/graphql", json={"query": TREE + padding})
    assert response.status_code == 413
    small = http.post("/graphql", json={"query": TREE})
    assert small.status_code == 200


def test_graphiql_is_served_to_browsers_outside_production(http: httpx.Client) -> None:
    response = http.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_every_response_carries_a_request_id(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": TREE}, headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    generated = http.post("/graphql", json={"query": TREE}, headers={"x-request-id": "bad id!"})
    assert generated.headers["x-request-id"] != "bad id!"


def test_health_and_readiness(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}
    assert http.get("/readyz").status_code == 200


@pytest.fixture(scope="module")
def production_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    server = start_live_server(dataclasses.replace(settings, app_env="production"), database_url)
    yield server
    server.stop()


def test_production_hides_the_ide_introspection_and_suggestions(
    production_server: LiveServer,
) -> None:
    with httpx.Client(base_url=production_server.url) as client:
        ide = client.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in ide.text.lower()
        assert client.get("/").status_code == 404
        assert client.get("/graphiql/graphiql.min.js").status_code == 404
        introspection = gql(client, "{ __schema { types { name } } }")
        assert "data" not in introspection
        assert set(error_codes(introspection)) == {"GRAPHQL_VALIDATION_FAILED"}
        typo = gql(client, "{ categorie { slug } }")
        assert "Did you mean" not in typo["errors"][0]["message"]
        headers = client.post("/graphql", json={"query": TREE}).headers
        assert "x-sql-statements" not in headers
        assert "x-server-process" not in headers


RESPONSE_LIMIT = 2_000
LOCATIONS = "{ locations { city state country slug createdAt } }"


@pytest.fixture(scope="module")
def small_responses_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    limited = dataclasses.replace(settings, max_response_bytes=RESPONSE_LIMIT)
    server = start_live_server(limited, database_url)
    yield server
    server.stop()


def test_a_response_over_the_limit_is_replaced_by_an_error(
    http: httpx.Client, small_responses_server: LiveServer
) -> None:
    # given the response that a server without a small limit sends
    full = http.post("/graphql", json={"query": LOCATIONS})
    assert len(full.content) > RESPONSE_LIMIT
    with httpx.Client(base_url=small_responses_server.url) as client:
        # when a server with the limit answers the same query
        response = client.post("/graphql", json={"query": LOCATIONS})
        # then it sends a whole JSON error instead: no data, nothing truncated
        body = response.json()
        assert response.status_code == 200
        assert len(response.content) <= RESPONSE_LIMIT
        assert body["data"] is None
        assert error_codes(body) == ["RESPONSE_TOO_LARGE"]
        assert str(RESPONSE_LIMIT) in body["errors"][0]["message"]
        # while a response under the limit is sent as it is
        assert (
            client.post("/graphql", json={"query": TREE}).content
            == http.post("/graphql", json={"query": TREE}).content
        )


def test_readiness_is_503_when_the_database_goes_away(
    settings: Settings, make_database: Callable[[], str], admin_url: str
) -> None:
    # given a server whose database is ready
    url = make_database()
    server = start_live_server(settings, url)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            assert client.get("/readyz").status_code == 200
            # when the database disappears
            drop_database(admin_url, str(conninfo_to_dict(url)["dbname"]))
            # then the server is alive but not ready
            assert client.get("/healthz").status_code == 200
            assert client.get("/readyz").status_code == 503
    finally:
        server.stop()


def test_unknown_field_is_a_validation_error_not_a_crash(http: httpx.Client) -> None:
    body = gql(http, "{ nope }")
    assert body["errors"]
    assert error_codes(body) != ["INTERNAL_SERVER_ERROR"]


def test_text_with_a_nul_character_is_bad_user_input(http: httpx.Client) -> None:
    # GraphQL strings may hold U+0000; PostgreSQL text cannot
    document = "query($s: String!) { listings(filter: {search: $s}) { nodes { id } } }"
    body = gql(http, document, {"s": "a\u0000b"})
    assert error_codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize("body", [b'"{ categories { slug } }"', b"1", b"null", b"true"])
def test_a_json_body_that_is_not_an_object_is_a_400_with_a_graphql_error(
    http: httpx.Client, body: bytes
) -> None:
    # when the body is JSON but no object (it used to crash the view: a 500 in plain text)
    response = http.post("/graphql", content=body, headers={"content-type": "application/json"})
    # then it is refused as a bad request, with a GraphQL error body
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": "The request body must be a JSON object.",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


def test_malformed_json_is_400_with_a_graphql_error(http: httpx.Client) -> None:
    response = http.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]
