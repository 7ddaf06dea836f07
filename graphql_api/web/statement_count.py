"""Reports the SQL statements each HTTP request ran in an `X-SQL-Statements` header.

A development and benchmark aid (`app` leaves it out in production).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from graphql_api.data.statement_count import counting_statements
from graphql_api.web.response_headers import adding_header

STATEMENTS_HEADER = b"x-sql-statements"


class StatementCountMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with counting_statements() as counter:
            count = adding_header(send, STATEMENTS_HEADER, lambda: str(counter.value).encode())
            await self.app(scope, receive, count)
