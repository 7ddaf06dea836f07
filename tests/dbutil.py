"""Direct database access for tests: reading the truth a response is compared with, and moving
time or state where a test needs it."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.rows import dict_row


def rows(database_url: str, statement: str, params: Any = None) -> list[dict[str, Any]]:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        return conn.cursor(row_factory=dict_row).execute(statement, params).fetchall()


def sql(
    database_url: str, statement: str, params: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    """Run one statement; return its rows as tuples (empty for statements without a result)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        cur = conn.execute(statement.encode(), params)
        return cur.fetchall() if cur.description else []


def run(database_url: str, statement: str, params: Any = None) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute(statement, params)
