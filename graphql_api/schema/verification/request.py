"""requestPhoneVerification: check, rate-limit, store a new code's hash, then text the code.

The code is stored before it is sent and voided if sending fails, so a code that never reached
the user can never be guessed either.

Texts cost money and can be turned into money (SMS pumping: premium-rate numbers, or floods to
numbers whose carrier shares the fee), so only mobile numbers, in `SMS_ALLOWED_REGIONS` when set,
get one, and sends are limited per number, per account, per client address and in all; the last
is a circuit breaker that stops every send and logs at CRITICAL.

A number another account has verified gets the same answer, the same limits and the same work as
any other (its code says the number is already linked), so the API never tells who owns a
number; verifyPhone answers PHONE_IN_USE only to the holder of a right code.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta
from uuid import UUID

from graphql_api.config import Settings
from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_one
from graphql_api.delivery.sms import SmsDeliveryError, sender_for
from graphql_api.schema.common.client_address import client_address
from graphql_api.schema.common.phone_numbers import normalize_phone_number, sms_refusal
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
from graphql_api.security.rate_limits import Limit

log = logging.getLogger(__name__)

VOID_PENDING_PHONE_VERIFICATIONS = query("void_pending_phone_verifications")
INSERT_PHONE_VERIFICATION = query("insert_phone_verification")
VOID_PHONE_VERIFICATION = query("void_phone_verification")

_COOLDOWN_SECONDS = int(otp.SEND_COOLDOWN.window.total_seconds())
_TTL_MINUTES = int(otp.CODE_TTL.total_seconds() // 60)
_ALL_TEXTS = "all"  # the one subject of the global limit


@dataclasses.dataclass(frozen=True, slots=True)
class _Stored:
    id: UUID
    expires_at: datetime
    linked_elsewhere: bool


def sms_limits(settings: Settings) -> tuple[Limit, Limit]:
    """(per client address, all texts) hourly limits."""
    hour = timedelta(hours=1)
    return (
        Limit("sms_ip", settings.sms_per_ip_per_hour, hour),
        Limit("sms_all", settings.sms_per_hour, hour),
    )


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
    refusal = sms_refusal(phone_number, context.settings.sms_allowed_regions)
    if refusal is not None:
        raise VerificationError.refuse(
            VerificationErrorCode.UNSUPPORTED_PHONE_NUMBER, refusal, "phoneNumber"
        )
    per_address, all_texts = sms_limits(context.settings)
    async with context.pool.connection() as conn:
        decision = await rate_limits.hit(
            conn,
            [
                (otp.SEND_COOLDOWN, phone_number),
                (otp.SENDS_PER_PHONE, phone_number),
                (otp.SENDS_PER_USER, str(user_id)),
                (per_address, client_address(info)),
                (all_texts, _ALL_TEXTS),
            ],
        )
        if not decision.allowed:
            if all_texts in decision.exceeded:
                log.critical(
                    "SMS circuit breaker open: %d verification texts in the last hour reached "
                    "SMS_PER_HOUR; none is sent for %d s. Look for SMS pumping before raising it.",
                    all_texts.max_hits,
                    decision.retry_after_seconds,
                )
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
                    "user_id": user_id,
                    "phone_number": phone_number,
                    "code_hash": otp.code_hash(
                        secret, user_id, phone_number, otp.PHONE_VERIFICATION, code
                    ),
                    "verification_type": otp.PHONE_VERIFICATION,
                    "ttl": otp.CODE_TTL,
                },
            )
        assert stored is not None, "INSERT ... RETURNING returns the row"
    try:
        await sender_for(context.settings).send(
            phone_number, _message(code, stored.linked_elsewhere)
        )
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


def _message(code: str, linked_elsewhere: bool) -> str:
    """The text; to a number already linked to an account it says so (both fit in 160 GSM-7
    characters, one SMS)."""
    if linked_elsewhere:
        return (
            f"{code} is your verification code, but this number is already linked to an "
            f"account and cannot be linked to another. It expires in {_TTL_MINUTES} minutes."
        )
    return f"{code} is your verification code. It expires in {_TTL_MINUTES} minutes."
