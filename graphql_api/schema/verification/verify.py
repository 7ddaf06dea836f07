"""verifyPhone: one attempt counted atomically in SQL, then a constant-time check of the code.

The attempt is counted by a single `UPDATE ... SET attempts = attempts + 1 ... RETURNING` before
the code is compared, so concurrent guesses each see their own count: the sixth attempt is
refused even when its code is right, however many arrive at once.
"""

from __future__ import annotations

import dataclasses
from uuid import UUID

import psycopg.errors

from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_one, fetch_value
from graphql_api.schema.accounts.rows import ViewerRow
from graphql_api.schema.accounts.types import Viewer
from graphql_api.schema.common.phone_numbers import normalize_phone_number
from graphql_api.schema.common.viewer import require_viewer
from graphql_api.schema.context import Info
from graphql_api.schema.verification.types import (
    SIGN_IN_FIRST,
    VerificationError,
    VerificationErrorCode,
    VerifyPhoneInput,
    VerifyPhonePayload,
)
from graphql_api.security import otp

COUNT_PHONE_VERIFICATION_ATTEMPT = query("count_phone_verification_attempt")
CONSUME_PHONE_VERIFICATION = query("consume_phone_verification")
SET_USER_VERIFIED_PHONE = query("set_user_verified_phone")


@dataclasses.dataclass(frozen=True, slots=True)
class _Attempt:
    id: UUID
    code_hash: str
    attempts: int
    expired: bool


async def verify_phone(info: Info, given: VerifyPhoneInput) -> VerifyPhonePayload:
    context = info.context
    user_id = require_viewer(info, SIGN_IN_FIRST)
    phone_number = normalize_phone_number(given.phone_number)
    if phone_number is None:
        raise VerificationError.refuse(
            VerificationErrorCode.INVALID_PHONE_NUMBER,
            "Enter a valid phone number.",
            "phoneNumber",
        )
    if not otp.is_well_formed(given.code):
        raise VerificationError.refuse(
            VerificationErrorCode.INVALID, "Enter the 6-digit code.", "code"
        )
    params = {
        "user_id": user_id,
        "phone_number": phone_number,
        "verification_type": otp.PHONE_VERIFICATION,
    }
    async with context.pool.connection() as conn:
        attempt = await fetch_one(conn, COUNT_PHONE_VERIFICATION_ATTEMPT, _Attempt, params)
    if attempt is None:
        raise VerificationError.refuse(
            VerificationErrorCode.INVALID_CODE,
            "No code is pending for this number; request one.",
            "code",
        )
    if attempt.attempts > otp.MAX_ATTEMPTS:
        raise VerificationError.refuse(
            VerificationErrorCode.TOO_MANY_ATTEMPTS,
            "Too many attempts for this code; request a new one.",
            "code",
            attempts_remaining=0,
        )
    if attempt.expired:
        raise VerificationError.refuse(
            VerificationErrorCode.CODE_EXPIRED, "This code has expired; request a new one.", "code"
        )
    secret = context.settings.secret_key_bytes
    if not otp.code_matches(
        attempt.code_hash, secret, user_id, phone_number, otp.PHONE_VERIFICATION, given.code
    ):
        raise VerificationError.refuse(
            VerificationErrorCode.INVALID_CODE,
            "The code is not right.",
            "code",
            attempts_remaining=otp.MAX_ATTEMPTS - attempt.attempts,
        )
    return await _mark_verified(info, attempt.id, user_id, phone_number)


async def _mark_verified(
    info: Info, verification_id: UUID, user_id: UUID, phone_number: str
) -> VerifyPhonePayload:
    async with info.context.pool.connection() as conn:
        try:
            async with conn.transaction():
                if (
                    await fetch_value(conn, CONSUME_PHONE_VERIFICATION, {"id": verification_id})
                    is None
                ):
                    raise VerificationError.refuse(
                        VerificationErrorCode.INVALID_CODE, "This code was already used.", "code"
                    )
                row = await fetch_one(
                    conn,
                    SET_USER_VERIFIED_PHONE,
                    ViewerRow,
                    {"user_id": user_id, "phone_number": phone_number},
                )
        except psycopg.errors.UniqueViolation as exc:  # another account verified it meanwhile
            raise VerificationError.refuse(
                VerificationErrorCode.PHONE_IN_USE,
                "Another account has verified this number.",
                "phoneNumber",
            ) from exc
    assert row is not None, "the update returns the viewer's row"
    return VerifyPhonePayload(viewer=Viewer.from_row(row))
