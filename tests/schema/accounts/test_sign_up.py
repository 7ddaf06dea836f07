"""signUp: validation, normalisation, taken identities, and the session it starts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.conftest import another_server
from tests.dbutil import sql
from tests.users import PASSWORD, SIGN_UP, SignedInUser, unique_suffix

ME = "query { me { id email name username phoneNumber phoneVerified createdAt } }"


def _input(**overrides: str) -> dict[str, dict[str, str]]:
    suffix = unique_suffix()
    given = {
        "email": f"new-{suffix}@example.com",
        "password": PASSWORD,
        "name": "New User",
        "username": f"new_{suffix}",
    }
    return {"input": {**given, **overrides}}


def _codes(payload: dict[str, list[dict[str, str]]]) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_sign_up_returns_a_token_that_signs_in(http: httpx.Client) -> None:
    # given a new account
    variables = _input(email="Mixed.Case@Example.COM".replace("Mixed", f"M{unique_suffix()}"))
    payload = data_of(gql(http, SIGN_UP, variables))["signUp"]
    # when the token is used as a bearer token
    me = data_of(gql(http, ME, token=payload["token"]))["me"]
    # then it is the new account, with its email lower-cased
    assert payload["errors"] == []
    assert me["id"] == payload["viewer"]["id"]
    assert me["email"] == variables["input"]["email"].lower()
    assert me["phoneVerified"] is False
    assert me["phoneNumber"] is None


def test_me_is_null_when_anonymous(http: httpx.Client) -> None:
    assert data_of(gql(http, ME))["me"] is None


def test_sign_up_with_a_taken_email_in_another_case_is_refused(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    # when someone signs up with the same email in upper case
    variables = _input(email=new_user.email.upper())
    payload = data_of(gql(http, SIGN_UP, variables))["signUp"]
    # then
    assert _codes(payload) == [("email", "EMAIL_TAKEN")]
    assert payload["token"] is None


def test_sign_up_with_a_taken_username_is_refused(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    payload = data_of(gql(http, SIGN_UP, _input(username=new_user.username.upper())))["signUp"]
    assert _codes(payload) == [("username", "USERNAME_TAKEN")]


def test_invalid_fields_are_each_reported(http: httpx.Client) -> None:
    variables = _input(email="not-an-email", username="ab", name="  ", password="short")
    payload = data_of(gql(http, SIGN_UP, variables))["signUp"]
    assert _codes(payload) == [
        ("email", "INVALID"),
        ("username", "INVALID"),
        ("name", "INVALID"),
        ("password", "WEAK_PASSWORD"),
    ]


def test_password_length_boundaries(http: httpx.Client) -> None:
    # 7 and 129 characters are refused; 8 and 128 are accepted
    long = ("correct horse battery staple " * 5)[:128]
    for password, accepted in [("kX9#mQ2v", True), ("kX9#mQ2", False)]:
        payload = data_of(gql(http, SIGN_UP, _input(password=password)))["signUp"]
        assert (payload["errors"] == []) is accepted
    for password, accepted in [(long, True), (long + "!", False)]:
        payload = data_of(gql(http, SIGN_UP, _input(password=password)))["signUp"]
        assert (payload["errors"] == []) is accepted


def test_easily_guessed_passwords_are_refused_with_the_reason(http: httpx.Client) -> None:
    for password, reason in [
        ("Password123", "This is a very common password."),
        (" " * 8, 'Repeats like "aaa" are easy to guess.'),
        ("aaaaaaaa", 'Repeats like "aaa" are easy to guess.'),
    ]:
        payload = data_of(gql(http, SIGN_UP, _input(password=password)))["signUp"]
        assert _codes(payload) == [("password", "WEAK_PASSWORD")]
        assert reason in payload["errors"][0]["message"]


def test_a_password_made_of_the_username_is_refused(http: httpx.Client) -> None:
    suffix = unique_suffix()
    variables = _input(username=f"mia_{suffix}", password=f"mia_{suffix}")
    payload = data_of(gql(http, SIGN_UP, variables))["signUp"]
    assert _codes(payload) == [("password", "WEAK_PASSWORD")]


def test_a_taken_email_is_answered_as_slowly_as_a_new_one(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    # given sign-ups with a taken email and with new ones, interleaved, timed
    taken: list[float] = []
    new: list[float] = []
    for _ in range(5):
        for email, times in [(new_user.email, taken), (f"t-{unique_suffix()}@example.com", new)]:
            started = time.perf_counter()
            gql(http, SIGN_UP, _input(email=email))
            times.append(time.perf_counter() - started)
    # then the quickest refusal takes most of the quickest success's time: both hash the password
    # (without it, 2 ms against 27 ms)
    assert min(taken) > 0.5 * min(new), (taken, new)


def test_the_password_is_stored_as_an_argon2id_hash(
    new_user: SignedInUser, database_url: str
) -> None:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT password_hash FROM auth.user WHERE id = %s", [new_user.id]
        ).fetchone()
    assert row is not None
    assert row[0].startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert new_user.password not in row[0]


@pytest.fixture
def strict_signup_http(settings: Settings, database_url: str) -> Iterator[httpx.Client]:
    """A second server on the same database allowing 3 sign-up attempts per address per hour."""
    with another_server(settings, database_url, ["signup_ip"], signups_per_ip_per_hour=3) as client:
        yield client


def test_sign_up_attempts_are_limited_per_client_address(
    strict_signup_http: httpx.Client, database_url: str
) -> None:
    # given three attempts from this address, one of them invalid
    invalid = data_of(gql(strict_signup_http, SIGN_UP, _input(email="nope")))["signUp"]
    assert _codes(invalid) == [("email", "INVALID")]
    for _ in range(2):
        assert data_of(gql(strict_signup_http, SIGN_UP, _input()))["signUp"]["errors"] == []
    # when a fourth is made
    variables = _input()
    fourth = data_of(gql(strict_signup_http, SIGN_UP, variables))["signUp"]
    # then it is refused, says when to come back, and creates no account
    assert [(error["field"], error["code"]) for error in fourth["errors"]] == [
        (None, "RATE_LIMITED")
    ]
    assert fourth["errors"][0]["message"].endswith("try again in 60 minute(s).")
    email = variables["input"]["email"]
    assert sql(database_url, "SELECT 1 FROM auth.user WHERE email = %s", [email]) == []
