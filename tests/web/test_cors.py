"""CORS for browser frontends on other origins: real preflight and actual requests.

The live server's `CORS_ORIGINS` is `https://app.example.com` (tests/conftest.py).
"""

from __future__ import annotations

import httpx

from graphql_api.web.cors import PREFLIGHT_MAX_AGE_S
from tests.client import data_of
from tests.users import sign_up_user

LISTED = "https://app.example.com"
FOREIGN = "https://evil.example.net"
ME = "query { me { id } }"


def preflight(http: httpx.Client, origin: str, method: str = "POST") -> httpx.Response:
    return http.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_a_preflight_from_a_listed_origin_allows_credentials_and_is_cached(
    http: httpx.Client,
) -> None:
    # when a browser on the listed origin asks before POSTing JSON with a bearer token
    response = preflight(http, LISTED)

    # then the server allows exactly that origin, with credentials, for a while
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == LISTED
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type"} <= set(allowed_headers.replace(" ", "").split(","))
    assert response.headers["access-control-max-age"] == str(PREFLIGHT_MAX_AGE_S)


def test_a_preflight_from_another_origin_or_for_another_method_is_refused(
    http: httpx.Client,
) -> None:
    foreign = preflight(http, FOREIGN)
    assert foreign.status_code == 400
    assert "access-control-allow-origin" not in foreign.headers
    assert preflight(http, LISTED, method="DELETE").status_code == 400


def test_only_a_listed_origin_may_read_a_cookie_authenticated_answer(http: httpx.Client) -> None:
    # given a signed-in browser's cookie
    new_user = sign_up_user(http)
    cookie = {"Cookie": f"session={new_user.token}"}

    # when the listed origin and another one each POST with it
    listed = http.post("/graphql", json={"query": ME}, headers={**cookie, "Origin": LISTED})
    foreign = http.post("/graphql", json={"query": ME}, headers={**cookie, "Origin": FOREIGN})

    # then the listed origin may read the answer, its request id included, and was signed in
    assert listed.headers["access-control-allow-origin"] == LISTED
    assert listed.headers["access-control-allow-credentials"] == "true"
    assert "x-request-id" in listed.headers["access-control-expose-headers"].lower()
    assert "origin" in listed.headers["vary"].lower()
    assert data_of(listed.json())["me"] == {"id": new_user.id}
    # and the other origin's browser gets no permission to read (and the cookie was ignored)
    assert "access-control-allow-origin" not in foreign.headers
    assert data_of(foreign.json())["me"] is None
