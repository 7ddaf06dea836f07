"""requestPhoneVerification: check, rate-limit, store a new code's hash, then text the code.

The code is stored before it is sent and voided if sending fails, so a code that never reached
the user can never be guessed either.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from uuid import UUID

from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_one, fetch_value
from graphql_api.delivery.sms import SmsDeliveryError, sender_for
from graphql_api.schema.common.phone_numbers import normalize_phone_number
from graphql_api.schema.common.viewer import require_viewer
from graphql_api.schema.context import Info
from graphql_api.schema.verification.types import (
    SIGN_IN_FIRST,
    RequestPhoneVerificationInput,
    RequestPhoneVerificationPayload,
    VerificationError,
    VerificationErrorCode,
)
from graphql_api.security import otp, rate_limits

PHONE_VERIFIED_BY_OTHER_USER = query("phone_verified_by_other_user")
VOID_PENDING_PHONE_VERIFICATIONS = query("void_pending_phone_verifications")
INSERT_PHONE_VERIFICATION = query("insert_phone_verification")
VOID_PHONE_VERIFICATION = query("void_phone_verification")

_COOLDOWN_SECONDS = int(otp.SEND_COOLDOWN.window.total_seconds())
_TTL_MINUTES = int(otp.CODE_TTL.total_seconds() // 60)


@dataclasses.dataclass(frozen=True, slots=True)
class _Stored:
    id: UUID
    expires_at: datetime


async def request_phone_verification(
    info: Info, given: RequestPhoneVerificationInput
) -> RequestPhoneVerificationPayload:
    context = info.context
    user_id = require_viewer(info, SIGN_IN_FIRST)
    phone_number = normalize_phone_number(given.phone_number)
    if phone_number is None:
        raise VerificationError.refuse(
            VerificationErrorCode.INVALID_PHONE_NUMBER,
            "Enter a valid phone number.",
            "phoneNumber",
        )
    async with context.pool.connection() as conn:
        params = {"phone_number": phone_number, "user_id": user_id}
        if await fetch_value(conn, PHONE_VERIFIED_BY_OTHER_USER, params):
            raise VerificationError.refuse(
                VerificationErrorCode.PHONE_IN_USE,
                "Another account has verified this number.",
                "phoneNumber",
            )
        decision = await rate_limits.hit(
            conn,
            [
                (otp.SEND_COOLDOWN, phone_number),
                (otp.SENDS_PER_PHONE, phone_number),
                (otp.SENDS_PER_USER, str(user_id)),
            ],
        )
        if not decision.allowed:
            raise VerificationError.refuse(
                VerificationErrorCode.RATE_LIMITED,
                f"Too many codes sent; try again in {decision.retry_after_seconds} s.",
                retry_after_seconds=decision.retry_after_seconds,
            )
        code = otp.new_code()
        secret = context.settings.secret_key_bytes
        async with conn.transaction():
            await execute(
                conn,
                VOID_PENDING_PHONE_VERIFICATIONS,
                {"user_id": user_id, "verification_type": otp.PHONE_VERIFICATION},
            )
            stored = await fetch_one(
                conn,
                INSERT_PHONE_VERIFICATION,
                _Stored,
                {
                    **params,
                    "code_hash": otp.code_hash(
                        secret, user_id, phone_number, otp.PHONE_VERIFICATION, code
                    ),
                    "verification_type": otp.PHONE_VERIFICATION,
                    "ttl": otp.CODE_TTL,
                },
            )
        assert stored is not None, "INSERT ... RETURNING returns the row"
    body = f"{code} is your verification code. It expires in {_TTL_MINUTES} minutes."
    try:
        await sender_for(context.settings).send(phone_number, body)
    except SmsDeliveryError as exc:
        async with context.pool.connection() as conn:
            await execute(conn, VOID_PHONE_VERIFICATION, {"id": stored.id})
        raise VerificationError.refuse(
            VerificationErrorCode.SMS_DELIVERY_FAILED,
            "The text message could not be sent; try again later.",
        ) from exc
    return RequestPhoneVerificationPayload(
        expires_at=stored.expires_at, retry_after_seconds=_COOLDOWN_SECONDS
    )
