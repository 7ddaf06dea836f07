"""Expected failures of listing writes, returned as data in each payload's `errors`.

Raised with `ListingError.refuse(...)` and turned into payloads by `payload_or_refusal` (see
`schema/common/refusals.py`). Favorites and flags answer with these errors too.
"""

from __future__ import annotations

import enum

import strawberry

from graphql_api.schema.common.refusals import PayloadError, Refused


@strawberry.enum(description="Why a listing, image, favorite or flag write was refused.")
class ListingErrorCode(enum.Enum):
    UNAUTHENTICATED = strawberry.enum_value("UNAUTHENTICATED", description="Sign in first.")
    PHONE_NOT_VERIFIED = strawberry.enum_value(
        "PHONE_NOT_VERIFIED", description="Verify a phone number before posting."
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such object, or not one you may change."
    )
    CATEGORY_NOT_LEAF = strawberry.enum_value(
        "CATEGORY_NOT_LEAF", description="Listings go into categories without subcategories."
    )
    INVALID = strawberry.enum_value("INVALID", description="The value is malformed or too long.")
    REQUIRED = strawberry.enum_value(
        "REQUIRED", description="Null was sent for a field every listing has; leave it out."
    )
    TOO_MANY_IMAGES = strawberry.enum_value(
        "TOO_MANY_IMAGES", description="A listing holds at most 12 images."
    )
    IMAGES_MISMATCH = strawberry.enum_value(
        "IMAGES_MISMATCH", description="A reorder must name each of the listing's images once."
    )
    RENEW_TOO_SOON = strawberry.enum_value(
        "RENEW_TOO_SOON", description="Renewal opens 48 hours after posting or the last renewal."
    )
    CANNOT_FLAG_OWN_LISTING = strawberry.enum_value(
        "CANNOT_FLAG_OWN_LISTING", description="You cannot flag your own listing."
    )
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED", description="Too many such writes lately; try again later."
    )


@strawberry.type(description="One reason a listing write was refused.")
class ListingError(PayloadError):
    field: str | None = strawberry.field(
        description="Path of the argument at fault (`input.title`, `input.imageUrls.3`); "
        "null when the whole request is refused."
    )
    code: ListingErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


SIGN_IN_FIRST = ListingError.of(ListingErrorCode.UNAUTHENTICATED, "Sign in first.")


def no_such_listing(field: str = "id") -> Refused:
    """Missing, hidden from this viewer, or another user's: the same answer for each."""
    return ListingError.refuse(ListingErrorCode.NOT_FOUND, "No such listing.", field)
