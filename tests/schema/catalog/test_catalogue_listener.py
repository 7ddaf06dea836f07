"""Without its change listener, the catalogue cache never serves a stale snapshot."""

from __future__ import annotations

import uuid

from graphql_api.config import Settings
from graphql_api.data.pool import create_pool
from graphql_api.schema.catalog.cache import CatalogCache
from tests.dbutil import run


async def test_without_a_listener_every_get_reads_the_database(database_url: str) -> None:
    # given a cache whose listener is not running (say, its connection was lost)
    pool = create_pool(database_url, Settings(pool_min_size=1, pool_max_size=2))
    await pool.open()
    try:
        cache = CatalogCache(pool)
        before = await cache.get()
        slug = f"unlistened-{uuid.uuid4().hex[:8]}"
        # when a category is added
        run(database_url, "INSERT INTO master.categories (name, slug) VALUES ('X', %s)", [slug])
        try:
            # then the very next read has it
            assert slug not in before.categories_by_slug
            assert slug in (await cache.get()).categories_by_slug
        finally:
            run(database_url, "DELETE FROM master.categories WHERE slug = %s", [slug])
    finally:
        await pool.close()
