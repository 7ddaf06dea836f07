"""The server settings every connection of the server runs with, and how they reach it.

`connection_settings` is the one list. Custom plans always: the listing statements take optional
filters (`p IS NULL OR ...`), which a generic prepared plan cannot prune. `lock_timeout` below
`statement_timeout`, so a write stuck behind a lock fails fast and says so;
`idle_in_transaction_session_timeout` frees the locks of a transaction its client stopped
driving; `TimeZone` UTC because `timestamp` columns hold UTC.

They must hold on every server connection a statement may run on, also behind a pooler in
transaction mode (PgBouncer), where one client connection's statements run on whichever server
connection is free and a `SET` stays behind on the one it ran on. PgBouncer refuses the startup
`options` parameter, and version 1.18 carries only a few settings (`TimeZone` among them, not the
timeouts) from client to server connection. So they are applied twice:

- as the login role's defaults in its database (`ALTER ROLE CURRENT_USER IN DATABASE ... SET`,
  `store_as_role_defaults`, once at start, only when they differ): PostgreSQL applies them to
  every backend it starts for that role, so every server connection a pooler opens has them;
- with `SET` on each new pooled connection (`apply_to_session`): exact at once on a direct
  connection, even when another server on the same role was started with other values (tests
  do), and on a server connection that existed before the defaults changed.

Through a transaction pooler the second `SET` lands on one shared server connection; every
server of a deployment has the same values, so it changes nothing another client relies on.
Servers that share a login role and database should therefore share these settings.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from graphql_api.config import Settings
from graphql_api.data.queries import query

SET_SESSION_SETTINGS = query("set_session_settings")
ROLE_DEFAULTS_HERE = query("role_defaults_here")
# DDL takes no parameters: the names go in as identifiers, the value as a literal.
SET_ROLE_DEFAULT = sql.SQL("ALTER ROLE CURRENT_USER IN DATABASE {database} SET {name} = {value}")


def connection_settings(settings: Settings) -> dict[str, str]:
    """Setting name (as PostgreSQL spells it) to value, for every connection of the server."""
    return {
        "statement_timeout": str(int(settings.statement_timeout_ms)),
        "lock_timeout": str(int(settings.lock_timeout_ms)),
        "idle_in_transaction_session_timeout": str(int(settings.idle_in_transaction_timeout_ms)),
        "TimeZone": "UTC",
        "plan_cache_mode": "force_custom_plan",
    }


async def apply_to_session(conn: psycopg.AsyncConnection[Any], settings: Settings) -> None:
    wanted = connection_settings(settings)
    await conn.execute(
        SET_SESSION_SETTINGS.sql, {"names": list(wanted), "values": list(wanted.values())}
    )


async def store_as_role_defaults(url: str, settings: Settings) -> None:
    """Make the settings the connected login role's defaults in this database, if they are not.

    Any role may set its own defaults. Nothing is written when they already hold, so servers
    restarting with the same settings do not contend for the catalogue row.
    """
    wanted = connection_settings(settings)
    async with await psycopg.AsyncConnection.connect(
        url, autocommit=True, prepare_threshold=None
    ) as conn:
        row = await (await conn.execute(ROLE_DEFAULTS_HERE.sql)).fetchone()
        assert row is not None  # the query returns one row
        database, defaults = row
        current = dict(setting.split("=", 1) for setting in defaults)
        for name, value in wanted.items():
            if current.get(name) != value:
                await conn.execute(
                    SET_ROLE_DEFAULT.format(
                        database=sql.Identifier(database),
                        name=sql.Identifier(name),
                        value=sql.Literal(value),
                    )
                )
