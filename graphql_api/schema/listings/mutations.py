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

from graphql_api.context import Info
from graphql_api.db import execute, fetch_value
from graphql_api.schema.listings.access import limit_rate, require_verified_phone, require_viewer
from graphql_api.schema.listings.errors import ListingErrorCode, outcome, refuse
from graphql_api.schema.listings.types import Listing
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
from graphql_api.sql import query

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


def id_arg(value: str, field: str = "id") -> UUID:
    """A client-supplied id argument; a malformed one is refused like any invalid field."""
    problems = Problems()
    parsed = clean_id(problems, field, value)
    problems.check()
    assert parsed is not None
    return parsed


async def reload_listing(info: Info, listing_id: UUID, field: str = "id") -> Listing:
    """The listing as this viewer now sees it, after a write; gone from their view is NOT_FOUND."""
    info.context.loaders.forget_listing(listing_id)
    listing = await info.context.loaders.listing_by_id.load(listing_id)
    if listing is None:
        raise refuse(ListingErrorCode.NOT_FOUND, "No such listing.", field)
    return listing


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


async def _create(info: Info, data: CreateListingInput) -> Listing:
    viewer_id = require_viewer(info)
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
    return await reload_listing(info, listing_id)


def _given(value: strawberry.Maybe[Value], clean: Callable[[Value], Cleaned]) -> Cleaned | None:
    """The cleaned value of a patch field, or None when the field was absent."""
    return None if value is None else clean(value.value)


def _patch_params(problems: Problems, patch: UpdateListingInput) -> dict[str, Any]:
    """Parameters for a patch: None keeps a column; `set_*` says whether a nullable one changes."""
    return {
        "category_id": _given(
            patch.category_id, lambda v: clean_id(problems, "input.categoryId", v)
        ),
        "location_id": _given(
            patch.location_id, lambda v: clean_id(problems, "input.locationId", v)
        ),
        "title": _given(patch.title, lambda v: clean_title(problems, v)),
        "description": _given(patch.description, lambda v: clean_description(problems, v)),
        "set_price": patch.price is not None,
        "price": _given(patch.price, lambda v: clean_price(problems, v)),
        "is_price_negotiable": _given(patch.is_price_negotiable, bool),
        "set_contact_email": patch.contact_email is not None,
        "contact_email": _given(patch.contact_email, lambda v: clean_email(problems, v)),
        "set_contact_phone": patch.contact_phone is not None,
        "contact_phone": _given(patch.contact_phone, lambda v: clean_phone(problems, v)),
        "is_active": _given(patch.is_active, bool),
    }


async def _update(info: Info, id: str, patch: UpdateListingInput) -> Listing:
    viewer_id = require_viewer(info)
    listing_id = id_arg(id)
    problems = Problems()
    params = {**_patch_params(problems, patch), "id": listing_id, "viewer_id": viewer_id}
    problems.check()
    async with info.context.pool.connection() as conn:
        await _check_placement(conn, problems, params["category_id"], params["location_id"])
        if await fetch_value(conn, UPDATE_OWNED_LISTING, params) is None:
            raise refuse(ListingErrorCode.NOT_FOUND, "No such listing.", "id")
    return await reload_listing(info, listing_id)


async def _delete(info: Info, id: str) -> strawberry.ID:
    viewer_id = require_viewer(info)
    listing_id = id_arg(id)
    async with info.context.pool.connection() as conn:
        params = {"id": listing_id, "viewer_id": viewer_id}
        if await fetch_value(conn, DELETE_OWNED_LISTING, params) is None:
            raise refuse(ListingErrorCode.NOT_FOUND, "No such listing.", "id")
    info.context.loaders.forget_listing(listing_id)
    return strawberry.ID(str(listing_id))


async def _renew(info: Info, id: str) -> Listing:
    viewer_id = require_viewer(info)
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
                raise refuse(ListingErrorCode.NOT_FOUND, "No such listing.", "id")
            raise refuse(
                ListingErrorCode.RENEW_TOO_SOON,
                f"Renewal opens at {renewable_at.isoformat()}Z (48 hours after posting or "
                "the last renewal).",
                "id",
            )
    return await reload_listing(info, listing_id)


async def _record_view(info: Info, id: str) -> Listing:
    """Counts one view unless the viewer owns the listing; hidden listings are NOT_FOUND."""
    listing_id = id_arg(id)
    async with info.context.pool.connection() as conn:
        params = {"id": listing_id, "viewer_id": info.context.viewer_id}
        await fetch_value(conn, RECORD_LISTING_VIEW, params)
    return await reload_listing(info, listing_id)


@strawberry.type
class ListingMutations:
    @strawberry.mutation(
        description="Post a listing with its images (needs sign-in and a verified phone)."
    )
    async def create_listing(self, info: Info, input: CreateListingInput) -> ListingPayload:
        listing, errors = await outcome(_create(info, input))
        return ListingPayload(listing=listing, errors=errors)

    @strawberry.mutation(description="Change your listing; absent fields stay as they are.")
    async def update_listing(
        self, info: Info, id: strawberry.ID, input: UpdateListingInput
    ) -> ListingPayload:
        listing, errors = await outcome(_update(info, id, input))
        return ListingPayload(listing=listing, errors=errors)

    @strawberry.mutation(description="Delete your listing with its images, favorites and flags.")
    async def delete_listing(self, info: Info, id: strawberry.ID) -> DeleteListingPayload:
        deleted_id, errors = await outcome(_delete(info, id))
        return DeleteListingPayload(deleted_id=deleted_id, errors=errors)

    @strawberry.mutation(
        description=(
            "Extend your listing's expiry to now + 30 days (configurable), bringing back an "
            "expired one; allowed 48 hours after posting or the last renewal."
        )
    )
    async def renew_listing(self, info: Info, id: strawberry.ID) -> ListingPayload:
        listing, errors = await outcome(_renew(info, id))
        return ListingPayload(listing=listing, errors=errors)

    @strawberry.mutation(description="Count a view of a listing; its owner's views do not count.")
    async def record_listing_view(self, info: Info, id: strawberry.ID) -> RecordListingViewPayload:
        listing, errors = await outcome(_record_view(info, id))
        return RecordListingViewPayload(listing=listing, errors=errors)
