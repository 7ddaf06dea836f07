"""Counts the SQL statements run on behalf of one request, and traces each when asked to.

The count is how N+1 regressions are caught (a test asserts it does not grow with the page
size), how the benchmark reports statements per request, and what a request's log line and
metrics report. A context variable carries the counter: DataLoader batches run in tasks that
inherit the request's context. The web layer starts a count per request (`web.observation`).

When tracing is on, the counter also carries a function that opens a span per statement, named
by the statement's `-- name:`; when it is off that function is `None`, and a statement costs one
attribute check more than an untraced one.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

from psycopg import AsyncCursor

from graphql_api.data.queries import statement_name

StatementSpan = Callable[[str], AbstractContextManager[object]]


class StatementCounter:
    """The current count while entered (a class rather than a generator-based context
    manager: it runs for every request)."""

    __slots__ = ("_token", "span", "value")

    def __init__(self, span: StatementSpan | None = None) -> None:
        self.value = 0
        self.span = span

    def __enter__(self) -> StatementCounter:
        self._token = _current.set(self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _current.reset(self._token)


_current: contextvars.ContextVar[StatementCounter | None] = contextvars.ContextVar(
    "statement_counter", default=None
)


def counting_statements(span: StatementSpan | None = None) -> StatementCounter:
    """Count every statement executed in this context (and tasks it starts) until exit; with
    `span`, run each inside `span(its name)`."""
    return StatementCounter(span)


class CountingCursor(AsyncCursor[Any]):
    """The pool's cursor class: every execute adds one to the current counter, if any."""

    async def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        counter = _current.get()
        if counter is None:
            return await super().execute(query, *args, **kwargs)
        counter.value += 1
        if counter.span is None:
            return await super().execute(query, *args, **kwargs)
        with counter.span(statement_name(query)):
            return await super().execute(query, *args, **kwargs)
