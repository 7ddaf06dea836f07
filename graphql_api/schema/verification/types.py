"""Phone verification: inputs, payloads and the expected failures."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from graphql_api.engine.input_bounds import bounded
from graphql_api.schema.accounts.types import Viewer
from graphql_api.schema.common.phone_numbers import MAX_PHONE_NUMBER_SENT
from graphql_api.schema.common.refusals import ERRORS_BOUND, PayloadError

MAX_CODE_SENT = 32  # the ceiling on a code as sent (`engine.input_bounds`)


@strawberry.enum(description="Why a phone verification mutation did not do what was asked.")
class VerificationErrorCode(enum.Enum):
    UNAUTHENTICATED = strawberry.enum_value(
        "UNAUTHENTICATED", description="The request is not signed in."
    )
    INVALID = strawberry.enum_value("INVALID", description="A field is malformed.")
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED",
        description=(
            "Too many codes sent lately (to this number, for this account, from this address, "
            "or in all); `retryAfterSeconds` says when to try again."
        ),
    )
    INVALID_PHONE_NUMBER = strawberry.enum_value(
        "INVALID_PHONE_NUMBER", description="Not a valid phone number (US unless +country)."
    )
    UNSUPPORTED_PHONE_NUMBER = strawberry.enum_value(
        "UNSUPPORTED_PHONE_NUMBER",
        description=(
            "A valid number that is not texted: not a mobile number (premium-rate, toll-free, "
            "landline...), or in a country this service does not text."
        ),
    )
    PHONE_IN_USE = strawberry.enum_value(
        "PHONE_IN_USE",
        description=(
            "Another account has verified this number (said by verifyPhone, after a right code)."
        ),
    )
    INVALID_CODE = strawberry.enum_value(
        "INVALID_CODE", description="The code is wrong, or no code is pending for this number."
    )
    CODE_EXPIRED = strawberry.enum_value(
        "CODE_EXPIRED", description="The code is older than 10 minutes; request a new one."
    )
    TOO_MANY_ATTEMPTS = strawberry.enum_value(
        "TOO_MANY_ATTEMPTS", description="This code had 5 attempts already; request a new one."
    )
    SMS_DELIVERY_FAILED = strawberry.enum_value(
        "SMS_DELIVERY_FAILED", description="The text message could not be sent; try again later."
    )


@strawberry.type(description="An expected failure of a phone verification mutation.")
class VerificationError(PayloadError):
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase), or null when it is no single field."
    )
    code: VerificationErrorCode = strawberry.field(description="What went wrong, for programs.")
    message: str = strawberry.field(description="What went wrong, for people.")


SIGN_IN_FIRST = VerificationError.of(VerificationErrorCode.UNAUTHENTICATED, "Sign in first.")


@strawberry.input(description="The number to send a verification code to.")
class RequestPhoneVerificationInput:
    phone_number: str = bounded(
        "E.164 (`+14155550123`) or a US national number (`(415) 555-0123`).",
        max_length=MAX_PHONE_NUMBER_SENT,
    )


@strawberry.input(description="A code received by text message, for the number it was sent to.")
class VerifyPhoneInput:
    phone_number: str = bounded(
        "The number the code was sent to.", max_length=MAX_PHONE_NUMBER_SENT
    )
    code: str = bounded("The 6-digit code.", max_length=MAX_CODE_SENT)


@strawberry.type(description="The result of requestPhoneVerification.")
class RequestPhoneVerificationPayload:
    expires_at: datetime | None = strawberry.field(
        default=None, description="When the code sent stops working; null when none was sent."
    )
    retry_after_seconds: int | None = strawberry.field(
        default=None,
        description="Seconds before another code may be requested for this number or account.",
    )
    errors: list[VerificationError] = strawberry.field(
        default_factory=list,
        description="Expected failures; empty on success.",
        metadata=ERRORS_BOUND,
    )


@strawberry.type(description="The result of verifyPhone.")
class VerifyPhonePayload:
    viewer: Viewer | None = strawberry.field(
        default=None, description="The account with its newly verified number, on success."
    )
    attempts_remaining: int | None = strawberry.field(
        default=None, description="Attempts left for this code after a wrong one."
    )
    errors: list[VerificationError] = strawberry.field(
        default_factory=list,
        description="Expected failures; empty on success.",
        metadata=ERRORS_BOUND,
    )
