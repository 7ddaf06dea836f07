"""Security headers: on every response, and the ones that depend on what the response holds."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest

from graphql_api.config import Settings
from tests.conftest import LiveServer, start_live_server
from tests.users import PASSWORD, sign_up_user

LOG_IN = """
mutation LogIn($email: String!, $password: String!) {
  logIn(input: {email: $email, password: $password}) { token errors { code } }
}
"""
ME = "{ me { id } }"


@pytest.fixture(scope="module")
def production_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    server = start_live_server(dataclasses.replace(settings, app_env="production"), database_url)
    yield server
    server.stop()


def _no_sniffing_no_referrer(response: httpx.Response) -> bool:
    headers = response.headers
    return bool(
        headers.get("x-content-type-options") == "nosniff"
        and headers.get("referrer-policy") == "no-referrer"
    )


def test_every_response_says_nosniff_and_no_referrer(http: httpx.Client) -> None:
    # when the server answers a query, a probe, a static file and a refusal
    responses = [
        http.post("/graphql", json={"query": ME}),
        http.get("/healthz"),
        http.get("/graphiql/page.js"),
        http.post("/graphql", content=b"{", headers={"content-type": "application/json"}),
    ]
    # then each carries both headers
    assert all(_no_sniffing_no_referrer(response) for response in responses), [
        dict(response.headers) for response in responses
    ]


def test_answers_that_carry_a_token_or_depend_on_the_viewer_are_never_stored(
    http: httpx.Client,
) -> None:
    # given an account
    user = sign_up_user(http)
    # when it logs in (the answer carries a token) and asks who it is (the answer is about it)
    logged_in = http.post(
        "/graphql", json={"query": LOG_IN, "variables": {"email": user.email, "password": PASSWORD}}
    )
    me = http.post(
        "/graphql", json={"query": ME}, headers={"authorization": f"Bearer {user.token}"}
    )
    # then no cache may keep either
    assert logged_in.json()["data"]["logIn"]["token"]
    assert logged_in.headers["cache-control"] == "no-store"
    assert me.headers["cache-control"] == "no-store"
    # while a static file may be cached
    assert "no-store" not in http.get("/graphiql/page.js").headers.get("cache-control", "")


def test_hsts_in_production_only(http: httpx.Client, production_server: LiveServer) -> None:
    with httpx.Client(base_url=production_server.url) as production:
        answer = production.post("/graphql", json={"query": ME})
    assert answer.headers["strict-transport-security"].startswith("max-age=")
    assert "strict-transport-security" not in http.post("/graphql", json={"query": ME}).headers


def test_the_graphiql_page_has_a_content_security_policy(http: httpx.Client) -> None:
    # when a browser opens GraphiQL
    page = http.get("/graphql", headers={"accept": "text/html"})
    # then only this server's scripts may run on it (nothing inline), and no site may frame it
    assert "graphiql" in page.text.lower()
    policy = page.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "script-src" not in directives
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
