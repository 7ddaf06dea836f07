"""Pages of publicly visible listings: one named statement per sort order, keyset cursors.

Every public listing list (`listings`, `Category.listings`, `Location.listings`,
`User.listings`) goes through `visible_listings_page`, so visibility, filtering and paging are
defined once. It returns rows; `ListingConnection.from_page` makes the GraphQL page of them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from graphql_api.data.queries import Query, query
from graphql_api.data.rows import fetch_all, fetch_value
from graphql_api.engine.errors import BadUserInput
from graphql_api.engine.selection import selected_names
from graphql_api.schema.catalog.snapshot import catalog_of
from graphql_api.schema.context import Context, Info
from graphql_api.schema.listings.dataloaders import (
    PageScope,
    count_by_scope,
    images_by_listing_id,
    newest_page_by_scope,
    user_by_id,
)
from graphql_api.schema.listings.inputs import MAX_SEARCH_WORDS, ListingFilter, ListingSort
from graphql_api.schema.listings.pagination import (
    ListingPage,
    Position,
    check_page_size,
    decode_cursor,
)
from graphql_api.schema.listings.rows import ListingRow

COUNT_VISIBLE_LISTINGS = query("count_visible_listings")
_WORD = re.compile(r"\w+")


@dataclasses.dataclass(frozen=True, slots=True)
class _Order:
    """How one sort order reads its statement and turns a cursor key into bound parameters."""

    statement: Query
    key_of: Callable[[ListingRow], str | None]
    after_params: Callable[[str | None], dict[str, Any]]


def _created_at_key(listing: ListingRow) -> str:
    return listing.created_at.isoformat()


def _after_created_at(key: str | None) -> dict[str, Any]:
    if key is None:
        raise ValueError("a created_at cursor needs a key")
    return {"after_created_at": datetime.fromisoformat(key)}


def _price_key(listing: ListingRow) -> str | None:
    return None if listing.price is None else str(listing.price)


def _after_price(key: str | None) -> dict[str, Any]:
    return {"after_price": None if key is None else Decimal(key)}


def _rank_key(listing: ListingRow) -> str:
    return repr(listing.rank)


def _after_rank(key: str | None) -> dict[str, Any]:
    if key is None:
        raise ValueError("a rank cursor needs a key")
    return {"after_rank": float(key)}


_ORDERS: dict[ListingSort, _Order] = {
    ListingSort.NEWEST: _Order(
        query("visible_listings_newest"), _created_at_key, _after_created_at
    ),
    ListingSort.OLDEST: _Order(
        query("visible_listings_oldest"), _created_at_key, _after_created_at
    ),
    ListingSort.PRICE_ASC: _Order(query("visible_listings_price_asc"), _price_key, _after_price),
    ListingSort.PRICE_DESC: _Order(query("visible_listings_price_desc"), _price_key, _after_price),
    ListingSort.RELEVANCE: _Order(query("visible_listings_relevance"), _rank_key, _after_rank),
}
_NO_CURSOR: dict[str, Any] = {
    "after_id": None,
    "after_created_at": None,
    "after_price": None,
    "after_rank": None,
}


@dataclasses.dataclass(frozen=True, slots=True)
class ListingScope:
    """Whose listings a nested `listings` field pages: one category (with its subtree), one
    location or one seller; all None for the top-level `listings`."""

    category_slug: str | None = None
    location_slug: str | None = None
    user_id: UUID | None = None


_EVERYWHERE = ListingScope()


def _search_text(listing_filter: ListingFilter | None) -> str | None:
    """The search words, or None when there are none (absent, empty or only blanks).

    Each word becomes a term of the query the database evaluates for every candidate row, so
    their number is bounded (the text's length is bounded at the schema)."""
    text = listing_filter.search.strip() if listing_filter and listing_filter.search else ""
    if len(_WORD.findall(text)) > MAX_SEARCH_WORDS:
        raise BadUserInput(f"`filter.search` has more than {MAX_SEARCH_WORDS} words.")
    return text or None


def _filter_params(
    context: Context,
    listing_filter: ListingFilter | None,
    scope: ListingScope,
) -> dict[str, Any] | None:
    """Bound parameters of the filter; None when it can match nothing (an unknown category)."""
    given = listing_filter or ListingFilter()
    category_ids: list[UUID] | None = None
    slug = scope.category_slug or given.category_slug
    if slug is not None:
        subtree = catalog_of(context).subtree(slug)
        if not subtree:
            return None
        category_ids = [category.id for category in subtree]
    return {
        "category_id": category_ids[0] if category_ids and len(category_ids) == 1 else None,
        "category_ids": category_ids if category_ids and len(category_ids) > 1 else None,
        "location_slug": scope.location_slug or given.location_slug,
        "user_id": scope.user_id,
        "search": _search_text(given),
        "min_price": given.min_price,
        "max_price": given.max_price,
        "has_images": given.has_images,
        "posted_after": given.posted_after,
    }


def _cursor_params(order: _Order, secret: bytes, sort: ListingSort, after: str) -> dict[str, Any]:
    position = decode_cursor(secret, sort.name, after)
    try:
        return {**_NO_CURSOR, "after_id": position.id, **order.after_params(position.key)}
    except (ValueError, InvalidOperation):
        raise BadUserInput("`after` is not a valid cursor") from None


async def visible_listings_page(
    info: Info,
    listing_filter: ListingFilter | None,
    sort: ListingSort,
    first: int,
    after: str | None,
    scope: ListingScope = _EVERYWHERE,
) -> ListingPage:
    check_page_size(first)
    context = info.context
    if sort is ListingSort.RELEVANCE and _search_text(listing_filter) is None:
        raise BadUserInput("sort RELEVANCE needs `filter.search`")
    order = _ORDERS[sort]
    secret = context.settings.secret_key_bytes
    cursor = _NO_CURSOR if after is None else _cursor_params(order, secret, sort, after)
    filters = _filter_params(context, listing_filter, scope)
    if filters is None:
        return ListingPage.empty(after)
    scoped = _page_scope(context, filters, first + 1, scope)
    nested = scoped if after is None and sort is ListingSort.NEWEST else None
    selected = selected_names(info, ("nodes",), ("edges", "node"))
    # a nested page's count is asked for before its rows are read, with every other parent's in
    # one batch (asked once a page is read, parents whose pages take a statement each would
    # ask in several)
    counted = (
        context.loaders.get(count_by_scope).load(scoped)
        if scoped is not None and "totalCount" in selected_names(info, ())
        else None
    )
    if nested is not None:
        rows = await context.loaders.get(newest_page_by_scope).load(nested)
    else:
        with_images = "images" in selected
        params = {**filters, **cursor, "limit": first + 1, "with_images": with_images}
        async with context.pool.connection() as conn:
            rows = await fetch_all(conn, order.statement, ListingRow, params)
        if with_images:
            selected.discard("images")  # the rows brought them along
    page = rows[:first]
    await prefetch_related(context, page, selected)

    async def count() -> int:
        if counted is not None:
            return await counted
        async with context.pool.connection() as conn:
            total: int = await fetch_value(conn, COUNT_VISIBLE_LISTINGS, filters)
        return total

    return ListingPage(
        page,
        sort.name,
        secret,
        lambda row: Position(order.key_of(row), row.id),
        has_next_page=len(rows) > first,
        after=after,
        count=count,
    )


def _page_scope(
    context: Context, filters: dict[str, Any], limit: int, scope: ListingScope
) -> PageScope | None:
    """The batched form of a nested page (`Category.listings`, `Location.listings`,
    `User.listings`), or None for a top-level `listings` or an unknown location: first pages
    (newest first) are fetched through it, and the count of every nested page."""

    def without(*names: str) -> tuple[tuple[str, Any], ...]:
        return tuple(
            (name, tuple(value) if isinstance(value, list) else value)
            for name, value in sorted(filters.items())
            if name not in names
        )

    if scope.category_slug is not None:
        members = tuple(filters["category_ids"] or [filters["category_id"]])
        rest = without("category_id", "category_ids")
        return PageScope("category", scope.category_slug, members, rest, limit)
    if scope.location_slug is not None:
        location = catalog_of(context).locations_by_slug.get(scope.location_slug)
        if location is None:
            return None
        return PageScope("location", location.id, (), without("location_slug"), limit)
    if scope.user_id is not None:
        return PageScope("seller", scope.user_id, (), without("user_id"), limit)
    return None


async def prefetch_related(context: Context, page: list[ListingRow], selected: set[str]) -> None:
    """Load the related rows the query selects (`selected`: the listing fields asked for) for
    the whole page at once.

    The same loaders and statements as field-by-field loading, but the fields then find their
    values ready and resolve synchronously (see `data.loaders.load_then`).
    """
    loaders = context.loaders
    pending: list[Awaitable[object]] = []
    if "seller" in selected:
        pending.append(loaders.get(user_by_id).load_many([row.user_id for row in page]))
    if "images" in selected:
        pending.append(loaders.get(images_by_listing_id).load_many([row.id for row in page]))
    await asyncio.gather(*pending)
