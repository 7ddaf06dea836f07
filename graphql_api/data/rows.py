"""Running a named statement and turning its rows into dataclasses (or single values)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import psycopg
from psycopg.rows import BaseRowFactory, RowMaker, class_row

from graphql_api.data.queries import Query

Row = TypeVar("Row")
Params = Mapping[str, Any]


def _rows_as(row_type: type[Row]) -> BaseRowFactory[Row]:
    """Like psycopg's `class_row`, for dataclasses whose fields the columns fill (plus defaults),
    without the keyword-argument call per row (a large share of a page's fetch).

    Builds the instance's `__dict__` directly, so it is for plain dataclasses only (no
    `__post_init__`, no `default_factory`; slotted classes get `class_row`); a column set that
    leaves a field unfilled fails loudly, as `class_row` would.
    """
    if not dataclasses.is_dataclass(row_type) or hasattr(row_type, "__slots__"):
        return class_row(row_type)
    fields = [f for f in dataclasses.fields(row_type) if f.init]
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    required = {f.name for f in fields} - defaults.keys()

    def factory(cursor: Any) -> RowMaker[Row]:
        names = [column.name for column in cursor.description or ()]
        missing = required - set(names)
        if missing:
            raise TypeError(f"{row_type.__name__} rows lack columns {sorted(missing)}")
        new = object.__new__

        def make(values: Sequence[Any]) -> Row:
            row: Row = new(row_type)
            attributes = row.__dict__
            attributes.update(defaults)
            attributes.update(zip(names, values, strict=True))
            return row

        return make

    return factory


async def fetch_all(
    conn: psycopg.AsyncConnection[Any], query: Query, row_type: type[Row], params: Params
) -> list[Row]:
    async with conn.cursor(row_factory=_rows_as(row_type)) as cur:
        await cur.execute(query.sql, params)
        return await cur.fetchall()


async def fetch_one(
    conn: psycopg.AsyncConnection[Any], query: Query, row_type: type[Row], params: Params
) -> Row | None:
    async with conn.cursor(row_factory=_rows_as(row_type)) as cur:
        await cur.execute(query.sql, params)
        return await cur.fetchone()


async def fetch_value(conn: psycopg.AsyncConnection[Any], query: Query, params: Params) -> Any:
    """The first column of the first row, or None when there is no row."""
    async with conn.cursor() as cur:
        await cur.execute(query.sql, params)
        row = await cur.fetchone()
        return None if row is None else row[0]


async def execute(conn: psycopg.AsyncConnection[Any], query: Query, params: Params) -> int:
    """Run a statement; return the number of rows it touched."""
    async with conn.cursor() as cur:
        await cur.execute(query.sql, params)
        return cur.rowcount
