"""Sessions: hashed at rest, slid forward when used, bounded in total, ended by logging out."""

from __future__ import annotations

import hashlib

import httpx

from tests.client import data_of, gql
from tests.dbutil import sql
from tests.users import SignedInUser, sign_up_user

ME = "query { me { id } }"
LOG_OUT = "mutation { logOut { sessionsEnded errors { code } } }"
LOG_OUT_EVERYWHERE = "mutation { logOutEverywhere { sessionsEnded errors { code } } }"
LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }
"""


def me(http: httpx.Client, token: str) -> object:
    return data_of(gql(http, ME, token=token))["me"]


def session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def set_session(database_url: str, token: str, expires_in: str, created_ago: str = "0") -> None:
    sql(
        database_url,
        "UPDATE auth.session SET expires_at = now() + %s::interval,"
        " created_at = now() - %s::interval WHERE id = %s",
        [expires_in, created_ago, session_id(token)],
    )


def days_left(database_url: str, token: str) -> float:
    [(days,)] = sql(
        database_url,
        "SELECT extract(epoch FROM expires_at - now()) / 86400 FROM auth.session WHERE id = %s",
        [session_id(token)],
    )
    return float(days)


def test_the_stored_session_id_is_the_hash_not_the_token(
    new_user: SignedInUser, database_url: str
) -> None:
    rows = sql(database_url, "SELECT id FROM auth.session WHERE user_id = %s", [new_user.id])
    assert rows == [(session_id(new_user.token),)]
    assert len(new_user.token) >= 43  # 32 random bytes, base64url


def test_a_forged_or_unknown_token_is_anonymous(http: httpx.Client, new_user: SignedInUser) -> None:
    for token in ["forged", new_user.token[:-1] + "x", "x" * 500, session_id(new_user.token)]:
        assert me(http, token) is None
    malformed = gql(http, ME, headers={"Authorization": "Basic abc"})
    assert data_of(malformed)["me"] is None


def test_an_expired_session_is_anonymous(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    set_session(database_url, new_user.token, "-1 second")
    assert me(http, new_user.token) is None


def test_a_session_with_less_than_15_days_left_is_renewed_to_30(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    # given a session with 14 days left
    set_session(database_url, new_user.token, "14 days")
    # when it is used
    assert me(http, new_user.token) == {"id": new_user.id}
    # then it has 30 days again
    assert 29.9 < days_left(database_url, new_user.token) <= 30


def test_a_session_with_more_than_15_days_left_is_not_touched(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    set_session(database_url, new_user.token, "16 days")
    assert me(http, new_user.token) == {"id": new_user.id}
    assert 15.9 < days_left(database_url, new_user.token) < 16


def test_renewal_stops_at_the_hard_limit_from_creation(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    # given a session created 80 days ago (limit 90) with 5 days left
    set_session(database_url, new_user.token, "5 days", created_ago="80 days")
    # when it is used, it is renewed only up to day 90
    assert me(http, new_user.token) == {"id": new_user.id}
    assert 9.9 < days_left(database_url, new_user.token) <= 10
    # and a session past its hard limit is dead whatever its expiry says
    set_session(database_url, new_user.token, "5 days", created_ago="90 days 1 second")
    assert me(http, new_user.token) is None


def test_log_out_ends_only_this_session(http: httpx.Client, new_user: SignedInUser) -> None:
    # given a second session from logging in again
    variables = {"input": {"email": new_user.email, "password": new_user.password}}
    other = data_of(gql(http, LOG_IN, variables))["logIn"]["token"]
    # when the first logs out
    ended = data_of(gql(http, LOG_OUT, token=new_user.token))["logOut"]
    # then it is dead and the other lives
    assert ended == {"sessionsEnded": 1, "errors": []}
    assert me(http, new_user.token) is None
    assert me(http, other) == {"id": new_user.id}


def test_log_out_everywhere_ends_every_session(http: httpx.Client) -> None:
    user = sign_up_user(http)
    variables = {"input": {"email": user.email, "password": user.password}}
    other = data_of(gql(http, LOG_IN, variables))["logIn"]["token"]
    ended = data_of(gql(http, LOG_OUT_EVERYWHERE, token=other))["logOutEverywhere"]
    assert ended == {"sessionsEnded": 2, "errors": []}
    assert me(http, user.token) is None
    assert me(http, other) is None


def test_logging_out_needs_a_session(http: httpx.Client) -> None:
    for document, field in [(LOG_OUT, "logOut"), (LOG_OUT_EVERYWHERE, "logOutEverywhere")]:
        payload = data_of(gql(http, document))[field]
        assert payload == {"sessionsEnded": 0, "errors": [{"code": "UNAUTHENTICATED"}]}
