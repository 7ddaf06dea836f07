"""requestPhoneVerification: who may ask, for which number, and how often."""

from __future__ import annotations

import logging
import secrets

import httpx
import pytest

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.conftest import another_server
from tests.users import (
    REQUEST_PHONE_VERIFICATION,
    SignedInUser,
    end_cooldown,
    last_message_to,
    random_phone_number,
    sign_up_user,
)

PHONE_OF_ME = "query { me { phoneNumber } }"


def uk_mobile_number() -> str:
    return f"+447400{secrets.randbelow(10**6):06d}"


def request_with_statements(
    http: httpx.Client, phone: str, token: str
) -> tuple[dict[str, object], str]:
    """The payload, and the SQL statements the request ran (the `X-SQL-Statements` header)."""
    document = {"query": REQUEST_PHONE_VERIFICATION, "variables": {"input": {"phoneNumber": phone}}}
    response = http.post("/graphql", json=document, headers={"Authorization": f"Bearer {token}"})
    payload: dict[str, object] = data_of(response.json())["requestPhoneVerification"]
    return payload, response.headers["X-SQL-Statements"]


def request(http: httpx.Client, phone: str, token: str | None) -> dict[str, object]:
    variables = {"input": {"phoneNumber": phone}}
    body = gql(http, REQUEST_PHONE_VERIFICATION, variables, token=token)
    payload: dict[str, object] = data_of(body)["requestPhoneVerification"]
    return payload


def codes(payload: dict[str, object]) -> list[str]:
    errors = payload["errors"]
    assert isinstance(errors, list)
    return [error["code"] for error in errors]


def test_a_code_is_sent_to_the_normalised_number(
    http: httpx.Client, new_user: SignedInUser, settings: Settings
) -> None:
    # given a number in international format with spaces
    phone = random_phone_number()
    spaced = f"+1 {phone[2:5]} {phone[5:8]} {phone[8:]}"
    # when a code is requested
    payload = request(http, spaced, new_user.token)
    # then it was sent to the E.164 number, with the cooldown as retry time
    assert payload["errors"] == []
    assert payload["retryAfterSeconds"] == 60
    assert payload["expiresAt"] is not None
    assert f'"to": "{phone}"' in settings.sms_outbox.read_text()


