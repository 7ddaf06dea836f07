"""The session cookie: its attributes, and the origin rule that keeps it from serving CSRF."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows
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


def _new_account(session: str) -> dict[str, str]:
    """A `SignUpInput` for a new account, asking for `session`."""
    suffix = unique_suffix()
    return {
        "email": f"c-{suffix}@example.com",
        "password": "long enough password",
        "name": "Cookie",
        "username": f"c_{suffix}",
        "session": session,
    }


def test_a_cookie_session_is_a_hardened_cookie_and_never_a_token(http: httpx.Client) -> None:
    # when a browser signs up asking for its session as a cookie
    response = http.post(
        "/graphql", json={"query": SIGN_UP, "variables": {"input": _new_account("COOKIE")}}
    )
    # then the session is the cookie alone: page scripts never see a token
    payload = response.json()["data"]["signUp"]
    assert payload["errors"] == []
    assert payload["token"] is None
    cookie = response.headers["set-cookie"]
    name, _, rest = cookie.partition("=")
    token = rest.split(";")[0]
    assert name == "session"
    assert len(token) > 20
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "path=/", "samesite=lax", "secure"} <= attributes
    assert "max-age=2592000" in attributes or "max-age=2591999" in attributes
    # and the cookie signs the browser in
    assert me_with_cookie(http, token) == {"id": payload["viewer"]["id"]}


def test_a_token_session_sets_no_cookie(http: httpx.Client, new_user: SignedInUser) -> None:
    # when a program logs in, asking for a token or not saying (TOKEN is the default)
    for session in ("TOKEN", None):
        given = {"email": new_user.email, "password": new_user.password}
        if session is not None:
            given["session"] = session
        response = http.post("/graphql", json={"query": LOG_IN, "variables": {"input": given}})
        # then it gets a token, and no cookie
        assert response.json()["data"]["logIn"]["token"]
        assert "set-cookie" not in response.headers


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


def test_a_foreign_origin_gets_no_cookie_session(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    # when a page on a foreign origin logs in or signs up asking for a cookie
    given = {"email": new_user.email, "password": new_user.password, "session": "COOKIE"}
    log_in = http.post(
        "/graphql",
        json={"query": LOG_IN, "variables": {"input": given}},
        headers={"Origin": FOREIGN},
    )
    account = _new_account("COOKIE")
    sign_up = http.post(
        "/graphql",
        json={"query": SIGN_UP, "variables": {"input": account}},
        headers={"Origin": FOREIGN},
    )
    # then both are refused: no cookie, no token, no account
    for response, field in ((log_in, "logIn"), (sign_up, "signUp")):
        payload = response.json()["data"][field]
        assert [error["code"] for error in payload["errors"]] == ["UNTRUSTED_ORIGIN"]
        assert payload["token"] is None
        assert "set-cookie" not in response.headers
    assert rows(database_url, "SELECT 1 FROM auth.user WHERE email = %s", [account["email"]]) == []
    # while a token session from there is fine (a browser never sends a token on its own)
    given["session"] = "TOKEN"
    token = http.post(
        "/graphql",
        json={"query": LOG_IN, "variables": {"input": given}},
        headers={"Origin": FOREIGN},
    )
    assert token.json()["data"]["logIn"]["token"]


def test_log_out_clears_the_cookie(http: httpx.Client, new_user: SignedInUser) -> None:
    response = http.post(
        "/graphql", json={"query": LOG_OUT}, headers={"Cookie": f"session={new_user.token}"}
    )
    assert response.json()["data"]["logOut"] == {"sessionsEnded": 1}
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith('session="";') or cookie.startswith("session=;")
    assert "max-age=0" in cookie
    assert me_with_cookie(http, new_user.token) is None
