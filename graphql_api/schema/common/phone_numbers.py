"""Phone numbers in one canonical form (E.164), so the same number is never stored two ways."""

from __future__ import annotations

from collections.abc import Collection

import phonenumbers
from phonenumbers import PhoneNumberType

DEFAULT_REGION = "US"
_MAX_INPUT_LENGTH = 40
# Where a text can arrive. Premium-rate, toll-free, shared-cost, pager and VoIP numbers are
# refused: texting them earns their owner money (SMS pumping) or reaches no one.
_TEXTABLE = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


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


def sms_refusal(phone_number: str, allowed_regions: Collection[str]) -> str | None:
    """Why no text is sent to this E.164 number, or None; an empty `allowed_regions` allows all."""
    number = phonenumbers.parse(phone_number)
    if phonenumbers.number_type(number) not in _TEXTABLE:
        return "Enter a mobile number: this one cannot receive text messages."
    if allowed_regions and phonenumbers.region_code_for_number(number) not in allowed_regions:
        return "Text messages are not sent to numbers in this country."
    return None
