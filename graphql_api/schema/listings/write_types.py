"""Inputs and payloads of the listing mutations: each payload is its object plus `errors`."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from graphql_api.engine.input_bounds import bounded
from graphql_api.schema.common.ids import MAX_ID_LENGTH
from graphql_api.schema.common.phone_numbers import MAX_PHONE_NUMBER_SENT
from graphql_api.schema.common.refusals import ERRORS_BOUND
from graphql_api.schema.listings.errors import ListingError
from graphql_api.schema.listings.types import Listing
from graphql_api.schema.listings.validation import (
    MAX_DESCRIPTION_SENT,
    MAX_EMAIL_SENT,
    MAX_IMAGE_URL_SENT,
    MAX_TITLE_SENT,
)


@strawberry.input(description="A new listing; the owner is the signed-in user.")
class CreateListingInput:
    category_id: strawberry.ID = bounded(
        "A leaf category (one without subcategories).", max_length=MAX_ID_LENGTH
    )
    location_id: strawberry.ID = bounded("Where the item is.", max_length=MAX_ID_LENGTH)
    title: str = bounded("3 to 255 characters after trimming.", max_length=MAX_TITLE_SENT)
    description: str = bounded(
        "1 to 20,000 characters after trimming.", max_length=MAX_DESCRIPTION_SENT
    )
    price: Decimal | None = strawberry.field(
        default=None, description="0 to 99999999.99, at most 2 decimals; null for no price."
    )
    is_price_negotiable: bool = strawberry.field(
        default=False, description="Whether offers are welcome."
    )
    contact_email: str | None = bounded("Contact email.", max_length=MAX_EMAIL_SENT, default=None)
    contact_phone: str | None = bounded(
        "Contact phone; stored in E.164, national numbers read as US.",
        max_length=MAX_PHONE_NUMBER_SENT,
        default=None,
    )
    image_urls: list[str] = bounded(
        "Up to 12 http(s) image URLs (500 characters each), in display order.",
        max_length=MAX_IMAGE_URL_SENT,
        default_factory=list,
    )


@strawberry.input(
    description=(
        "Changes to a listing: an absent field stays as it is. Null clears `price`, "
        "`contactEmail` and `contactPhone`; on the other fields, which every listing has, "
        "null is refused with REQUIRED."
    )
)
class UpdateListingInput:
    # Maybe[X | None] even where null is refused: the mutation refuses it with the field, as
    # data; a non-null Maybe would make it a GraphQL error with no code.
    category_id: strawberry.Maybe[strawberry.ID | None] = bounded(
        "A leaf category; null is refused (REQUIRED).", max_length=MAX_ID_LENGTH, default=None
    )
    location_id: strawberry.Maybe[strawberry.ID | None] = bounded(
        "Where the item is; null is refused (REQUIRED).", max_length=MAX_ID_LENGTH, default=None
    )
    title: strawberry.Maybe[str | None] = bounded(
        "3 to 255 characters after trimming; null is refused (REQUIRED).",
        max_length=MAX_TITLE_SENT,
        default=None,
    )
    description: strawberry.Maybe[str | None] = bounded(
        "1 to 20,000 characters after trimming; null is refused (REQUIRED).",
        max_length=MAX_DESCRIPTION_SENT,
        default=None,
    )
    price: strawberry.Maybe[Decimal | None] = strawberry.field(
        default=None, description="0 to 99999999.99, at most 2 decimals; null removes the price."
    )
    is_price_negotiable: strawberry.Maybe[bool | None] = strawberry.field(
        default=None, description="Whether offers are welcome; null is refused (REQUIRED)."
    )
    contact_email: strawberry.Maybe[str | None] = bounded(
        "Contact email; null removes it.", max_length=MAX_EMAIL_SENT, default=None
    )
    contact_phone: strawberry.Maybe[str | None] = bounded(
        "Contact phone; null removes it.", max_length=MAX_PHONE_NUMBER_SENT, default=None
    )
    is_active: strawberry.Maybe[bool | None] = strawberry.field(
        default=None,
        description=(
            "false marks the listing sold or taken down; true relists it; "
            "null is refused (REQUIRED)."
        ),
    )


@strawberry.type(description="The listing a mutation wrote, or the errors that refused it.")
class ListingPayload:
    listing: Listing | None = strawberry.field(
        default=None, description="The listing after the write."
    )
    errors: list[ListingError] = strawberry.field(
        default_factory=list,
        description="Why the write was refused.",
        metadata=ERRORS_BOUND,
    )


@strawberry.type(description="The id of the deleted listing, or the errors that refused it.")
class DeleteListingPayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        default=None, description="Id of the deleted listing."
    )
    errors: list[ListingError] = strawberry.field(
        default_factory=list,
        description="Why the delete was refused.",
        metadata=ERRORS_BOUND,
    )


@strawberry.type(description="The viewed listing, or the errors that refused the view.")
class RecordListingViewPayload:
    listing: Listing | None = strawberry.field(
        default=None,
        description="The listing with its view count (the owner's own views do not count).",
    )
    errors: list[ListingError] = strawberry.field(
        default_factory=list,
        description="Why the view was refused.",
        metadata=ERRORS_BOUND,
    )
