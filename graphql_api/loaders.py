"""Per-request DataLoaders: one batched statement per (table, key), whatever the page size.

Built fresh for every request (in `get_context`), so a cache never outlives the request nor
leaks one viewer's rows to another. After a write, mutations clear or prime the loaders that
hold what they changed. Categories and locations need none: they come from the in-memory
catalogue (`graphql_api.catalog`), which answers without SQL.
"""

from __future__ import annotations

import dataclasses
import functools
from asyncio import Future
from collections import defaultdict
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from uuid import UUID

from aiodataloader import DataLoader

from graphql_api.db import Pool, fetch_all
from graphql_api.sql import Query, query

if TYPE_CHECKING:
    from graphql_api.schema.listings.types import Listing, ListingImage
    from graphql_api.schema.users.types import User

Key = TypeVar("Key", bound=Hashable)
Row = TypeVar("Row")
Value = TypeVar("Value")

PUBLIC_USERS_BY_IDS = query("public_users_by_ids")
IMAGES_BY_LISTING_IDS = query("images_by_listing_ids")
LISTINGS_BY_IDS_FOR_VIEWER = query("listings_by_ids_for_viewer")
NEWEST_VISIBLE_LISTINGS_PER_CATEGORY = query("newest_visible_listings_per_category")
NEWEST_VISIBLE_LISTINGS_PER_LOCATION = query("newest_visible_listings_per_location")
NEWEST_VISIBLE_LISTINGS_PER_SELLER = query("newest_visible_listings_per_seller")
FAVORITE_COUNTS_BY_LISTING_IDS = query("favorite_counts_by_listing_ids")
FAVORITED_LISTING_IDS_OF_VIEWER = query("favorited_listing_ids_of_viewer")


def _now(future: Future[Any]) -> Any:
    """The loaded value itself when the loader already holds it, else the pending future.

    graphql-core completes a plain value synchronously, while every awaitable costs it a
    coroutine, a task switch and a gather; for a page whose related rows were fetched up front,
    resolving per-row fields this way measured several times cheaper. A future still pending is
    returned as is: graphql-core awaits whatever is awaitable.
    """
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result()
    return future


def load_now(loader: DataLoader[Key, Value | None], key: Key) -> Value:
    """A row that must exist (a foreign key): a missing one surfaces as GraphQL's non-null error."""
    value: Value = _now(loader.load(key))
    return value


def load_list_now(loader: DataLoader[Key, list[Value]], key: Key) -> list[Value]:
    """The rows of a key, possibly none."""
    rows: list[Value] = _now(loader.load(key))
    return rows


