"""Counts the SQL statements run on behalf of one request.

The count is how N+1 regressions are caught (a test asserts it does not grow with the page
size) and how the benchmark reports statements per request. A context variable carries the
counter: DataLoader batches run in tasks that inherit the request's context. The web layer
starts a count per request (`web.statement_count`) and reports it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from psycopg import AsyncCursor


class StatementCounter:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


_current: contextvars.ContextVar[StatementCounter | None] = contextvars.ContextVar(
    "statement_counter", default=None
)


@contextlib.contextmanager
def counting_statements() -> Iterator[StatementCounter]:
    """Count every statement executed in this context (and tasks it starts) until exit."""
    counter = StatementCounter()
    token = _current.set(counter)
    try:
        yield counter
    finally:
        _current.reset(token)


class CountingCursor(AsyncCursor[Any]):
    """The pool's cursor class: every execute adds one to the current counter, if any."""

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        counter = _current.get()
        if counter is not None:
            counter.value += 1
        return await super().execute(*args, **kwargs)
