"""What lets the server run behind a transaction pooler (PgBouncer): its connection settings
held by PostgreSQL for its login role, prepared statements it can turn off, and a catalogue
listener on a connection of its own."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import psycopg
from psycopg.conninfo import conninfo_to_dict

from graphql_api.config import Settings
from graphql_api.data.pool import create_pool
from graphql_api.schema.catalog.cache import LISTENER_NAME
from tests.conftest import API_ROLE, as_api_role, start_live_server

SHOW_SETTINGS = """
SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),
       current_setting('idle_in_transaction_session_timeout'), current_setting('TimeZone'),
       current_setting('plan_cache_mode')
"""
LISTING_COUNT = "SELECT count(*) FROM app.listings WHERE price > %s"
PREPARED_HERE = "SELECT count(*) FROM pg_prepared_statements"
LISTENER_ROLE = """
SELECT usename FROM pg_stat_activity
WHERE datname = current_database() AND application_name = %s
"""


def test_a_server_leaves_its_settings_as_its_login_roles_defaults(
    settings: Settings, make_database: Callable[[], str]
) -> None:
    # given a server with distinct timeouts started on a database
    url = make_database()
    configured = dataclasses.replace(
        settings,
        statement_timeout_ms=4321,
        lock_timeout_ms=1234,
        idle_in_transaction_timeout_ms=6789,
    )
    start_live_server(configured, url).stop()
    # when its login role connects there without setting anything (as a pooler's connection)
    with psycopg.connect(as_api_role(url)) as conn:
        found = conn.execute(SHOW_SETTINGS).fetchone()
    # then PostgreSQL applied the server's settings when the connection started
    assert found == ("4321ms", "1234ms", "6789ms", "UTC", "force_custom_plan")


async def test_pooled_connections_prepare_nothing_when_prepared_statements_are_off(
    settings: Settings, database_url: str
) -> None:
    # given a pool with prepared statements turned off
    pool = create_pool(database_url, dataclasses.replace(settings, prepared_statements=False))
    await pool.open()
    try:
        async with pool.connection() as conn:
            # when one connection runs the same statement many times
            for _ in range(10):
                await conn.execute(LISTING_COUNT, [0])
            # then the server holds no prepared statement for it
            prepared = await (await conn.execute(PREPARED_HERE)).fetchone()
    finally:
        await pool.close()
    assert prepared == (0,)


def test_the_catalogue_listener_connects_to_the_listen_database_url(
    settings: Settings, make_database: Callable[[], str]
) -> None:
    # given a database, and a URL to it as another role than the server's
    url = make_database()
    owner = conninfo_to_dict(url)["user"]
    # when a server starts with that URL as its LISTEN_DATABASE_URL
    server = start_live_server(dataclasses.replace(settings, listen_database_url=url), url)
    try:
        # then its catalogue listener is connected as that role, not as the server's
        deadline = time.monotonic() + 10
        while not (listeners := _roles_named(url, LISTENER_NAME)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert listeners == [owner]
        assert owner != API_ROLE
    finally:
        server.stop()


def _roles_named(url: str, application_name: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [role for (role,) in conn.execute(LISTENER_ROLE, [application_name]).fetchall()]
