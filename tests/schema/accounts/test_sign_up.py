"""signUp: validation, normalisation, taken identities, and the session it starts."""

from __future__ import annotations

import httpx
import psycopg

from tests.client import data_of, gql
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
    for password, accepted in [("a" * 7 + "b", True), ("abcdefg", False)]:
        payload = data_of(gql(http, SIGN_UP, _input(password=password)))["signUp"]
        assert (payload["errors"] == []) is accepted
    for password, accepted in [("x" * 127 + "y", True), ("x" * 128 + "y", False)]:
        payload = data_of(gql(http, SIGN_UP, _input(password=password)))["signUp"]
        assert (payload["errors"] == []) is accepted


def test_a_common_password_is_refused(http: httpx.Client) -> None:
    payload = data_of(gql(http, SIGN_UP, _input(password="Password123")))["signUp"]
    assert _codes(payload) == [("password", "WEAK_PASSWORD")]


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
