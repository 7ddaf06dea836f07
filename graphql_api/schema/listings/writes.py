"""What every write to a listing shares (listing, image, favorite and flag mutations).

Who may write: a signed-in viewer (`writer_of`), with a verified phone to post, within the rate
limits. Ownership is not checked here: every owner-only statement carries `user_id = viewer` in
its WHERE, so "not yours" and "does not exist" are the same empty result and the same
`NOT_FOUND`. After a write, `reload_listing` reads the listing back as the viewer now sees it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import psycopg

from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_value
from graphql_api.schema.common.viewer import require_viewer
from graphql_api.schema.context import Info
from graphql_api.schema.listings.dataloaders import forget_listing, listing_by_id
from graphql_api.schema.listings.errors import (
    SIGN_IN_FIRST,
    ListingError,
    ListingErrorCode,
    no_such_listing,
)
from graphql_api.schema.listings.types import Listing
from graphql_api.schema.listings.validation import Problems, clean_id
from graphql_api.security.rate_limits import Limit, hit

VIEWER_PHONE_VERIFIED = query("viewer_phone_verified")
RATE_WINDOW = timedelta(hours=1)


def writer_of(info: Info) -> UUID:
    """The signed-in viewer, or the `UNAUTHENTICATED` refusal."""
    return require_viewer(info, SIGN_IN_FIRST)


def id_arg(value: str, field: str = "id") -> UUID:
    """A client-supplied id argument; a malformed one is refused like any invalid field."""
    problems = Problems()
    parsed = clean_id(problems, field, value)
    problems.check()
    assert parsed is not None
    return parsed


async def reload_listing(info: Info, listing_id: UUID, field: str = "id") -> Listing:
    """The listing as this viewer now sees it, after a write; gone from their view is NOT_FOUND."""
    listing = await reread_listing(info, listing_id)
    if listing is None:
        raise no_such_listing(field)
    return listing


async def reread_listing(info: Info, listing_id: UUID) -> Listing | None:
    """The listing as this viewer now sees it, or None once it is hidden from them."""
    loaders = info.context.loaders
    forget_listing(loaders, listing_id)
    row = await loaders.get(listing_by_id).load(listing_id)
    return None if row is None else Listing.from_row(row)


async def require_verified_phone(
    conn: psycopg.AsyncConnection[Any], info: Info, viewer_id: UUID
) -> None:
    """Posting needs a verified phone unless configuration turns the rule off."""
    if not info.context.settings.require_verified_phone:
        return
    if not await fetch_value(conn, VIEWER_PHONE_VERIFIED, {"viewer_id": viewer_id}):
        raise ListingError.refuse(
            ListingErrorCode.PHONE_NOT_VERIFIED, "Verify a phone number before posting."
        )


async def limit_rate(
    conn: psycopg.AsyncConnection[Any], bucket: str, viewer_id: UUID, per_hour: int
) -> None:
    """Count one write of this kind for the viewer; refuse it past `per_hour` in the last hour."""
    decision = await hit(conn, [(Limit(bucket, per_hour, RATE_WINDOW), str(viewer_id))])
    if not decision.allowed:
        raise ListingError.refuse(
            ListingErrorCode.RATE_LIMITED,
            f"Too many such writes lately; retry in {decision.retry_after_seconds} seconds.",
        )
