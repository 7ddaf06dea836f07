"""Names the process that answered a request in an `X-Server-Process` header (its pid).

With `serve --workers N` each worker keeps its own pool and caches, so telling which one served
a response is how a developer or a test sees every worker at work. A development and test aid
(`app` leaves it out in production).
"""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Receive, Scope, Send

from graphql_api.web.response_headers import adding_header

PROCESS_HEADER = b"x-server-process"


class ProcessIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, adding_header(send, PROCESS_HEADER, _pid))


def _pid() -> bytes:
    return str(os.getpid()).encode()
