"""Field rules shared by createListing, updateListing and addListingImage.

Each `clean_*` returns the value to store, or records an `INVALID` error under the field's input
path and returns None, so one response reports every bad field at once. The bounds match the
columns (`VARCHAR(255)`, `DECIMAL(10, 2)`, `VARCHAR(500)`), so the database never has to refuse.

The `MAX_*_SENT` lengths are the schema's ceilings on the text as sent (`engine.input_bounds`),
a request error beyond them. They lie above these rules, so a value a little too long (or one
with spaces to trim) is refused here, with its field, like any other invalid value.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit
from uuid import UUID

from email_validator import EmailNotValidError, validate_email

from graphql_api.schema.common.phone_numbers import normalize_phone_number
from graphql_api.schema.common.refusals import Refused
from graphql_api.schema.listings.errors import ListingError, ListingErrorCode

TITLE_LENGTH = (3, 255)
DESCRIPTION_LENGTH = (1, 20_000)
MAX_PRICE = Decimal("99999999.99")
CENT = Decimal("0.01")
MAX_EMAIL_LENGTH = 255
MAX_IMAGES = 12
MAX_IMAGE_URL_LENGTH = 500

MAX_TITLE_SENT = 1_000
MAX_DESCRIPTION_SENT = 25_000
MAX_EMAIL_SENT = 1_000
MAX_IMAGE_URL_SENT = 1_000


class Problems:
    """Errors collected while cleaning one input; `check` raises them all together."""

    def __init__(self) -> None:
        self.errors: list[ListingError] = []

    def add(
        self, field: str, message: str, code: ListingErrorCode = ListingErrorCode.INVALID
    ) -> None:
        self.errors.append(ListingError(field=field, code=code, message=message))

    def check(self) -> None:
        if self.errors:
            raise Refused(*self.errors)


def _has_nul(value: str) -> bool:
    """PostgreSQL text cannot hold NUL characters, so they are invalid input, not a crash."""
    return "\x00" in value


def clean_id(problems: Problems, field: str, value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        problems.add(field, "Not a valid ID.")
        return None


def clean_text(problems: Problems, field: str, value: str, bounds: tuple[int, int]) -> str | None:
    """Trimmed text whose length (after trimming) lies within `bounds`, inclusive."""
    trimmed = value.strip()
    low, high = bounds
    if _has_nul(trimmed) or not low <= len(trimmed) <= high:
        problems.add(field, f"Must be {low} to {high} characters (after trimming spaces).")
        return None
    return trimmed


def clean_title(problems: Problems, value: str) -> str | None:
    return clean_text(problems, "input.title", value, TITLE_LENGTH)


def clean_description(problems: Problems, value: str) -> str | None:
    return clean_text(problems, "input.description", value, DESCRIPTION_LENGTH)


def clean_price(problems: Problems, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or not 0 <= value <= MAX_PRICE or value != value.quantize(CENT):
        problems.add("input.price", f"Must be 0 to {MAX_PRICE} with at most 2 decimals.")
        return None
    return value.quantize(CENT)


def clean_email(problems: Problems, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if _has_nul(value) or len(value) > MAX_EMAIL_LENGTH:
            raise EmailNotValidError("too long")
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        problems.add("input.contactEmail", "Not a valid email address.")
        return None


def clean_phone(problems: Problems, value: str | None) -> str | None:
    """A phone number in E.164; national numbers are read as US numbers."""
    if value is None:
        return None
    normalized = normalize_phone_number(value)
    if normalized is None:
        problems.add("input.contactPhone", "Not a valid phone number.")
    return normalized


def clean_image_url(problems: Problems, field: str, value: str) -> str | None:
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    well_formed = parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)
    if not well_formed or len(url) > MAX_IMAGE_URL_LENGTH or _has_nul(url) or " " in url:
        problems.add(field, f"Must be an http(s) URL of at most {MAX_IMAGE_URL_LENGTH} characters.")
        return None
    return url


def clean_image_urls(problems: Problems, values: list[str]) -> list[str]:
    if len(values) > MAX_IMAGES:
        problems.add(
            "input.imageUrls",
            f"At most {MAX_IMAGES} images.",
            ListingErrorCode.TOO_MANY_IMAGES,
        )
        return []
    cleaned = [
        clean_image_url(problems, f"input.imageUrls.{i}", url) for i, url in enumerate(values)
    ]
    return [url for url in cleaned if url is not None]
