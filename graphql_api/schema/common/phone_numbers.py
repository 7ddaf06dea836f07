"""Phone numbers in one canonical form (E.164), so the same number is never stored two ways."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "US"
_MAX_INPUT_LENGTH = 40
# The schema's ceiling on a phone number as sent (`engine.input_bounds`); up to it, a number that
# is too long is simply not valid.
MAX_PHONE_NUMBER_SENT = 64


def normalize_phone_number(raw: str) -> str | None:
    """E.164 (`+14155550123`) for a valid number, national numbers read as US; else None."""
    if len(raw) > _MAX_INPUT_LENGTH:
        return None
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
