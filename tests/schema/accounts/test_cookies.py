"""The session cookie: its attributes, and the origin rule that keeps it from serving CSRF."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.users import SIGN_UP, SignedInUser, unique_suffix

ME = "query { me { id } }"
LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }
"""
LOG_OUT = "mutation { logOut { sessionsEnded } }"
ALLOWED = "https://app.example.com"
FOREIGN = "https://evil.example.net"


def me_with_cookie(http: httpx.Client, token: str, **headers: str) -> object:
    cookie = {"Cookie": f"session={token}", **headers}
    return data_of(gql(http, ME, headers=cookie))["me"]


def test_sign_up_sets_a_hardened_session_cookie(http: httpx.Client) -> None:
    suffix = unique_suffix()
    variables = {
        "input": {
            "email": f"c-{suffix}@example.com",
            "password": "long enough password",
            "name": "Cookie",
            "username": f"c_{suffix}",
        }
    }
    response = http.post("/graphql", json={"query": SIGN_UP, "variables": variables})
    token = response.json()["data"]["signUp"]["token"]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"session={token};")
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "path=/", "samesite=lax", "secure"} <= attributes
    assert "max-age=2592000" in attributes or "max-age=2591999" in attributes


def test_a_cookie_works_from_an_allowed_origin_and_from_non_browsers(
    http: httpx.Client, new_user: SignedInUser, live_server: object
) -> None:
    own = str(http.base_url).rstrip("/")
    expected = {"id": new_user.id}
    assert me_with_cookie(http, new_user.token) == expected
    assert me_with_cookie(http, new_user.token, Origin=ALLOWED) == expected
    assert me_with_cookie(http, new_user.token, Origin=own) == expected
    assert me_with_cookie(http, new_user.token, **{"Sec-Fetch-Site": "same-origin"}) == expected


def test_a_cookie_post_from_a_foreign_origin_is_anonymous(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    assert me_with_cookie(http, new_user.token, Origin=FOREIGN) is None
    assert me_with_cookie(http, new_user.token, Origin="null") is None
    assert me_with_cookie(http, new_user.token, **{"Sec-Fetch-Site": "cross-site"}) is None


def test_a_bearer_token_from_a_foreign_origin_is_allowed(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    body = gql(http, ME, token=new_user.token, headers={"Origin": FOREIGN})
    assert data_of(body)["me"] == {"id": new_user.id}


def test_a_foreign_origin_log_in_gets_no_cookie(http: httpx.Client, new_user: SignedInUser) -> None:
    variables = {"input": {"email": new_user.email, "password": new_user.password}}
    response = http.post(
        "/graphql",
        json={"query": LOG_IN, "variables": variables},
        headers={"Origin": FOREIGN},
    )
    assert response.json()["data"]["logIn"]["errors"] == []
    assert "set-cookie" not in response.headers


def test_log_out_clears_the_cookie(http: httpx.Client, new_user: SignedInUser) -> None:
    response = http.post(
        "/graphql", json={"query": LOG_OUT}, headers={"Cookie": f"session={new_user.token}"}
    )
    assert response.json()["data"]["logOut"] == {"sessionsEnded": 1}
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith('session="";') or cookie.startswith("session=;")
    assert "max-age=0" in cookie
    assert me_with_cookie(http, new_user.token) is None
