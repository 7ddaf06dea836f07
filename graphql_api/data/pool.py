"""The connection pool every request borrows from.

Connections are autocommit; a multi-statement write opens `conn.transaction()` explicitly, so a
forgotten commit can never leave a transaction idle in the pool.

When PostgreSQL goes away the pool must neither hang requests nor hand out dead connections,
and must come back quickly once PostgreSQL does:

- a borrower waits at most `POOL_TIMEOUT_S`, and at most `POOL_MAX_WAITING` borrowers wait at
  once; both failures are `psycopg.OperationalError`s, which the engine answers with 503;
- a connection is checked before it is lent (`_check_before_use`);
- nothing is sent that a transaction pooler (PgBouncer) refuses or loses: the server settings
  arrive as `data/connection_settings.py` says, and `PREPARED_STATEMENTS=false` turns off
  server-side prepared statements, which a pooler cannot keep with one client;
- reconnection never backs off far. psycopg_pool spaces the attempts to replace a lost
  connection 1 s, 2 s, 4 s, ... apart until `reconnect_timeout`, so after a long outage the
  next attempt could be many seconds away. Here an attempt gives up after 1 s and the next
  starts at once (`_reconnect_again`): one is never more than about a second away, and
  serving resumes within that of PostgreSQL accepting connections, however long it was gone.
"""

from __future__ import annotations

import functools
import math
import select
from typing import Any

import orjson
import psycopg
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool

from graphql_api.config import Settings
from graphql_api.data.connection_settings import apply_to_session
from graphql_api.data.statement_count import CountingCursor

Pool = AsyncConnectionPool[psycopg.AsyncConnection[Any]]

_RECONNECT_TIMEOUT_S = 1.0


def create_pool(url: str, settings: Settings) -> Pool:
    """A closed pool: the lifespan opens it and waits, so a bad URL fails at start, not later."""
    pool: Pool

    async def check(conn: psycopg.AsyncConnection[Any]) -> None:
        await _check_before_use(pool, conn)

    pool = AsyncConnectionPool(
        url,
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        open=False,
        kwargs={
            "autocommit": True,
            "cursor_factory": CountingCursor,
            # psycopg's default prepares a statement on its fifth run; None never does
            "prepare_threshold": 5 if settings.prepared_statements else None,
            # a connection attempt that hangs (an unreachable host) would hold a pool worker
            "connect_timeout": max(2, math.ceil(settings.pool_timeout_s)),
        },
        configure=functools.partial(_configure, settings=settings),
        check=check,
        timeout=settings.pool_timeout_s,
        max_waiting=settings.pool_max_waiting,
        reconnect_timeout=_RECONNECT_TIMEOUT_S,
        reconnect_failed=_reconnect_again,
        name="graphql-api",
    )
    return pool


async def _configure(conn: psycopg.AsyncConnection[Any], settings: Settings) -> None:
    """The server settings (`connection_settings`); JSON columns (a listing's images, its
    seller) parsed by orjson, not the stdlib."""
    await apply_to_session(conn, settings)
    set_json_loads(orjson.loads, conn)


async def _reconnect_again(pool: Pool) -> None:
    """A connection attempt gave up after `reconnect_timeout`: start a new one at once.

    `check()` lets an under-full pool grow again, so attempts go on about every second for as
    long as the outage lasts, whether or not requests arrive. (Waiting requests cannot be
    relied on to restart them: psycopg_pool counts a borrower that timed out as waiting until
    a connection comes, so in a long outage the queue looks full and nobody joins it.)
    """
    if not pool.closed:
        await pool.check()


async def _check_before_use(pool: Pool, conn: psycopg.AsyncConnection[Any]) -> None:
    """Raises if `conn` is broken; costs no round trip when it is not.

    An idle connection's socket has nothing to read: a backend that ended (the server shut
    down or restarted, `pg_terminate_backend`) has sent its last error and closed the socket,
    which makes it readable. Only then does the server get asked (psycopg_pool's own check,
    an empty query), so a healthy connection is lent without one.

    A connection rarely dies alone, and psycopg_pool makes a borrower wait longer before each
    further try (1 s, 2 s, ...): so the first broken one gets the pool to check all its idle
    connections before the borrower takes the next.
    """
    poll = select.poll()
    poll.register(conn.fileno(), select.POLLIN)
    if not poll.poll(0):
        return
    try:
        await AsyncConnectionPool.check_connection(conn)
    except psycopg.Error:
        await pool.check()
        raise
