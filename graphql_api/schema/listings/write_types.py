"""Inputs and payloads of the listing mutations: each payload is its object plus `errors`."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from graphql_api.schema.common.refusals import ERRORS_BOUND
from graphql_api.schema.listings.errors import ListingError
from graphql_api.schema.listings.types import Listing


@strawberry.input(description="A new listing; the owner is the signed-in user.")
class CreateListingInput:
    category_id: strawberry.ID = strawberry.field(
        description="A leaf category (one without subcategories)."
    )
    location_id: strawberry.ID = strawberry.field(description="Where the item is.")
    title: str = strawberry.field(description="3 to 255 characters after trimming.")
    description: str = strawberry.field(description="1 to 20,000 characters after trimming.")
    price: Decimal | None = strawberry.field(
        default=None, description="0 to 99999999.99, at most 2 decimals; null for no price."
    )
    is_price_negotiable: bool = strawberry.field(
        default=False, description="Whether offers are welcome."
    )
    contact_email: str | None = strawberry.field(default=None, description="Contact email.")
    contact_phone: str | None = strawberry.field(
        default=None, description="Contact phone; stored in E.164, national numbers read as US."
    )
    image_urls: list[str] = strawberry.field(
        default_factory=list,
        description="Up to 12 http(s) image URLs (500 characters each), in display order.",
    )


@strawberry.input(
    description="Changes to a listing: an absent field stays as it is, null clears a nullable one."
)
class UpdateListingInput:
    category_id: strawberry.Maybe[strawberry.ID] = strawberry.field(
        default=None, description="A leaf category."
    )
    location_id: strawberry.Maybe[strawberry.ID] = strawberry.field(
        default=None, description="Where the item is."
    )
    title: strawberry.Maybe[str] = strawberry.field(
        default=None, description="3 to 255 characters after trimming."
    )
    description: strawberry.Maybe[str] = strawberry.field(
        default=None, description="1 to 20,000 characters after trimming."
    )
    price: strawberry.Maybe[Decimal | None] = strawberry.field(
        default=None, description="0 to 99999999.99, at most 2 decimals; null removes the price."
    )
    is_price_negotiable: strawberry.Maybe[bool] = strawberry.field(
        default=None, description="Whether offers are welcome."
    )
    contact_email: strawberry.Maybe[str | None] = strawberry.field(
        default=None, description="Contact email; null removes it."
    )
    contact_phone: strawberry.Maybe[str | None] = strawberry.field(
        default=None, description="Contact phone; null removes it."
    )
    is_active: strawberry.Maybe[bool] = strawberry.field(
        default=None, description="false marks the listing sold or taken down; true relists it."
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
