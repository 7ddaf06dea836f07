"""Listing CRUD, renewal and view counting.

Every owner-only statement names the viewer in its WHERE, so another user's listing is the same
empty result, and the same `NOT_FOUND`, as a listing that does not exist. After each write the
request's loaders forget the listing, so the payload (and anything later in the request) reads it
fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar
from uuid import UUID

import psycopg
import strawberry

from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_value
from graphql_api.schema.common.client_address import client_address
from graphql_api.schema.common.refusals import payload_or_refusal
from graphql_api.schema.context import Info
from graphql_api.schema.listings.dataloaders import forget_listing
from graphql_api.schema.listings.errors import ListingError, ListingErrorCode, no_such_listing
from graphql_api.schema.listings.inputs import ListingId
from graphql_api.schema.listings.validation import (
    Problems,
    clean_description,
    clean_email,
    clean_id,
    clean_image_urls,
    clean_phone,
    clean_price,
    clean_title,
)
from graphql_api.schema.listings.write_types import (
    CreateListingInput,
    DeleteListingPayload,
    ListingPayload,
    RecordListingViewPayload,
    UpdateListingInput,
)
from graphql_api.schema.listings.writes import (
    id_arg,
    limit_rate,
    reload_listing,
    require_verified_phone,
    writer_of,
)
from graphql_api.security.viewer_keys import viewer_key

CATEGORY_IS_LEAF = query("category_is_leaf")
LOCATION_EXISTS = query("location_exists")
INSERT_LISTING = query("insert_listing")
APPEND_LISTING_IMAGES = query("append_listing_images")
UPDATE_OWNED_LISTING = query("update_owned_listing")
DELETE_OWNED_LISTING = query("delete_owned_listing")
RENEW_OWNED_LISTING = query("renew_owned_listing")
OWNED_LISTING_RENEWABLE_AT = query("owned_listing_renewable_at")
RECORD_LISTING_VIEW = query("record_listing_view")

RENEW_COOLDOWN = timedelta(hours=48)
POSTING_BUCKET = "listing_posts"

Value = TypeVar("Value")
Cleaned = TypeVar("Cleaned")


async def _check_placement(
    conn: psycopg.AsyncConnection[Any],
    problems: Problems,
    category_id: UUID | None,
    location_id: UUID | None,
) -> None:
    """The category must exist and be a leaf; the location must exist (each only when given)."""
    if category_id is not None:
        is_leaf = await fetch_value(conn, CATEGORY_IS_LEAF, {"category_id": category_id})
        if is_leaf is None:
            problems.add("input.categoryId", "No such category.", ListingErrorCode.NOT_FOUND)
        elif not is_leaf:
            problems.add(
                "input.categoryId",
                "Pick a category without subcategories.",
                ListingErrorCode.CATEGORY_NOT_LEAF,
            )
    if location_id is not None and not await fetch_value(
        conn, LOCATION_EXISTS, {"location_id": location_id}
    ):
        problems.add("input.locationId", "No such location.", ListingErrorCode.NOT_FOUND)
    problems.check()


async def _create(info: Info, data: CreateListingInput) -> ListingPayload:
    viewer_id = writer_of(info)
    settings = info.context.settings
    problems = Problems()
    category_id = clean_id(problems, "input.categoryId", data.category_id)
    location_id = clean_id(problems, "input.locationId", data.location_id)
    params = {
        "viewer_id": viewer_id,
        "category_id": category_id,
        "location_id": location_id,
        "title": clean_title(problems, data.title),
        "description": clean_description(problems, data.description),
        "price": clean_price(problems, data.price),
        "is_price_negotiable": data.is_price_negotiable,
        "contact_email": clean_email(problems, data.contact_email),
        "contact_phone": clean_phone(problems, data.contact_phone),
        "ttl_days": settings.listing_ttl_days,
    }
    image_urls = clean_image_urls(problems, data.image_urls)
    async with info.context.pool.connection() as conn:
        await require_verified_phone(conn, info, viewer_id)
        problems.check()
        await _check_placement(conn, problems, category_id, location_id)
        await limit_rate(conn, POSTING_BUCKET, viewer_id, settings.listings_per_hour)
        async with conn.transaction():
            listing_id: UUID = await fetch_value(conn, INSERT_LISTING, params)
            await execute(
                conn,
                APPEND_LISTING_IMAGES,
                {"listing_id": listing_id, "first_position": 0, "image_urls": image_urls},
            )
    return ListingPayload(listing=await reload_listing(info, listing_id))


def _given(value: strawberry.Maybe[Value], clean: Callable[[Value], Cleaned]) -> Cleaned | None:
    """The cleaned value of a patch field, or None when the field was absent."""
    return None if value is None else clean(value.value)


def _required(
    problems: Problems,
    field: str,
    value: strawberry.Maybe[Value | None],
    clean: Callable[[Value], Cleaned],
) -> Cleaned | None:
    """The cleaned value of a patch field every listing has, or None when it was absent; an
    explicit null is refused (`REQUIRED`)."""
    if value is None:
        return None
    if value.value is None:
        problems.add(
            field,
            "Every listing has this field: leave it out to keep it.",
            ListingErrorCode.REQUIRED,
        )
        return None
    return clean(value.value)


def _patch_params(problems: Problems, patch: UpdateListingInput) -> dict[str, Any]:
    """Parameters for a patch: None keeps a column; `set_*` says whether a nullable one changes."""
    return {
        "category_id": _required(
            problems,
            "input.categoryId",
            patch.category_id,
            lambda v: clean_id(problems, "input.categoryId", v),
        ),
        "location_id": _required(
            problems,
            "input.locationId",
            patch.location_id,
            lambda v: clean_id(problems, "input.locationId", v),
        ),
        "title": _required(
            problems, "input.title", patch.title, lambda v: clean_title(problems, v)
        ),
        "description": _required(
            problems,
            "input.description",
            patch.description,
            lambda v: clean_description(problems, v),
        ),
        "set_price": patch.price is not None,
        "price": _given(patch.price, lambda v: clean_price(problems, v)),
        "is_price_negotiable": _required(
            problems, "input.isPriceNegotiable", patch.is_price_negotiable, bool
        ),
        "set_contact_email": patch.contact_email is not None,
        "contact_email": _given(patch.contact_email, lambda v: clean_email(problems, v)),
        "set_contact_phone": patch.contact_phone is not None,
        "contact_phone": _given(patch.contact_phone, lambda v: clean_phone(problems, v)),
        "is_active": _required(problems, "input.isActive", patch.is_active, bool),
    }


async def _update(info: Info, id: str, patch: UpdateListingInput) -> ListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(id)
    problems = Problems()
    params = {**_patch_params(problems, patch), "id": listing_id, "viewer_id": viewer_id}
    problems.check()
    async with info.context.pool.connection() as conn:
        await _check_placement(conn, problems, params["category_id"], params["location_id"])
        if await fetch_value(conn, UPDATE_OWNED_LISTING, params) is None:
            raise no_such_listing()
    return ListingPayload(listing=await reload_listing(info, listing_id))


async def _delete(info: Info, id: str) -> DeleteListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(id)
    async with info.context.pool.connection() as conn:
        params = {"id": listing_id, "viewer_id": viewer_id}
        if await fetch_value(conn, DELETE_OWNED_LISTING, params) is None:
            raise no_such_listing()
    forget_listing(info.context.loaders, listing_id)
    return DeleteListingPayload(deleted_id=strawberry.ID(str(listing_id)))


async def _renew(info: Info, id: str) -> ListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(id)
    params = {
        "id": listing_id,
        "viewer_id": viewer_id,
        "ttl_days": info.context.settings.listing_ttl_days,
        "cooldown": RENEW_COOLDOWN,
    }
    async with info.context.pool.connection() as conn:
        if await fetch_value(conn, RENEW_OWNED_LISTING, params) is None:
            renewable_at = await fetch_value(conn, OWNED_LISTING_RENEWABLE_AT, params)
            if renewable_at is None:
                raise no_such_listing()
            raise ListingError.refuse(
                ListingErrorCode.RENEW_TOO_SOON,
                f"Renewal opens at {renewable_at.isoformat()}Z (48 hours after posting or "
                "the last renewal).",
                "id",
            )
    return ListingPayload(listing=await reload_listing(info, listing_id))


async def _record_view(info: Info, id: str) -> RecordListingViewPayload:
    """Counts a view once per viewer a day, never the owner's; hidden listings are NOT_FOUND."""
    listing_id = id_arg(id)
    context = info.context
    key = viewer_key(context.settings.secret_key_bytes, context.viewer_id, client_address(info))
    async with context.pool.connection() as conn:
        params = {"id": listing_id, "viewer_id": context.viewer_id, "viewer_key": key}
        await fetch_value(conn, RECORD_LISTING_VIEW, params)
    return RecordListingViewPayload(listing=await reload_listing(info, listing_id))


