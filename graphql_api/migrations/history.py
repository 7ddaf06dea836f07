"""`public.migration_history`: which files the database says it has run, and with what bytes.

The runner owns the table (dbmate's convention): `up` creates it when missing, no migration
creates or drops it, so rolling every migration back leaves it empty rather than gone. Rows may
come from other tools (a benchmark's data script inserts names without checksums), so a row is
read as it is and never assumed to match a file.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import psycopg
from psycopg.rows import class_row

from graphql_api.data.queries import query
from graphql_api.migrations.files import MigrationFile

_CREATE = query("create_migration_history")
_ADD_CHECKSUM = query("add_migration_history_checksum")
_EXISTS = query("migration_history_exists")
_LIST = query("list_migration_history")
_INSERT = query("insert_migration_history")
_DELETE = query("delete_migration_history")

Connection = psycopg.Connection[Any]


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryRow:
    name: str
    kind: str
    checksum: str | None


def ensure_table(conn: Connection) -> None:
    """Create the table, or add the checksum column to one an older tool created without it."""
    conn.execute(_CREATE.sql)
    conn.execute(_ADD_CHECKSUM.sql)


def _table_exists(conn: Connection) -> bool:
    row = conn.execute(_EXISTS.sql).fetchone()
    return bool(row and row[0])


def read(conn: Connection) -> dict[str, HistoryRow]:
    """Every row by name; empty when the table does not exist yet (`status` creates nothing)."""
    if not _table_exists(conn):
        return {}
    with conn.cursor(row_factory=class_row(HistoryRow)) as cur:
        cur.execute(_LIST.sql)
        return {row.name: row for row in cur.fetchall()}


def record(conn: Connection, file: MigrationFile, checksum: str) -> None:
    conn.execute(_INSERT.sql, {"name": file.name, "kind": file.kind, "checksum": checksum})


def forget(conn: Connection, file: MigrationFile) -> None:
    conn.execute(_DELETE.sql, {"name": file.name, "kind": file.kind})
