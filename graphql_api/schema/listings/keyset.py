"""Newest-first pages of listing ids that the listing loader then fills in.

The viewer's own listings and favorites are both "ids ordered by a timestamp": their statements
return `(id, sort_at)` rows and the per-request `listing_by_id` loader turns the page into
listings in one batched query, so visibility rules and columns live in one place.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from uuid import UUID

from graphql_api.context import Info
from graphql_api.db import fetch_all, fetch_value
from graphql_api.ids import uuid_of
from graphql_api.schema.listings.pagination import (
    Position,
    check_page_size,
    instant_after,
)
from graphql_api.schema.listings.types import ListingConnection
from graphql_api.sql import Query


@dataclasses.dataclass(frozen=True, slots=True)
class KeysetRow:
    id: UUID
    sort_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class NewestFirst:
    """One newest-first list: its cursor name, page statement and count statement."""

    name: str
    page: Query
    count: Query


def _after_params(info: Info, order: NewestFirst, after: str | None) -> dict[str, Any]:
    secret = info.context.settings.secret_key_bytes
    sort_at, listing_id = instant_after(secret, order.name, after)
    return {"after_id": listing_id, "after_sort_at": sort_at}


async def newest_first_page(
    info: Info, order: NewestFirst, params: dict[str, Any], first: int, after: str | None
) -> ListingConnection:
    check_page_size(first)
    context = info.context
    page_params = {**params, **_after_params(info, order, after), "limit": first + 1}
    async with context.pool.connection() as conn:
        rows = await fetch_all(conn, order.page, KeysetRow, page_params)
    page = rows[:first]
    listings = await context.loaders.listing_by_id.load_many([row.id for row in page])

    async def count() -> int:
        async with context.pool.connection() as conn:
            total: int = await fetch_value(conn, order.count, params)
        return total

    positions = {row.id: Position(row.sort_at.isoformat(), row.id) for row in page}
    return ListingConnection.of(
        [listing for listing in listings if listing is not None],  # hidden between the reads
        lambda listing: positions[uuid_of(listing.id)],
        order=order.name,
        secret=context.settings.secret_key_bytes,
        has_next_page=len(rows) > first,
        after=after,
        count_query=count,
    )
