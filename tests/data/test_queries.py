"""Every named statement in `sql/queries/` is valid SQL against the migrated database."""

from __future__ import annotations

import re

import psycopg
import pytest

from graphql_api.data.queries import Query, all_queries

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _as_prepared(statement: str) -> str:
    """`%(name)s` placeholders become `$1, $2, ...` (one number per distinct name)."""
    numbers: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        return f"${numbers.setdefault(match.group(1), len(numbers) + 1)}"

    return _PLACEHOLDER.sub(number, statement).rstrip().rstrip(";")


_PREPARABLE = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES")


@pytest.mark.parametrize("statement", all_queries().values(), ids=lambda q: q.name)
def test_statement_prepares(database_url: str, statement: Query) -> None:
    prepared = _as_prepared(statement.sql)
    with psycopg.connect(database_url, autocommit=True) as conn:
        if prepared.lstrip().upper().startswith(_PREPARABLE):
            conn.execute(f"PREPARE named_statement AS {prepared}")
            conn.execute("DEALLOCATE named_statement")
        else:
            # utility statements (DDL, ANALYZE) cannot be prepared: run them and roll back
            with conn.transaction(force_rollback=True):
                conn.execute(statement.sql, dict.fromkeys(_PLACEHOLDER.findall(statement.sql)))


def test_every_statement_says_what_it_does() -> None:
    assert [q.name for q in all_queries().values() if not q.doc] == []
