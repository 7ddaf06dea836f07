"""verifyPhone: attempts counted exactly, codes bound to user, number and time, single use."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import httpx

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.dbutil import sql
from tests.users import (
    REQUEST_PHONE_VERIFICATION,
    VERIFY_PHONE,
    SignedInUser,
    end_cooldown,
    last_code_sent_to,
    random_phone_number,
    sign_up_user,
)


def request_code(http: httpx.Client, user: SignedInUser, outbox: Path, phone: str) -> str:
    body = gql(
        http, REQUEST_PHONE_VERIFICATION, {"input": {"phoneNumber": phone}}, token=user.token
    )
    assert data_of(body)["requestPhoneVerification"]["errors"] == []
    return last_code_sent_to(outbox, phone)


def verify(http: httpx.Client, user: SignedInUser, phone: str, code: str) -> dict[str, object]:
    variables = {"input": {"phoneNumber": phone, "code": code}}
    payload: dict[str, object] = data_of(gql(http, VERIFY_PHONE, variables, token=user.token))[
        "verifyPhone"
    ]
    return payload


def codes(payload: dict[str, object]) -> list[str]:
    errors = payload["errors"]
    assert isinstance(errors, list)
    return [error["code"] for error in errors]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_right_code_verifies_the_number(
    http: httpx.Client, new_user: SignedInUser, settings: Settings
) -> None:
    # given a code sent to a number typed in national format
    phone = random_phone_number()
    national = f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}"
    code = request_code(http, new_user, settings.sms_outbox, phone)
    # when the user enters it
    payload = verify(http, new_user, national, code)
    # then the number, in E.164, is the user's and verified
    assert payload["errors"] == []
    assert payload["viewer"] == {"id": new_user.id, "phoneNumber": phone, "phoneVerified": True}


def test_a_reused_code_is_refused(
    http: httpx.Client, new_user: SignedInUser, settings: Settings
) -> None:
    phone = random_phone_number()
    code = request_code(http, new_user, settings.sms_outbox, phone)
    assert verify(http, new_user, phone, code)["errors"] == []
    assert codes(verify(http, new_user, phone, code)) == ["INVALID_CODE"]


def test_the_fifth_attempt_may_succeed_and_the_sixth_fails_even_when_right(
    http: httpx.Client, settings: Settings
) -> None:
    # given two users with a code each, and four wrong guesses on both
    first, second = sign_up_user(http), sign_up_user(http)
    phones = {first.id: random_phone_number(), second.id: random_phone_number()}
    code_of = {
        user.id: request_code(http, user, settings.sms_outbox, phones[user.id])
        for user in (first, second)
    }
    for user in (first, second):
        for attempt in range(1, 5):
            payload = verify(http, user, phones[user.id], wrong(code_of[user.id]))
            assert codes(payload) == ["INVALID_CODE"]
            assert payload["attemptsRemaining"] == 5 - attempt
    # when the first tries the right code as 5th attempt, the second a 5th wrong and a 6th right
    fifth_right = verify(http, first, phones[first.id], code_of[first.id])
    fifth_wrong = verify(http, second, phones[second.id], wrong(code_of[second.id]))
    sixth_right = verify(http, second, phones[second.id], code_of[second.id])
    # then
    assert fifth_right["errors"] == []
    assert codes(fifth_wrong) == ["INVALID_CODE"]
    assert fifth_wrong["attemptsRemaining"] == 0
    assert codes(sixth_right) == ["TOO_MANY_ATTEMPTS"]


def test_concurrent_wrong_guesses_are_counted_exactly(
    live_server: object,
    http: httpx.Client,
    new_user: SignedInUser,
    settings: Settings,
    database_url: str,
) -> None:
    # given a code
    phone = random_phone_number()
    code = request_code(http, new_user, settings.sms_outbox, phone)
    # when 50 wrong guesses arrive at once
    with concurrent.futures.ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(lambda _: verify(http, new_user, phone, wrong(code)), range(50)))
    # then exactly 5 were judged, the rest refused, and the right code now fails too
    outcomes = sorted(codes(result)[0] for result in results)
    assert outcomes == ["INVALID_CODE"] * 5 + ["TOO_MANY_ATTEMPTS"] * 45
    rows = sql(
        database_url,
        "SELECT attempts FROM auth.phone_verifications WHERE user_id = %s",
        [new_user.id],
    )
    assert rows == [(50,)]
    assert codes(verify(http, new_user, phone, code)) == ["TOO_MANY_ATTEMPTS"]


def test_an_expired_code_is_refused(
    http: httpx.Client, new_user: SignedInUser, settings: Settings, database_url: str
) -> None:
    # given a code whose 10 minutes are over
    phone = random_phone_number()
    code = request_code(http, new_user, settings.sms_outbox, phone)
    sql(
        database_url,
        "UPDATE auth.phone_verifications"
        " SET expires_at = expires_at - interval '10 minutes 1 second' WHERE user_id = %s",
        [new_user.id],
    )
    # then it no longer works
    assert codes(verify(http, new_user, phone, code)) == ["CODE_EXPIRED"]


def test_a_code_does_not_work_for_another_phone_or_user(
    http: httpx.Client, settings: Settings
) -> None:
    # given a code sent to the first user's number
    owner, other = sign_up_user(http), sign_up_user(http)
    phone = random_phone_number()
    code = request_code(http, owner, settings.sms_outbox, phone)
    # when it is tried for another number, and by another user for the same number
    for_another_phone = verify(http, owner, random_phone_number(), code)
    by_another_user = verify(http, other, phone, code)
    # then both fail, and the owner can still use it
    assert codes(for_another_phone) == ["INVALID_CODE"]
    assert codes(by_another_user) == ["INVALID_CODE"]
    assert verify(http, owner, phone, code)["errors"] == []


def test_a_new_code_voids_the_older_one(
    http: httpx.Client, new_user: SignedInUser, settings: Settings, database_url: str
) -> None:
    # given a code, then (after the cooldown) a second one for the same number
    phone = random_phone_number()
    old_code = request_code(http, new_user, settings.sms_outbox, phone)
    end_cooldown(database_url, phone)
    new_code = request_code(http, new_user, settings.sms_outbox, phone)
    # then only the newest works
    if old_code != new_code:
        assert codes(verify(http, new_user, phone, old_code)) == ["INVALID_CODE"]
    assert verify(http, new_user, phone, new_code)["errors"] == []


def test_the_stored_code_is_not_the_code(
    http: httpx.Client, new_user: SignedInUser, settings: Settings, database_url: str
) -> None:
    phone = random_phone_number()
    code = request_code(http, new_user, settings.sms_outbox, phone)
    rows = sql(
        database_url,
        "SELECT code_hash, row_to_json(v)::text FROM auth.phone_verifications AS v"
        " WHERE user_id = %s",
        [new_user.id],
    )
    [(code_hash, whole_row)] = rows
    assert len(code_hash) == 64
    assert code not in whole_row


def test_verifying_needs_a_signed_in_user_and_a_well_formed_code(
    http: httpx.Client, new_user: SignedInUser
) -> None:
    phone = random_phone_number()
    anonymous = data_of(
        gql(http, VERIFY_PHONE, {"input": {"phoneNumber": phone, "code": "123456"}})
    )["verifyPhone"]
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    assert codes(verify(http, new_user, phone, "12345")) == ["INVALID"]
    assert codes(verify(http, new_user, "not a phone", "123456")) == ["INVALID_PHONE_NUMBER"]


def test_phone_in_use_is_said_only_after_the_right_code(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    settings: Settings,
    database_url: str,
) -> None:
    # given a code sent for a number another account has verified
    me = data_of(gql(http, "query { me { phoneNumber } }", token=verified_user.token))["me"]
    linked = me["phoneNumber"]
    end_cooldown(database_url, linked)
    code = request_code(http, new_user, settings.sms_outbox, linked)
    # when a wrong code, then the right one, is entered
    wrong_code = verify(http, new_user, linked, wrong(code))
    right_code = verify(http, new_user, linked, code)
    # then the wrong one reads like any wrong code, the right one says the number is taken
    assert codes(wrong_code) == ["INVALID_CODE"]
    assert wrong_code["attemptsRemaining"] == 4
    assert codes(right_code) == ["PHONE_IN_USE"]
    assert right_code["viewer"] is None
    still = data_of(gql(http, "query { me { phoneNumber } }", token=verified_user.token))["me"]
    assert still["phoneNumber"] == linked
