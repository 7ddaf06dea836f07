"""The application role: exactly the rights the server uses, no DDL, no migration history.

The whole suite proves the rights are enough (the live server logs in as a member of the role);
these tests prove they are no more than that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from graphql_api.data.roles import APP_ROLE
from graphql_api.migrations.runner import down, up
from tests.conftest import API_ROLE, as_api_role
from tests.dbutil import sql
from tests.migrations.helpers import REAL_SQL_DIR, copy_pair, migration_names, write_pair

ROLE_MIGRATION = "20251203_000001_create_app_role"

_TABLE_GRANTS = """
    SELECT c.oid::regclass::text, a.privilege_type
    FROM pg_catalog.pg_class AS c
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) AS a
    WHERE a.grantee = %s::regrole AND n.nspname IN ('auth', 'master', 'app', 'public')
    ORDER BY 1, 2
"""
_SCHEMA_GRANTS = """
    SELECT n.nspname::text, a.privilege_type
    FROM pg_catalog.pg_namespace AS n
    CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) AS a
    WHERE a.grantee = %s::regrole
    ORDER BY 1, 2
"""
_DEFAULT_GRANTS = """
    SELECT d.defaclnamespace::regnamespace::text, d.defaclobjtype::text, a.privilege_type
    FROM pg_catalog.pg_default_acl AS d
    CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) AS a
    WHERE a.grantee = %s::regrole
    ORDER BY 1, 2, 3
"""

_CRUD = ("DELETE", "INSERT", "SELECT", "UPDATE")
EXPECTED_TABLE_GRANTS = sorted(
    [(table, "SELECT") for table in ("master.categories", "master.locations")]
    + [('auth."user"', p) for p in ("INSERT", "SELECT", "UPDATE")]
    + [("auth.session", p) for p in _CRUD]
    + [("auth.phone_verifications", p) for p in ("INSERT", "SELECT", "UPDATE")]
    + [("auth.rate_limit_hits", p) for p in ("DELETE", "INSERT", "SELECT")]
    + [("auth.rate_limit_hits_id_seq", "USAGE")]
    + [("app.listings", p) for p in _CRUD]
    + [("app.listing_images", p) for p in _CRUD]
    + [("app.favorites", p) for p in ("DELETE", "INSERT", "SELECT")]
    + [("app.listing_flags", p) for p in ("INSERT", "SELECT")]
    + [("app.listing_views", p) for p in ("DELETE", "INSERT", "SELECT")]
)
EXPECTED_DEFAULT_GRANTS = sorted(
    [("master", "r", "SELECT")]
    + [(schema, "r", p) for schema in ("auth", "app") for p in _CRUD]
    + [(schema, "S", "USAGE") for schema in ("auth", "app")]
)


def _grants(url: str, statement: str) -> list[tuple[Any, ...]]:
    return sql(url, statement, [APP_ROLE])


def test_the_application_role_has_exactly_the_rights_the_server_uses(database_url: str) -> None:
    # when
    tables = _grants(database_url, _TABLE_GRANTS)
    schemas = _grants(database_url, _SCHEMA_GRANTS)
    defaults = _grants(database_url, _DEFAULT_GRANTS)

    # then: reads and writes only, USAGE but never CREATE on a schema, nothing in public
    assert tables == EXPECTED_TABLE_GRANTS
    assert schemas == [("app", "USAGE"), ("auth", "USAGE"), ("master", "USAGE")]
    assert defaults == EXPECTED_DEFAULT_GRANTS


def test_the_role_is_a_group_that_cannot_log_in_and_the_server_logs_in_as_its_member(
    database_url: str,
) -> None:
    # when
    with psycopg.connect(as_api_role(database_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT current_user, pg_has_role(current_user, %s, 'USAGE'), r.rolcanlogin,"
            " r.rolsuper, r.rolcreaterole, r.rolcreatedb"
            " FROM pg_catalog.pg_roles AS r WHERE r.rolname = %s",
            [APP_ROLE, APP_ROLE],
        ).fetchone()

    # then
    assert row == (API_ROLE, True, False, False, False, False)


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE app.listings",
        "DROP SCHEMA app CASCADE",
        "ALTER TABLE auth.user ADD COLUMN is_admin boolean",
        "ALTER TABLE app.listings DISABLE TRIGGER USER",
        "CREATE TABLE app.scratch (id integer)",
        "CREATE TABLE public.scratch (id integer)",
        "CREATE INDEX ON app.listings (title)",
        "TRUNCATE app.listings",
        "SELECT name FROM public.migration_history",
        "DELETE FROM public.migration_history",
        "DELETE FROM auth.user",
        "UPDATE master.categories SET name = 'x'",
        "DELETE FROM app.listing_flags",
    ],
)
def test_the_role_cannot_change_the_schema_read_the_history_or_write_beyond_its_needs(
    database_url: str, statement: str
) -> None:
    with (
        psycopg.connect(as_api_role(database_url), autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(statement.encode())


def test_tables_of_later_migrations_get_the_schema_s_rights_by_default(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given the role migration, then a later one adding a table to master and one to app
    copy_pair(ROLE_MIGRATION, base_sql_dir)
    for name in migration_names():
        if "create_schemas" not in name and name < ROLE_MIGRATION:
            copy_pair(name, base_sql_dir)
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000000_create_colours",
        "-- schema: master\nCREATE TABLE master.colours (name text PRIMARY KEY);\n"
        "CREATE TABLE app.tags (id bigserial PRIMARY KEY, name text NOT NULL);\n",
        "-- schema: master\nDROP TABLE app.tags;\nDROP TABLE master.colours;\n",
    )
    up(empty_database_url, base_sql_dir, "migrate")
    sql(empty_database_url, "INSERT INTO master.colours (name) VALUES ('red')")

    # when / then
    with psycopg.connect(as_api_role(empty_database_url), autocommit=True) as conn:
        assert conn.execute("SELECT name FROM master.colours").fetchall() == [("red",)]
        conn.execute("INSERT INTO app.tags (name) VALUES ('bike')")
        assert conn.execute("SELECT name FROM app.tags").fetchall() == [("bike",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO master.colours (name) VALUES ('blue')")


def test_rolling_the_role_migration_back_takes_back_every_right_but_keeps_the_role(
    empty_database_url: str,
) -> None:
    # given
    up(empty_database_url, REAL_SQL_DIR, "migrate")
    since_role = [name for name in migration_names() if name >= ROLE_MIGRATION]

    # when
    rolled_back = down(empty_database_url, REAL_SQL_DIR, "migrate", steps=len(since_role))

    # then
    assert rolled_back[-1] == ROLE_MIGRATION
    assert _grants(empty_database_url, _TABLE_GRANTS) == []
    assert _grants(empty_database_url, _SCHEMA_GRANTS) == []
    assert _grants(empty_database_url, _DEFAULT_GRANTS) == []
    role = "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = %s"
    assert sql(empty_database_url, role, [APP_ROLE]) == [(APP_ROLE,)]
