"""The viewer's own listings: every state included, so owners can find and fix what is hidden."""

from __future__ import annotations

from uuid import UUID

from graphql_api.context import Info
from graphql_api.db import fetch_all, fetch_value
from graphql_api.ids import uuid_of
from graphql_api.schema.listings.pagination import (
    Position,
    check_page_size,
    instant_after,
)
from graphql_api.schema.listings.types import Listing, ListingConnection
from graphql_api.sql import query

VIEWER_LISTINGS_NEWEST = query("viewer_listings_newest")
COUNT_VIEWER_LISTINGS = query("count_viewer_listings")
_ORDER = "OWN_NEWEST"


def _after_params(secret: bytes, after: str | None) -> dict[str, object]:
    created_at, listing_id = instant_after(secret, _ORDER, after)
    return {"after_id": listing_id, "after_created_at": created_at}


async def own_listings_connection(
    info: Info, user_id: UUID, first: int, after: str | None
) -> ListingConnection:
    check_page_size(first)
    context = info.context
    secret = context.settings.secret_key_bytes
    params = {"user_id": user_id, "limit": first + 1, **_after_params(secret, after)}
    async with context.pool.connection() as conn:
        rows = await fetch_all(conn, VIEWER_LISTINGS_NEWEST, Listing, params)
    page = rows[:first]

    async def count() -> int:
        async with context.pool.connection() as conn:
            total: int = await fetch_value(conn, COUNT_VIEWER_LISTINGS, {"user_id": user_id})
        return total

    return ListingConnection.of(
        page,
        lambda row: Position(row.created_at.isoformat(), uuid_of(row.id)),
        order=_ORDER,
        secret=secret,
        has_next_page=len(rows) > first,
        after=after,
        count_query=count,
    )
