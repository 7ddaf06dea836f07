"""The connection pool every request borrows from.

Connections are autocommit; a multi-statement write opens `conn.transaction()` explicitly, so a
forgotten commit can never leave a transaction idle in the pool.
"""

from __future__ import annotations

from typing import Any

import orjson
import psycopg
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool

from graphql_api.config import Settings
from graphql_api.data.statement_count import CountingCursor

Pool = AsyncConnectionPool[psycopg.AsyncConnection[Any]]


def create_pool(url: str, settings: Settings) -> Pool:
    """A closed pool: the lifespan opens it and waits, so a bad URL fails at start, not later.

    Custom plans always: the listing statements take optional filters (`p IS NULL OR ...`),
    which a generic prepared plan cannot prune.
    """
    options = (
        f"-c statement_timeout={int(settings.statement_timeout_ms)}"
        " -c timezone=UTC -c plan_cache_mode=force_custom_plan"
    )
    return AsyncConnectionPool(
        url,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        open=False,
        kwargs={"autocommit": True, "options": options, "cursor_factory": CountingCursor},
        configure=_configure,
        name="graphql-api",
    )


async def _configure(conn: psycopg.AsyncConnection[Any]) -> None:
    """JSON columns (a listing's images, its seller) parsed by orjson, not the stdlib."""
    set_json_loads(orjson.loads, conn)
