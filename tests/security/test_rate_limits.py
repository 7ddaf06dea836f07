"""Rate limits in PostgreSQL: exact under concurrency, all-or-nothing across several limits."""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta

import psycopg

from graphql_api.security.rate_limits import Limit, hit


async def _hit(database_url: str, checks: list[tuple[Limit, str]]) -> bool:
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as conn:
        return (await hit(conn, checks)).allowed


async def test_concurrent_hits_never_pass_the_limit(database_url: str) -> None:
    limit = Limit("test_concurrent", 5, timedelta(minutes=1))
    subject = secrets.token_hex(4)
    results = await asyncio.gather(*(_hit(database_url, [(limit, subject)]) for _ in range(30)))
    assert sum(results) == 5


async def test_a_refused_check_counts_against_no_limit(database_url: str) -> None:
    loose = Limit("test_loose", 10, timedelta(minutes=1))
    tight = Limit("test_tight", 1, timedelta(minutes=1))
    subject = secrets.token_hex(4)
    assert await _hit(database_url, [(loose, subject), (tight, subject)])
    assert not await _hit(database_url, [(loose, subject), (tight, subject)])
    async with await psycopg.AsyncConnection.connect(database_url) as conn:
        cur = await conn.execute(
            "SELECT count(*) FROM auth.rate_limit_hits"
            " WHERE bucket = 'test_loose' AND subject = %s",
            [subject],
        )
        assert await cur.fetchone() == (1,)
