"""Direct database access for tests that must move time or look at what is stored."""

from __future__ import annotations

from typing import Any

import psycopg


def sql(
    database_url: str, statement: str, params: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    """Run one statement; return its rows (empty for statements without a result)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        cur = conn.execute(statement.encode(), params)
        return cur.fetchall() if cur.description else []
