"""Signed-in users for tests, made through the real API (signUp, and the OTP flow for phones)."""

from __future__ import annotations

import dataclasses
import json
import secrets
from pathlib import Path

import httpx

from tests.client import data_of, gql
from tests.dbutil import sql

PASSWORD = "correct horse battery staple"

SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    token
    viewer { id email username }
    errors { field code message }
  }
}
"""

REQUEST_PHONE_VERIFICATION = """
mutation Request($input: RequestPhoneVerificationInput!) {
  requestPhoneVerification(input: $input) {
    expiresAt retryAfterSeconds errors { field code message }
  }
}
"""

VERIFY_PHONE = """
mutation Verify($input: VerifyPhoneInput!) {
  verifyPhone(input: $input) {
    viewer { id phoneNumber phoneVerified }
    attemptsRemaining
    errors { field code message }
  }
}
"""


@dataclasses.dataclass(frozen=True, slots=True)
class SignedInUser:
    id: str
    email: str
    username: str
    password: str
    token: str


def unique_suffix() -> str:
    return secrets.token_hex(5)


def sign_up_user(http: httpx.Client, password: str = PASSWORD) -> SignedInUser:
    """A fresh account with a random email and username, signed in (bearer token)."""
    suffix = unique_suffix()
    email, username = f"user-{suffix}@example.com", f"user_{suffix}"
    variables = {
        "input": {"email": email, "password": password, "name": "Test User", "username": username}
    }
    payload = data_of(gql(http, SIGN_UP, variables))["signUp"]
    assert payload["errors"] == [], payload["errors"]
    return SignedInUser(
        id=payload["viewer"]["id"],
        email=email,
        username=username,
        password=password,
        token=payload["token"],
    )


def random_phone_number() -> str:
    """A valid, random US number in E.164 (212 area code, exchange 200-999)."""
    return f"+1212{secrets.randbelow(800) + 200}{secrets.randbelow(10_000):04d}"


def last_message_to(outbox: Path, phone_number: str) -> str:
    """The body of the newest outbox message to this number."""
    messages = [json.loads(line) for line in outbox.read_text().splitlines()]
    body: str = next(m["body"] for m in reversed(messages) if m["to"] == phone_number)
    return body


def last_code_sent_to(outbox: Path, phone_number: str) -> str:
    """The code in the newest outbox message to this number."""
    body = last_message_to(outbox, phone_number)
    return next(word for word in body.split() if word.isdigit() and len(word) == 6)


def end_cooldown(database_url: str, phone_number: str) -> None:
    """Move the last code request for this number out of its 60-second cooldown."""
    sql(
        database_url,
        "UPDATE auth.rate_limit_hits SET hit_at = hit_at - interval '61 seconds'"
        " WHERE bucket = 'otp_phone_cooldown' AND subject = %s",
        [phone_number],
    )


def verify_phone(http: httpx.Client, user: SignedInUser, outbox: Path) -> str:
    """Verify a random number through the real OTP flow; returns the number."""
    phone_number = random_phone_number()
    requested = gql(
        http,
        REQUEST_PHONE_VERIFICATION,
        {"input": {"phoneNumber": phone_number}},
        token=user.token,
    )
    assert data_of(requested)["requestPhoneVerification"]["errors"] == []
    code = last_code_sent_to(outbox, phone_number)
    verified = gql(
        http,
        VERIFY_PHONE,
        {"input": {"phoneNumber": phone_number, "code": code}},
        token=user.token,
    )
    assert data_of(verified)["verifyPhone"]["errors"] == []
    return phone_number