@strawberry.type
class ListingMutations:
    @strawberry.mutation(
        description="Post a listing with its images (needs sign-in and a verified phone)."
    )
    async def create_listing(self, info: Info, input: CreateListingInput) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _create(info, input))

    @strawberry.mutation(description="Change your listing; absent fields stay as they are.")
    async def update_listing(
        self, info: Info, id: ListingId, input: UpdateListingInput
    ) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _update(info, id, input))

    @strawberry.mutation(description="Delete your listing with its images, favorites and flags.")
    async def delete_listing(self, info: Info, id: ListingId) -> DeleteListingPayload:
        return await payload_or_refusal(DeleteListingPayload, _delete(info, id))

    @strawberry.mutation(
        description=(
            "Extend your listing's expiry to now + 30 days (configurable), bringing back an "
            "expired one; allowed 48 hours after posting or the last renewal."
        )
    )
    async def renew_listing(self, info: Info, id: ListingId) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _renew(info, id))

    @strawberry.mutation(
        description=(
            "Count a view of a listing: once per viewer (user, or client address when "
            "anonymous) a day; its owner's views do not count."
        )
    )
    async def record_listing_view(self, info: Info, id: ListingId) -> RecordListingViewPayload:
        return await payload_or_refusal(RecordListingViewPayload, _record_view(info, id))
