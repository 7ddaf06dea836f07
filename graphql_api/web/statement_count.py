"""Reports the SQL statements each HTTP request ran in an `X-SQL-Statements` header.

A development and benchmark aid (`app` leaves it out in production).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphql_api.data.statement_count import counting_statements

STATEMENTS_HEADER = b"x-sql-statements"


class StatementCountMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with counting_statements() as counter:

            async def send_with_count(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    headers.append((STATEMENTS_HEADER, str(counter.value).encode()))
                    message["headers"] = headers
                await send(message)

            await self.app(scope, receive, send_with_count)
