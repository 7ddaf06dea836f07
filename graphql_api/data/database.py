"""Where the database is (`DATABASE_URL` or the embedded server); making and dropping them."""

from __future__ import annotations

import psycopg
from psycopg import sql as pgsql
from psycopg.conninfo import make_conninfo

from graphql_api.config import Settings
from graphql_api.data.embedded import start_embedded

EMBEDDED_DATABASE = "classifieds"


def resolve_database_url(settings: Settings, embedded_database: str = EMBEDDED_DATABASE) -> str:
    """`DATABASE_URL` when set; otherwise start the embedded server and make sure the db exists."""
    if settings.database_url:
        return settings.database_url
    admin_url = start_embedded(settings.embedded_data_dir)
    ensure_database(admin_url, embedded_database)
    return with_database(admin_url, embedded_database)


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