def test_anonymous_requests_and_invalid_numbers_are_refused(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    assert codes(request(http, random_phone_number(), None)) == ["UNAUTHENTICATED"]
    for bad in ["12", "+1 555 0000", "call me maybe", "+999 1234567"]:
        assert codes(request(http, bad, new_user.token)) == ["INVALID_PHONE_NUMBER"]


def test_only_mobile_numbers_get_a_code(
    http: httpx.Client, new_user: SignedInUser, settings: Settings
) -> None:
    # when codes are asked for a premium-rate, a toll-free and two mobile numbers
    premium = request(http, "+1 900 555 0142", new_user.token)
    toll_free = request(http, "+1 800 555 0142", new_user.token)
    us_mobile = request(http, random_phone_number(), new_user.token)
    uk_mobile = request(http, uk_mobile_number(), new_user.token)
    # then only the mobile numbers get one
    assert codes(premium) == codes(toll_free) == ["UNSUPPORTED_PHONE_NUMBER"]
    assert us_mobile["errors"] == uk_mobile["errors"] == []
    outbox = settings.sms_outbox.read_text()
    assert '"to": "+1900' not in outbox
    assert '"to": "+1800' not in outbox


def test_a_number_linked_to_another_account_gets_the_same_answer_and_work(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    settings: Settings,
    database_url: str,
) -> None:
    # given a number another account has verified (its cooldown over), and one nobody has
    linked = data_of(gql(http, PHONE_OF_ME, token=verified_user.token))["me"]["phoneNumber"]
    end_cooldown(database_url, linked)
    free = random_phone_number()
    # when a code is requested for each
    linked_payload, linked_statements = request_with_statements(http, linked, new_user.token)
    free_payload, free_statements = request_with_statements(http, free, new_user.token)
    # then the answers differ only in time, the same statements ran, and the texts differ
    assert linked_payload["errors"] == []
    assert {**linked_payload, "expiresAt": None} == {**free_payload, "expiresAt": None}
    assert linked_statements == free_statements
    assert "already linked to an account" in last_message_to(settings.sms_outbox, linked)
    assert "already linked" not in last_message_to(settings.sms_outbox, free)


def test_requests_for_a_linked_number_count_against_its_limits(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, database_url: str
) -> None:
    linked = data_of(gql(http, PHONE_OF_ME, token=verified_user.token))["me"]["phoneNumber"]
    end_cooldown(database_url, linked)
    assert request(http, linked, new_user.token)["errors"] == []
    assert codes(request(http, linked, new_user.token)) == ["RATE_LIMITED"]


def test_a_resend_inside_the_cooldown_is_refused_with_the_wait(
    http: httpx.Client, new_user: SignedInUser, database_url: str
) -> None:
    # given a code just sent
    phone = random_phone_number()
    assert request(http, phone, new_user.token)["errors"] == []
    # when another is asked for at once, then after 60 seconds
    too_soon = request(http, phone, new_user.token)
    end_cooldown(database_url, phone)
    later = request(http, phone, new_user.token)
    # then the first is refused with the remaining wait, the second is sent
    assert codes(too_soon) == ["RATE_LIMITED"]
    assert isinstance(too_soon["retryAfterSeconds"], int)
    assert 0 < too_soon["retryAfterSeconds"] <= 60
    assert later["errors"] == []


def test_at_most_five_codes_per_number_per_hour(
    http: httpx.Client, settings: Settings, database_url: str
) -> None:
    # given five codes sent to one number (by two users), cooldowns waited out
    phone = random_phone_number()
    users = [sign_up_user(http), sign_up_user(http)]
    for sent in range(5):
        assert request(http, phone, users[sent % 2].token)["errors"] == []
        end_cooldown(database_url, phone)
    # when a sixth is asked for
    sixth = request(http, phone, users[0].token)
    # then it is refused until the first of the hour leaves the window
    assert codes(sixth) == ["RATE_LIMITED"]
    assert isinstance(sixth["retryAfterSeconds"], int)
    assert 3000 < sixth["retryAfterSeconds"] <= 3600


def test_at_most_ten_codes_per_user_per_day(http: httpx.Client, new_user: SignedInUser) -> None:
    for _ in range(10):
        assert request(http, random_phone_number(), new_user.token)["errors"] == []
    eleventh = request(http, random_phone_number(), new_user.token)
    assert codes(eleventh) == ["RATE_LIMITED"]


def test_only_numbers_of_the_allowed_regions_get_a_code(
    settings: Settings, database_url: str
) -> None:
    with another_server(settings, database_url, sms_allowed_regions=("US",)) as http:
        user = sign_up_user(http)
        abroad = request(http, uk_mobile_number(), user.token)
        at_home = request(http, random_phone_number(), user.token)
    assert codes(abroad) == ["UNSUPPORTED_PHONE_NUMBER"]
    assert at_home["errors"] == []


def test_codes_are_limited_per_client_address(settings: Settings, database_url: str) -> None:
    with another_server(settings, database_url, ["sms_ip"], sms_per_ip_per_hour=3) as http:
        # given three codes sent from this address, for two accounts
        first, second = sign_up_user(http), sign_up_user(http)
        for user in [first, first, second]:
            assert request(http, random_phone_number(), user.token)["errors"] == []
        # when a third account asks for a fourth
        fourth = request(http, random_phone_number(), sign_up_user(http).token)
    # then it is refused for the rest of the hour
    assert codes(fourth) == ["RATE_LIMITED"]
    assert isinstance(fourth["retryAfterSeconds"], int)
    assert 3500 < fourth["retryAfterSeconds"] <= 3600


def test_past_the_hourly_total_no_code_is_sent_and_the_log_says_so(
    settings: Settings, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with another_server(settings, database_url, ["sms_all"], sms_per_hour=2) as http:
        # given two codes sent in the last hour, to anyone
        for _ in range(2):
            user = sign_up_user(http)
            assert request(http, random_phone_number(), user.token)["errors"] == []
        # when another account asks for a third
        phone = random_phone_number()
        third = request(http, phone, sign_up_user(http).token)
    # then it is refused, nothing is sent, and the breaker is logged at CRITICAL
    assert codes(third) == ["RATE_LIMITED"]
    assert f'"to": "{phone}"' not in settings.sms_outbox.read_text()
    [record] = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert record.getMessage().startswith(
        "SMS circuit breaker open: 2 verification texts in the last hour reached SMS_PER_HOUR"
    )