def one_per_key(
    pool: Pool,
    statement: Query,
    row_type: type[Row],
    key_of: Callable[[Row], Key],
    keys_param: str = "ids",
    extra_params: dict[str, Any] | None = None,
) -> DataLoader[Key, Row | None]:
    """A loader returning the row whose key matches, or None when there is none."""

    async def batch(keys: list[Key]) -> list[Row | None]:
        async with pool.connection() as conn:
            params = {**(extra_params or {}), keys_param: list(keys)}
            rows = await fetch_all(conn, statement, row_type, params)
        found = {key_of(row): row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(batch)


def many_per_key(
    pool: Pool, statement: Query, row_type: type[Row], key_of: Callable[[Row], Key]
) -> DataLoader[Key, list[Row]]:
    """A loader returning every row of each key, in the statement's order."""

    async def batch(keys: list[Key]) -> list[list[Row]]:
        async with pool.connection() as conn:
            rows = await fetch_all(conn, statement, row_type, {"ids": list(keys)})
        grouped: defaultdict[Key, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[key_of(row)].append(row)
        return [grouped.get(key, []) for key in keys]

    return DataLoader(batch)


def value_per_key(
    pool: Pool,
    statement: Query,
    default: Row,
    extra_params: dict[str, Any] | None = None,
) -> DataLoader[Key, Row]:
    """A loader of one value per key from `(key, value)` rows; `default` for keys without a row."""

    async def batch(keys: list[Key]) -> list[Row]:
        async with pool.connection() as conn, conn.cursor() as cur:
            await cur.execute(statement.sql, {**(extra_params or {}), "ids": list(keys)})
            found: dict[Key, Row] = {key: value for key, value in await cur.fetchall()}
        return [found.get(key, default) for key in keys]

    return DataLoader(batch)


def listings_with_related(
    pool: Pool, viewer_id: UUID | None, users: DataLoader[UUID, User | None]
) -> DataLoader[UUID, Listing | None]:
    """Listings by id, with the images their statement brings along attached, and `users`
    primed with their sellers.

    A listing's detail (the listing, its images, its seller) then costs one statement instead
    of three; the image and user loaders still serve every other path.
    """
    from graphql_api.schema.listings.types import Listing, attach_images
    from graphql_api.schema.users.types import User

    async def batch(keys: list[UUID]) -> list[Listing | None]:
        async with pool.connection() as conn:
            params = {"ids": list(keys), "viewer_id": viewer_id}
            rows = await fetch_all(conn, LISTINGS_BY_IDS_FOR_VIEWER, Listing, params)
        attach_images(rows)
        found: dict[UUID, Listing] = {}
        for row in rows:
            found[_row_id(row)] = row
            if row.seller_json is not None:
                seller = row.seller_json
                users.prime(
                    row.user_id,
                    User(
                        id=seller["id"],
                        name=seller["name"],
                        username=seller["username"],
                        created_at=datetime.fromisoformat(seller["created_at"]),
                    ),
                )
            row.seller_json = None
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


_SCOPED_PAGES = {
    "category": NEWEST_VISIBLE_LISTINGS_PER_CATEGORY,
    "location": NEWEST_VISIBLE_LISTINGS_PER_LOCATION,
    "seller": NEWEST_VISIBLE_LISTINGS_PER_SELLER,
}


def newest_pages_by_scope(pool: Pool) -> DataLoader[PageScope, list[Listing]]:
    """First pages for many parents at once, so `categories { children { listings } }` or a
    page of listings with `seller { listings }` is one statement, not one per parent."""
    from graphql_api.schema.listings.types import Listing

    async def batch(scopes: list[PageScope]) -> list[list[Listing]]:
        groups: defaultdict[tuple[Any, ...], list[PageScope]] = defaultdict(list)
        for scope in scopes:
            groups[(scope.kind, scope.filters, scope.limit)].append(scope)
        pages: dict[PageScope, list[Listing]] = {}
        async with pool.connection() as conn:
            for (kind, filters, limit), members in groups.items():
                params: dict[str, Any] = {
                    name: list(value) if isinstance(value, tuple) else value
                    for name, value in filters
                }
                params["limit"] = limit
                if kind == "category":
                    params["scope_keys"] = [s.key for s in members for _ in s.members]
                    params["scope_members"] = [m for s in members for m in s.members]
                else:
                    params["scopes"] = [s.key for s in members]
                rows = await fetch_all(conn, _SCOPED_PAGES[kind], Listing, params)
                by_key: defaultdict[Any, list[Listing]] = defaultdict(list)
                for row in rows:
                    by_key[row.scope_key].append(row)
                for scope in members:
                    pages[scope] = by_key.get(scope.key, [])
        return [pages[scope] for scope in scopes]

    return DataLoader(batch)


def _row_id(row: Any) -> UUID:
    value: UUID = row.id
    return value


class Loaders:
    """Every DataLoader a request may use; `viewer_id` scopes the ones whose rows depend on it.

    Each is built on first use: most requests need one or two of them, and building all of
    them cost a tenth of a small request.
    """

    def __init__(self, pool: Pool, viewer_id: UUID | None) -> None:
        self._pool = pool
        self._viewer_id = viewer_id

    @functools.cached_property
    def user_by_id(self) -> DataLoader[UUID, User | None]:
        from graphql_api.schema.users.types import User

        return one_per_key(self._pool, PUBLIC_USERS_BY_IDS, User, _row_id)

    @functools.cached_property
    def images_by_listing_id(self) -> DataLoader[UUID, list[ListingImage]]:
        from graphql_api.schema.listings.types import ListingImage

        return many_per_key(
            self._pool, IMAGES_BY_LISTING_IDS, ListingImage, lambda row: row.listing_id
        )

    @functools.cached_property
    def listing_by_id(self) -> DataLoader[UUID, Listing | None]:
        return listings_with_related(self._pool, self._viewer_id, self.user_by_id)

    @functools.cached_property
    def newest_page_by_scope(self) -> DataLoader[PageScope, list[Listing]]:
        return newest_pages_by_scope(self._pool)

    @functools.cached_property
    def favorite_count_by_listing_id(self) -> DataLoader[UUID, int]:
        return value_per_key(self._pool, FAVORITE_COUNTS_BY_LISTING_IDS, 0)

    @functools.cached_property
    def is_favorited_by_listing_id(self) -> DataLoader[UUID, bool]:
        return value_per_key(
            self._pool, FAVORITED_LISTING_IDS_OF_VIEWER, False, {"viewer_id": self._viewer_id}
        )

    def release(self) -> None:
        """Drop every cached row once the response is built.

        The request's context ends up in reference cycles inside the executor, so it is freed
        only by the cyclic garbage collector; emptied loaders leave it little to hold. Measured
        under load: without this, young collections met ~480,000 objects at a time and paused
        the server for half a second (p99 of 0.7 s at concurrency 16).
        """
        for name, loader in list(vars(self).items()):
            if isinstance(loader, DataLoader):
                loader.clear_all()
                del self.__dict__[name]  # a loader is itself a cycle: leave it on its own

    def forget_listing(self, listing_id: UUID) -> None:
        """After a write to a listing, drop what this request cached about it, so it reads fresh."""
        built = vars(self)
        for name in _PER_LISTING:
            if name in built:
                built[name].clear(listing_id)


_PER_LISTING = (
    "listing_by_id",
    "images_by_listing_id",
    "favorite_count_by_listing_id",
    "is_favorited_by_listing_id",
)
