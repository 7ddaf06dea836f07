"""logIn: the same answer for unknown emails and wrong passwords, and a new token every time."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.users import SignedInUser

LOG_IN = """
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) {
    token
    viewer { id email }
    errors { field code message }
  }
}
"""
ME = "query { me { id } }"


def log_in(http: httpx.Client, email: str, password: str) -> dict[str, object]:
    variables = {"input": {"email": email, "password": password}}
    payload: dict[str, object] = data_of(gql(http, LOG_IN, variables))["logIn"]
    return payload


def test_log_in_issues_a_new_token_each_time(http: httpx.Client, new_user: SignedInUser) -> None:
    # when the user logs in twice, with the email in another case
    first = log_in(http, new_user.email.upper(), new_user.password)
    second = log_in(http, new_user.email, new_user.password)
    # then both tokens are new and both work
    assert first["errors"] == []
    assert second["errors"] == []
    tokens = {new_user.token, first["token"], second["token"]}
    assert len(tokens) == 3
    for token in tokens:
        assert data_of(gql(http, ME, token=str(token)))["me"] == {"id": new_user.id}


def test_unknown_email_and_wrong_password_get_the_same_answer(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    wrong_password = log_in(http, new_user.email, "not the password")
    unknown_email = log_in(http, "nobody-" + new_user.email, new_user.password)
    assert wrong_password == unknown_email
    assert wrong_password["token"] is None
    assert wrong_password["errors"] == [
        {
            "field": None,
            "code": "INVALID_CREDENTIALS",
            "message": "The email or password is not right.",
        }
    ]
