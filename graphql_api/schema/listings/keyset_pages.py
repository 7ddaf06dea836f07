"""Newest-first pages of listing ids that the listing loader then fills in.

The viewer's own listings and their favorites are both "ids ordered by an instant": their
statements return `(id, sort_at)` rows and the per-request `listing_by_id` loader turns the page
into listings in one batched statement, so the listing columns and who may see them live in one
place (`listings_by_ids_for_viewer`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from graphql_api.data.queries import Query
from graphql_api.data.rows import fetch_all, fetch_value
from graphql_api.schema.context import Info
from graphql_api.schema.listings.dataloaders import listing_by_id
from graphql_api.schema.listings.pagination import (
    ListingPage,
    Position,
    check_page_size,
    instant_after,
)
from graphql_api.schema.listings.rows import KeysetRow, ListingRow


@dataclasses.dataclass(frozen=True, slots=True)
class NewestFirst:
    """One newest-first list: its cursor name, page statement and count statement."""

    name: str
    page: Query
    count: Query


async def newest_first_page(
    info: Info, order: NewestFirst, params: dict[str, Any], first: int, after: str | None
) -> ListingPage:
    check_page_size(first)
    context = info.context
    secret = context.settings.secret_key_bytes
    sort_at, after_id = instant_after(secret, order.name, after)
    page_params = {**params, "after_id": after_id, "after_sort_at": sort_at, "limit": first + 1}
    async with context.pool.connection() as conn:
        keys = await fetch_all(conn, order.page, KeysetRow, page_params)
    page = keys[:first]
    listings = await context.loaders.get(listing_by_id).load_many([key.id for key in page])

    async def count() -> int:
        async with context.pool.connection() as conn:
            total: int = await fetch_value(conn, order.count, params)
        return total

    positions = {key.id: Position(key.sort_at.isoformat(), key.id) for key in page}

    def position_of(row: ListingRow) -> Position:
        return positions[row.id]

    return ListingPage(
        [listing for listing in listings if listing is not None],  # hidden between the reads
        order.name,
        secret,
        position_of,
        has_next_page=len(keys) > first,
        after=after,
        count=count,
    )
