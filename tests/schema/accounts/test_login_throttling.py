"""Failed log-ins are limited per account and per client IP, with counters in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from argon2 import PasswordHasher

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.conftest import another_server
from tests.dbutil import sql
from tests.users import SignedInUser, sign_up_user, unique_suffix

LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }
"""


def log_in_codes(
    http: httpx.Client, email: str, password: str, headers: dict[str, str] | None = None
) -> list[str]:
    variables = {"input": {"email": email, "password": password}}
    payload = data_of(gql(http, LOG_IN, variables, headers=headers))["logIn"]
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
    with another_server(settings, database_url, ["login_ip"], login_failures_per_ip=3) as client:
        yield client


@pytest.fixture
def behind_proxy_http(settings: Settings, database_url: str) -> Iterator[httpx.Client]:
    """Like `strict_ip_http`, behind a proxy at 127.0.0.1 (FORWARDED_ALLOW_IPS) naming clients."""
    with another_server(
        settings,
        database_url,
        ["login_ip"],
        login_failures_per_ip=3,
        forwarded_allow_ips=("127.0.0.1",),
    ) as client:
        yield client


def test_failures_across_accounts_are_limited_per_ip(strict_ip_http: httpx.Client) -> None:
    # given a real account, and three failures from this IP on other emails
    user = sign_up_user(strict_ip_http)
    for n in range(3):
        email = f"nobody-{n}@example.com"
        assert log_in_codes(strict_ip_http, email, "password guess") == ["INVALID_CREDENTIALS"]
    # then even the right password for another account is refused from this IP
    assert log_in_codes(strict_ip_http, user.email, user.password) == ["RATE_LIMITED"]


def test_a_client_cannot_choose_its_address_with_x_forwarded_for(
    strict_ip_http: httpx.Client,
) -> None:
    # given three failures from 127.0.0.1, each claiming another address
    stranger = f"nobody-{unique_suffix()}@example.com"
    user = sign_up_user(strict_ip_http)
    for n in range(3):
        spoofed = {"X-Forwarded-For": f"198.51.100.{n}"}
        failed = log_in_codes(strict_ip_http, stranger, "guess", spoofed)
        assert failed == ["INVALID_CREDENTIALS"]
    # when a fourth claims yet another address
    fourth = log_in_codes(
        strict_ip_http, user.email, user.password, {"X-Forwarded-For": "198.51.100.9"}
    )
    # then all four counted against 127.0.0.1
    assert fourth == ["RATE_LIMITED"]


def test_behind_a_trusted_proxy_each_forwarded_client_is_limited_apart(
    behind_proxy_http: httpx.Client,
) -> None:
    # given three failures from one client named by the proxy
    stranger = f"nobody-{unique_suffix()}@example.com"
    user = sign_up_user(behind_proxy_http)
    client_a, client_b = {"X-Forwarded-For": "203.0.113.5"}, {"X-Forwarded-For": "203.0.113.6"}
    for _ in range(3):
        failed = log_in_codes(behind_proxy_http, stranger, "guess", client_a)
        assert failed == ["INVALID_CREDENTIALS"]
    # then that client is refused, another is not
    assert log_in_codes(behind_proxy_http, user.email, user.password, client_a) == ["RATE_LIMITED"]
    assert log_in_codes(behind_proxy_http, user.email, user.password, client_b) == []


def test_ipv6_clients_are_limited_per_64_bit_network(behind_proxy_http: httpx.Client) -> None:
    # given three failures from three addresses of one /64
    stranger = f"nobody-{unique_suffix()}@example.com"
    user = sign_up_user(behind_proxy_http)
    for host in ["2001:db8::1", "2001:db8::2", "2001:db8::ffff:1"]:
        failed = log_in_codes(behind_proxy_http, stranger, "guess", {"X-Forwarded-For": host})
        assert failed == ["INVALID_CREDENTIALS"]
    # then a fourth address of it is refused, one in the next /64 is not
    same_network = {"X-Forwarded-For": "2001:db8::abcd"}
    next_network = {"X-Forwarded-For": "2001:db8:0:1::1"}
    assert log_in_codes(behind_proxy_http, user.email, user.password, same_network) == [
        "RATE_LIMITED"
    ]
    assert log_in_codes(behind_proxy_http, user.email, user.password, next_network) == []
