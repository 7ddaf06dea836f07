"""Where the database is (`DATABASE_URL` or the embedded server); making and dropping them.

Two roles reach it: the tables' owner migrates and seeds (`MIGRATION_DATABASE_URL`, else
`DATABASE_URL`), the server connects as a member of the application role (`DATABASE_URL`).
The embedded server plays both: its superuser migrates, and `serve` logs in as
`classifieds_api`, a member of the application role (`data/roles.py`).
"""

from __future__ import annotations

import psycopg
from psycopg import sql as pgsql
from psycopg.conninfo import make_conninfo

from graphql_api.config import Settings
from graphql_api.data.embedded import start_embedded
from graphql_api.data.roles import ensure_embedded_login

EMBEDDED_DATABASE = "classifieds"


def migration_database_url(settings: Settings, embedded_database: str = EMBEDDED_DATABASE) -> str:
    """The owner's URL: `MIGRATION_DATABASE_URL`, `DATABASE_URL`, or the embedded superuser."""
    if settings.migration_database_url:
        return settings.migration_database_url
    if settings.database_url:
        return settings.database_url
    return _embedded_url(settings, embedded_database)


def server_database_url(settings: Settings, embedded_database: str = EMBEDDED_DATABASE) -> str:
    """The server's URL: `DATABASE_URL`, or the embedded server's login role (created here).

    The embedded login role joins the application role, which a migration creates, so on the
    embedded server this needs `migrate up` (or `serve --migrate`) to have run once.
    """
    if settings.database_url:
        return settings.database_url
    return ensure_embedded_login(_embedded_url(settings, embedded_database))


def _embedded_url(settings: Settings, database: str) -> str:
    admin_url = start_embedded(settings.embedded_data_dir)
    ensure_database(admin_url, database)
    return with_database(admin_url, database)


def with_database(url: str, database: str) -> str:
    """The same server as `url`, another database."""
    return make_conninfo(url, dbname=database)


def ensure_database(admin_url: str, database: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if found is None:
            conn.execute(pgsql.SQL("CREATE DATABASE {}").format(pgsql.Identifier(database)))


def drop_database(admin_url: str, database: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            pgsql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(pgsql.Identifier(database))
        )
