"""Failed log-ins are limited per account and per client IP, with counters in PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest
from argon2 import PasswordHasher

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.conftest import start_live_server
from tests.dbutil import sql
from tests.users import SignedInUser, sign_up_user

LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }
"""


def log_in_codes(http: httpx.Client, email: str, password: str) -> list[str]:
    variables = {"input": {"email": email, "password": password}}
    payload = data_of(gql(http, LOG_IN, variables))["logIn"]
    return [error["code"] for error in payload["errors"]]


def test_the_11th_attempt_after_10_failures_is_refused_even_with_the_password(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    # given nine failures
    for _ in range(9):
        assert log_in_codes(http, new_user.email, "wrong password") == ["INVALID_CREDENTIALS"]
    # when a 10th fails and an 11th has the right password
    tenth = log_in_codes(http, new_user.email, "wrong password")
    eleventh = log_in_codes(http, new_user.email, new_user.password)
    # then
    assert tenth == ["INVALID_CREDENTIALS"]
    assert eleventh == ["RATE_LIMITED"]


def test_a_success_before_the_limit_forgives_earlier_failures(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    for _ in range(9):
        log_in_codes(http, new_user.email, "wrong password")
    assert log_in_codes(http, new_user.email, new_user.password) == []
    for _ in range(10):
        assert log_in_codes(http, new_user.email, "wrong password") == ["INVALID_CREDENTIALS"]


def test_unknown_emails_are_throttled_like_known_ones(http: httpx.Client) -> None:
    email = "nobody-throttled@example.com"
    for _ in range(10):
        assert log_in_codes(http, email, "whatever password") == ["INVALID_CREDENTIALS"]
    assert log_in_codes(http, email, "whatever password") == ["RATE_LIMITED"]


def test_an_outdated_password_hash_is_upgraded_at_log_in(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    # given a hash made with weaker parameters
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(new_user.password)
    sql(database_url, "UPDATE auth.user SET password_hash = %s WHERE id = %s", [weak, new_user.id])
    # when the user logs in
    assert log_in_codes(http, new_user.email, new_user.password) == []
    # then the stored hash uses the current parameters
    [(stored,)] = sql(
        database_url, "SELECT password_hash FROM auth.user WHERE id = %s", [new_user.id]
    )
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.fixture
def strict_ip_http(settings: Settings, database_url: str) -> Iterator[httpx.Client]:
    """A second server on the same database allowing 3 failed log-ins per IP."""
    clear = "DELETE FROM auth.rate_limit_hits WHERE bucket = 'login_ip'"
    sql(database_url, clear)
    server = start_live_server(dataclasses.replace(settings, login_failures_per_ip=3), database_url)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield client
    finally:
        server.stop()
        sql(database_url, clear)


def test_failures_across_accounts_are_limited_per_ip(strict_ip_http: httpx.Client) -> None:
    # given a real account, and three failures from this IP on other emails
    user = sign_up_user(strict_ip_http)
    for n in range(3):
        email = f"nobody-{n}@example.com"
        assert log_in_codes(strict_ip_http, email, "password guess") == ["INVALID_CREDENTIALS"]
    # then even the right password for another account is refused from this IP
    assert log_in_codes(strict_ip_http, user.email, user.password) == ["RATE_LIMITED"]
