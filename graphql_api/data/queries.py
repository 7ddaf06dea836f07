"""Named SQL statements from `sql/queries/*.sql`, parsed by aiosql.

Each statement sits under a `-- name: <name>` header. Modules bind the ones they use to
module-level constants with `query("name")`, so a typo fails at import, not at request time.
aiosql only parses here; statements run through psycopg directly so rows map onto dataclasses.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from pathlib import Path

import aiosql

from graphql_api.config import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "sql" / "queries"


class UnknownQueryError(LookupError):
    pass


@dataclasses.dataclass(frozen=True, slots=True)
class Query:
    name: str
    sql: str
    doc: str


@functools.cache
def all_queries(directory: Path = QUERIES_DIR) -> dict[str, Query]:
    # aiosql warns about statements without its `!` operators; those only steer aiosql's own
    # execution helpers, which this project does not use.
    logging.getLogger("aiosql").setLevel(logging.ERROR)
    loaded = aiosql.from_path(directory, "psycopg", mandatory_parameters=False)
    return {
        name: Query(name=name, sql=getattr(loaded, name).sql, doc=getattr(loaded, name).__doc__)
        for name in loaded.available_queries
        if not name.endswith("_cursor")
    }


@functools.cache
def _names_by_sql() -> dict[str, str]:
    return {statement.sql: name for name, statement in all_queries().items()}


def statement_name(sql: object) -> str:
    """The `-- name:` of a statement the server runs, or `sql` for one written elsewhere.

    Statements run with the very string their `Query` holds, whose hash Python keeps: the
    lookup is cheap enough to make for every traced statement."""
    return _names_by_sql().get(sql, "sql") if isinstance(sql, str) else "sql"


def query(name: str) -> Query:
    try:
        return all_queries()[name]
    except KeyError:
        raise UnknownQueryError(f"no statement named {name!r} in {QUERIES_DIR}") from None
