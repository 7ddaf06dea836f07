"""The listing domain's DataLoaders: listings, their images, sellers and favorite counts.

Each returns rows (`listings.rows`); the GraphQL types are built from them in `listings.types`.
Categories and locations need none: they come from the in-memory catalogue.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from aiodataloader import DataLoader

from graphql_api.data.loaders import many_per_key, one_per_key, value_per_key
from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_all
from graphql_api.schema.listings.rows import ImageRow, ListingRow, UserRow
from graphql_api.schema.loaders import Factory, Loaders

PUBLIC_USERS_BY_IDS = query("public_users_by_ids")
IMAGES_BY_LISTING_IDS = query("images_by_listing_ids")
LISTINGS_BY_IDS_FOR_VIEWER = query("listings_by_ids_for_viewer")
FAVORITE_COUNTS_BY_LISTING_IDS = query("favorite_counts_by_listing_ids")
FAVORITED_LISTING_IDS_OF_VIEWER = query("favorited_listing_ids_of_viewer")
_SCOPED_PAGES = {
    "category": query("newest_visible_listings_per_category"),
    "location": query("newest_visible_listings_per_location"),
    "seller": query("newest_visible_listings_per_seller"),
}
_SCOPED_COUNTS = {
    "category": query("count_visible_listings_per_category"),
    "location": query("count_visible_listings_per_location"),
    "seller": query("count_visible_listings_per_seller"),
}


def user_by_id(loaders: Loaders) -> DataLoader[UUID, UserRow | None]:
    return one_per_key(loaders.pool, PUBLIC_USERS_BY_IDS, UserRow, lambda row: row.id)


def images_by_listing_id(loaders: Loaders) -> DataLoader[UUID, list[ImageRow]]:
    return many_per_key(loaders.pool, IMAGES_BY_LISTING_IDS, ImageRow, lambda row: row.listing_id)


def listing_by_id(loaders: Loaders) -> DataLoader[UUID, ListingRow | None]:
    """Listings this viewer may see, by id, with their images (as JSON on the row) and their
    sellers (primed into `user_by_id`): a listing's detail costs one statement, not three."""
    pool, viewer_id = loaders.pool, loaders.viewer_id
    users = loaders.get(user_by_id)

    async def batch(keys: list[UUID]) -> list[ListingRow | None]:
        async with pool.connection() as conn:
            params = {"ids": list(keys), "viewer_id": viewer_id}
            rows = await fetch_all(conn, LISTINGS_BY_IDS_FOR_VIEWER, ListingRow, params)
        for row in rows:
            if row.seller_json is not None:
                seller = row.seller_json
                created_at = datetime.fromisoformat(seller["created_at"])
                users.prime(
                    row.user_id,
                    UserRow(UUID(seller["id"]), seller["name"], seller["username"], created_at),
                )
                row.seller_json = None
        found = {row.id: row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(batch)


@dataclasses.dataclass(frozen=True, slots=True)
class PageScope:
    """One nested first page of listings (newest first): whose, filtered how, how many rows.

    Pages that differ only in `key` (and `members`) are fetched by one statement.
    """

    kind: Literal["category", "location", "seller"]
    key: str | UUID  # a category slug, a location id or a seller id
    members: tuple[UUID, ...]  # for a category: it and its whole subtree
    filters: tuple[tuple[str, Any], ...]  # every other bound filter parameter
    limit: int


def newest_page_by_scope(loaders: Loaders) -> DataLoader[PageScope, list[ListingRow]]:
    """First pages for many parents at once, so `categories { children { listings } }` or a
    page of listings with `seller { listings }` is one statement, not one per parent."""
    pool = loaders.pool

    async def batch(scopes: list[PageScope]) -> list[list[ListingRow]]:
        groups: defaultdict[tuple[Any, ...], list[PageScope]] = defaultdict(list)
        for scope in scopes:
            groups[(scope.kind, scope.filters, scope.limit)].append(scope)
        pages: dict[PageScope, list[ListingRow]] = {}
        async with pool.connection() as conn:
            for (kind, filters, limit), members in groups.items():
                params = {**_scope_params(kind, filters, members), "limit": limit}
                rows = await fetch_all(conn, _SCOPED_PAGES[kind], ListingRow, params)
                by_key: defaultdict[Any, list[ListingRow]] = defaultdict(list)
                for row in rows:
                    by_key[row.scope_key].append(row)
                for scope in members:
                    pages[scope] = by_key.get(scope.key, [])
        return [pages[scope] for scope in scopes]

    return DataLoader(batch)


def count_by_scope(loaders: Loaders) -> DataLoader[PageScope, int]:
    """The `totalCount` of nested pages for many parents at once (their limit plays no part):
    `seller { listings { totalCount } }` on a page of listings is one statement, not one per
    seller, whatever the pages' sort order or cursor."""
    pool = loaders.pool

    async def batch(scopes: list[PageScope]) -> list[int]:
        groups: defaultdict[tuple[Any, ...], dict[str | UUID, PageScope]] = defaultdict(dict)
        for scope in scopes:
            groups[(scope.kind, scope.filters)][scope.key] = scope
        totals: dict[tuple[Any, ...], int] = {}
        async with pool.connection() as conn, conn.cursor() as cur:
            for (kind, filters), members in groups.items():
                params = _scope_params(kind, filters, list(members.values()))
                await cur.execute(_SCOPED_COUNTS[kind].sql, params)
                for key, total in await cur.fetchall():
                    totals[(kind, filters, key)] = total
        return [totals.get((scope.kind, scope.filters, scope.key), 0) for scope in scopes]

    return DataLoader(batch)


def _scope_params(
    kind: str, filters: tuple[tuple[str, Any], ...], scopes: list[PageScope]
) -> dict[str, Any]:
    """The bound parameters of one statement over several scopes of one kind and filter."""
    params = {name: list(value) if isinstance(value, tuple) else value for name, value in filters}
    if kind == "category":
        params["scope_keys"] = [scope.key for scope in scopes for _ in scope.members]
        params["scope_members"] = [member for scope in scopes for member in scope.members]
    else:
        params["scopes"] = [scope.key for scope in scopes]
    return params


def favorite_count_by_listing_id(loaders: Loaders) -> DataLoader[UUID, int]:
    return value_per_key(loaders.pool, FAVORITE_COUNTS_BY_LISTING_IDS, 0)


def is_favorited_by_listing_id(loaders: Loaders) -> DataLoader[UUID, bool]:
    return value_per_key(
        loaders.pool, FAVORITED_LISTING_IDS_OF_VIEWER, False, {"viewer_id": loaders.viewer_id}
    )


_PER_LISTING: tuple[Factory[DataLoader[UUID, Any]], ...] = (
    listing_by_id,
    images_by_listing_id,
    favorite_count_by_listing_id,
    is_favorited_by_listing_id,
)


def forget_listing(loaders: Loaders, listing_id: UUID) -> None:
    """After a write to a listing, drop what this request cached about it, so it reads fresh."""
    for factory in _PER_LISTING:
        loader = loaders.if_built(factory)
        if loader is not None:
            loader.clear(listing_id)
