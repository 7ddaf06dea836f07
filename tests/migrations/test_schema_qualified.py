"""Every table named in `sql/` carries its schema, checked on the parse tree rather than by regex.

A bare name resolves through `search_path`, so it silently means another table on a server whose
search path differs; the design requires `auth.user`, never `user`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pglast
import pytest
from pglast import ast
from pglast.visitors import Visitor

from tests.migrations.helpers import REAL_SQL_DIR

_PLACEHOLDER = re.compile(r"%\(\w+\)s")
SQL_FILES = sorted(
    path
    for folder in ("migrate", "seed", "queries")
    for path in (REAL_SQL_DIR / folder).glob("*.sql")
)


class _TableNames(Visitor):
    """Collects relations, CTE names, temp tables and the bodies of SQL-language functions."""

    def __init__(self) -> None:
        self.relations: list[ast.RangeVar] = []
        self.ctes: set[str] = set()
        self.sql_bodies: list[str] = []

    def visit_RangeVar(self, ancestors: Any, node: ast.RangeVar) -> None:
        self.relations.append(node)

    def visit_CommonTableExpr(self, ancestors: Any, node: ast.CommonTableExpr) -> None:
        self.ctes.add(str(node.ctename))

    def visit_CreateFunctionStmt(self, ancestors: Any, node: ast.CreateFunctionStmt) -> None:
        options = {option.defname: option.arg for option in node.options or ()}
        language = options.get("language")
        if language is not None and language.sval == "sql" and options.get("as"):
            self.sql_bodies.append(options["as"][0].sval)


def unqualified_tables(sql_text: str) -> list[str]:
    """Bare table names in `sql_text`, CTEs and temporary tables excepted."""
    names = _TableNames()
    names(pglast.parse_sql(_PLACEHOLDER.sub("$1", sql_text)))
    temporary = {
        node.relname
        for node in names.relations
        if node.relpersistence == "t" or node.schemaname == "pg_temp"
    }
    bare = [
        str(node.relname)
        for node in names.relations
        if node.schemaname is None and node.relname not in names.ctes | temporary
    ]
    for body in names.sql_bodies:
        bare += unqualified_tables(body)
    return bare


def test_the_checker_catches_bare_names_and_spares_ctes_and_temp_tables() -> None:
    sql_text = """
        WITH recent AS (SELECT id FROM app.listings)
        SELECT recent.id FROM recent JOIN favorites USING (id) WHERE id = %(id)s;
        CREATE TEMP TABLE scratch (id integer);
        INSERT INTO scratch SELECT id FROM pg_temp.other;
        CREATE FUNCTION app.f() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;
    """
    assert unqualified_tables(sql_text) == ["favorites", "users"]


def test_sql_folder_is_not_empty() -> None:
    assert {path.parent.name for path in SQL_FILES} >= {"migrate", "queries"}


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_table_is_schema_qualified(path: Path) -> None:
    assert unqualified_tables(path.read_text(encoding="utf-8")) == []
