"""Sliding-window rate limits kept in PostgreSQL, so every server process shares the counters.

Checking and counting happen in one transaction under a transaction-scoped advisory lock per
(bucket, subject): two concurrent requests cannot both see "9 of 10" and both pass. A request
checked against several limits counts against none of them unless it passes all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import psycopg

from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_value

LOCK_RATE_LIMIT_SUBJECT = query("lock_rate_limit_subject")
PRUNE_RATE_LIMIT_HITS = query("prune_rate_limit_hits")
RATE_LIMIT_RETRY_AFTER = query("rate_limit_retry_after")
RECORD_RATE_LIMIT_HIT = query("record_rate_limit_hit")
FORGET_RATE_LIMIT_HITS = query("forget_rate_limit_hits")
CLEAR_RATE_LIMIT_SUBJECT = query("clear_rate_limit_subject")


@dataclasses.dataclass(frozen=True, slots=True)
class Limit:
    """At most `max_hits` events per `window` for each subject of `bucket`."""

    bucket: str
    max_hits: int
    window: timedelta


@dataclasses.dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after_seconds: int = 0
    hit_ids: tuple[int, ...] = ()
    exceeded: tuple[Limit, ...] = ()  # the limits that refused, when not allowed


async def hit(conn: psycopg.AsyncConnection[Any], checks: Sequence[tuple[Limit, str]]) -> Decision:
    """Count one event against every (limit, subject) if all allow it; otherwise count none."""
    ordered = sorted(checks, key=lambda check: (check[0].bucket, check[1]))  # no lock cycles
    async with conn.transaction():
        for limit, subject in ordered:
            await execute(
                conn, LOCK_RATE_LIMIT_SUBJECT, {"bucket": limit.bucket, "subject": subject}
            )
        waits: dict[Limit, int] = {}
        for limit, subject in ordered:
            params = {"bucket": limit.bucket, "subject": subject, "window": limit.window}
            await execute(conn, PRUNE_RATE_LIMIT_HITS, params)
            wait: int = await fetch_value(
                conn, RATE_LIMIT_RETRY_AFTER, {**params, "max_hits": limit.max_hits}
            )
            if wait > 0:
                waits[limit] = wait
        if waits:
            return Decision(
                allowed=False, retry_after_seconds=max(waits.values()), exceeded=tuple(waits)
            )
        hit_ids: list[int] = []
        for limit, subject in checks:
            params = {"bucket": limit.bucket, "subject": subject}
            hit_ids.append(await fetch_value(conn, RECORD_RATE_LIMIT_HIT, params))
    return Decision(allowed=True, hit_ids=tuple(hit_ids))


async def forget(conn: psycopg.AsyncConnection[Any], hit_ids: Sequence[int]) -> None:
    await execute(conn, FORGET_RATE_LIMIT_HITS, {"ids": list(hit_ids)})


async def clear(conn: psycopg.AsyncConnection[Any], limit: Limit, subject: str) -> None:
    await execute(conn, CLEAR_RATE_LIMIT_SUBJECT, {"bucket": limit.bucket, "subject": subject})
