"""The category tree and the locations, held in memory and dropped when the database changes.

Nearly every request reads them (a listing's category and location, the tree, filters by
slug), they are small (hundreds of rows) and they change only through migrations, seeds or an
operator. So each server process keeps one immutable snapshot, loaded with two statements, and
a dedicated connection LISTENs on `catalog_changed`, which triggers on both tables notify
(migration `notify_catalog_changes`). While that listener is not connected the snapshot is not
trusted and every request loads its own, so a lost connection costs speed, never correctness.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import psycopg

from graphql_api.data.pool import Pool
from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_all
from graphql_api.observability.metrics import CacheLookups
from graphql_api.schema.catalog.rows import CategoryRow, LocationRow
from graphql_api.schema.catalog.snapshot import Catalog
from graphql_api.schema.catalog.types import Category, Location

ALL_CATEGORIES = query("all_categories")
ALL_LOCATIONS = query("all_locations")
LISTEN_CATALOG_CHANGED = query("listen_catalog_changed")
PING = query("ping")

log = logging.getLogger(__name__)
_RECONNECT_DELAY_S = 2.0
_PING_INTERVAL_S = 30.0
LISTENER_NAME = "graphql-api catalogue listener"


class CatalogCache:
    def __init__(self, pool: Pool) -> None:
        self._pool = pool
        self._snapshot: Catalog | None = None
        self._generation = 0
        self._listening = False
        self._loading = asyncio.Lock()
        self.lookups = CacheLookups()

    async def get(self) -> Catalog:
        snapshot = self._snapshot
        if snapshot is not None:
            self.lookups.hits += 1
            return snapshot
        async with self._loading:
            if self._snapshot is not None:
                self.lookups.hits += 1
                return self._snapshot
            self.lookups.misses += 1
            generation = self._generation
            snapshot = await self._load()
            if self._listening and generation == self._generation:
                self._snapshot = snapshot
            return snapshot

    async def reload(self) -> Catalog:
        """A snapshot taken now: for a row the current one misses (changed a moment ago)."""
        self.invalidate()
        return await self.get()

    def invalidate(self) -> None:
        self._generation += 1
        self._snapshot = None

    async def _load(self) -> Catalog:
        async with self._pool.connection() as conn:
            categories = await fetch_all(conn, ALL_CATEGORIES, CategoryRow, {})
            locations = await fetch_all(conn, ALL_LOCATIONS, LocationRow, {})
        return Catalog.build(
            [Category.from_row(row) for row in categories],
            [Location.from_row(row) for row in locations],
            self.reload,
        )

    async def listen(self, database_url: str) -> None:
        """Runs for the life of the app: trust the snapshot only while subscribed."""
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    database_url, autocommit=True, application_name=LISTENER_NAME
                ) as conn:
                    await conn.execute(LISTEN_CATALOG_CHANGED.sql)
                    self._listening = True
                    self.invalidate()
                    while True:
                        async for _notification in conn.notifies(timeout=_PING_INTERVAL_S):
                            self.invalidate()
                        # a quiet connection may be a dead one: prove it alive, or reconnect
                        await conn.execute(PING.sql)
            except psycopg.Error as exc:
                log.warning("catalogue change listener lost its connection: %s", exc)
            finally:
                self._listening = False
                self.invalidate()
            await asyncio.sleep(_RECONNECT_DELAY_S)


@contextlib.asynccontextmanager
async def running_catalog_cache(pool: Pool, database_url: str) -> AsyncIterator[CatalogCache]:
    cache = CatalogCache(pool)
    listener = asyncio.create_task(cache.listen(database_url), name="catalog-listener")
    try:
        yield cache
    finally:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
