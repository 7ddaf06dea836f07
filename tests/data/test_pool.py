"""The pool's connections carry the server-side limits that keep one request from holding
others up."""

from __future__ import annotations

import dataclasses

from graphql_api.config import Settings
from graphql_api.data.pool import create_pool

SHOW_LIMITS = """
SELECT current_setting('statement_timeout') AS statement_timeout,
       current_setting('lock_timeout') AS lock_timeout,
       current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction
"""


async def test_pooled_connections_carry_the_configured_timeouts(
    settings: Settings, database_url: str
) -> None:
    # given a pool built from settings with distinct timeouts
    configured = dataclasses.replace(
        settings,
        statement_timeout_ms=4000,
        lock_timeout_ms=1500,
        idle_in_transaction_timeout_ms=7000,
    )
    pool = create_pool(database_url, configured)
    await pool.open()
    try:
        # when a connection is borrowed
        async with pool.connection() as conn:
            row = await (await conn.execute(SHOW_LIMITS)).fetchone()
    finally:
        await pool.close()
    # then it runs with each of them
    assert row == ("4s", "1500ms", "7s")
