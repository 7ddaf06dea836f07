"""Generic DataLoader shapes: one row per key, the rows of each key, one value per key.

Each batch is one named statement taking the keys as an array, so a page of any size costs one
statement per loader. Domains build their loaders from these (`schema/<domain>/dataloaders.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar, cast

from aiodataloader import DataLoader

from graphql_api.data.pool import Pool
from graphql_api.data.queries import Query
from graphql_api.data.rows import fetch_all

Key = TypeVar("Key", bound=Hashable)
Row = TypeVar("Row")
Value = TypeVar("Value")
Built = TypeVar("Built")


def load_then(loader: DataLoader[Key, Value], key: Key, build: Callable[[Value], Built]) -> Built:
    """`build(value)` right away when the loader already holds the key's value, else an
    awaitable of it.

    graphql-core completes a plain value synchronously, while every awaitable costs it a
    coroutine, a task switch and a gather; for a page whose related rows were fetched up front,
    resolving per-row fields this way is several times cheaper. Typed as the value because
    graphql-core awaits whatever a resolver returns that is awaitable.
    """
    future = loader.load(key)
    if future.done() and not future.cancelled() and future.exception() is None:
        return build(future.result())
    return cast("Built", _build_later(future, build))


async def _build_later(pending: Awaitable[Value], build: Callable[[Value], Built]) -> Built:
    return build(await pending)


def one_per_key(
    pool: Pool,
    statement: Query,
    row_type: type[Row],
    key_of: Callable[[Row], Key],
    keys_param: str = "ids",
    extra_params: dict[str, Any] | None = None,
) -> DataLoader[Key, Row | None]:
    """A loader returning the row whose key matches, or None when there is none."""

    async def batch(keys: list[Key]) -> list[Row | None]:
        async with pool.connection() as conn:
            params = {**(extra_params or {}), keys_param: list(keys)}
            rows = await fetch_all(conn, statement, row_type, params)
        found = {key_of(row): row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(batch)


def many_per_key(
    pool: Pool, statement: Query, row_type: type[Row], key_of: Callable[[Row], Key]
) -> DataLoader[Key, list[Row]]:
    """A loader returning every row of each key, in the statement's order."""

    async def batch(keys: list[Key]) -> list[list[Row]]:
        async with pool.connection() as conn:
            rows = await fetch_all(conn, statement, row_type, {"ids": list(keys)})
        grouped: defaultdict[Key, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[key_of(row)].append(row)
        return [grouped.get(key, []) for key in keys]

    return DataLoader(batch)


def value_per_key(
    pool: Pool,
    statement: Query,
    default: Row,
    extra_params: dict[str, Any] | None = None,
) -> DataLoader[Key, Row]:
    """A loader of one value per key from `(key, value)` rows; `default` for keys without a row."""

    async def batch(keys: list[Key]) -> list[Row]:
        async with pool.connection() as conn, conn.cursor() as cur:
            await cur.execute(statement.sql, {**(extra_params or {}), "ids": list(keys)})
            found: dict[Key, Row] = {key: value for key, value in await cur.fetchall()}
        return [found.get(key, default) for key in keys]

    return DataLoader(batch)
