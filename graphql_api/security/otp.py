"""One-time codes for phone verification: random, short-lived, and stored only as a keyed hash.

The HMAC covers the user, the number and the verification type as well as the code, so a stored
hash is useless without the server secret and a code proves nothing for another user or number.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from uuid import UUID

from graphql_api.security.rate_limits import Limit

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
MAX_ATTEMPTS = 5
PHONE_VERIFICATION = "phone"

SEND_COOLDOWN = Limit("otp_phone_cooldown", 1, timedelta(seconds=60))
SENDS_PER_PHONE = Limit("otp_phone_hour", 5, timedelta(hours=1))
SENDS_PER_USER = Limit("otp_user_day", 10, timedelta(days=1))


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def is_well_formed(code: str) -> bool:
    return len(code) == CODE_DIGITS and code.isascii() and code.isdigit()


def code_hash(
    secret: bytes, user_id: UUID, phone_number: str, verification_type: str, code: str
) -> str:
    message = "\x00".join(("otp-v1", str(user_id), phone_number, verification_type, code))
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def code_matches(
    stored_hash: str,
    secret: bytes,
    user_id: UUID,
    phone_number: str,
    verification_type: str,
    code: str,
) -> bool:
    """Constant-time comparison, so response timing does not reveal how much of a guess matched."""
    expected = code_hash(secret, user_id, phone_number, verification_type, code)
    return hmac.compare_digest(stored_hash.encode(), expected.encode())
