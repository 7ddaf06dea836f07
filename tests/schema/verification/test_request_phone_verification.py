"""requestPhoneVerification: who may ask, for which number, and how often."""

from __future__ import annotations

import httpx

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.dbutil import sql
from tests.users import (
    REQUEST_PHONE_VERIFICATION,
    SignedInUser,
    random_phone_number,
    sign_up_user,
)

PHONE_OF_ME = "query { me { phoneNumber } }"


def request(http: httpx.Client, phone: str, token: str | None) -> dict[str, object]:
    variables = {"input": {"phoneNumber": phone}}
    body = gql(http, REQUEST_PHONE_VERIFICATION, variables, token=token)
    payload: dict[str, object] = data_of(body)["requestPhoneVerification"]
    return payload


def codes(payload: dict[str, object]) -> list[str]:
    errors = payload["errors"]
    assert isinstance(errors, list)
    return [error["code"] for error in errors]


def end_cooldown(database_url: str, phone: str) -> None:
    sql(
        database_url,
        "UPDATE auth.rate_limit_hits SET hit_at = hit_at - interval '61 seconds'"
        " WHERE bucket = 'otp_phone_cooldown' AND subject = %s",
        [phone],
    )


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


def test_a_number_verified_by_another_account_is_in_use(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser
) -> None:
    taken = data_of(gql(http, PHONE_OF_ME, token=verified_user.token))["me"]["phoneNumber"]
    assert codes(request(http, taken, new_user.token)) == ["PHONE_IN_USE"]


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
