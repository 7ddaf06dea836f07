"""Counts the SQL statements each HTTP request runs, reported in `X-SQL-Statements`.

The count is how N+1 regressions are caught (a test asserts it does not grow with the page
size) and how the benchmark reports statements per request. A context variable carries the
counter: DataLoader batches run in tasks that inherit the request's context.
"""

from __future__ import annotations

import contextvars
from typing import Any

from psycopg import AsyncCursor
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATEMENTS_HEADER = b"x-sql-statements"


class _Counter:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


_current: contextvars.ContextVar[_Counter | None] = contextvars.ContextVar(
    "statement_counter", default=None
)


class CountingCursor(AsyncCursor[Any]):
    """The pool's cursor class: every execute of a request adds one to its counter."""

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        counter = _current.get()
        if counter is not None:
            counter.value += 1
        return await super().execute(*args, **kwargs)


class StatementCountMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        counter = _Counter()
        token = _current.set(counter)

        async def send_with_count(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((STATEMENTS_HEADER, str(counter.value).encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_count)
        finally:
            _current.reset(token)
