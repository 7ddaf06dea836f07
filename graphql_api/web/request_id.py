"""A request id per HTTP request, echoed in `X-Request-ID` and attached to logged errors.

A context variable (`engine.masking.current_request_id`), because the error-masking hook that
logs has no access to the request.
"""

from __future__ import annotations

import re
import secrets

from starlette.types import ASGIApp, Receive, Scope, Send

from graphql_api.engine.masking import current_request_id
from graphql_api.web.response_headers import adding_header

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Takes a well-formed incoming `X-Request-ID` (from a proxy) or makes one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SAFE_ID.match(incoming) else secrets.token_hex(8)
        token = current_request_id.set(request_id)
        encoded = request_id.encode("latin-1")
        try:
            await self.app(scope, receive, adding_header(send, b"x-request-id", lambda: encoded))
        finally:
            current_request_id.reset(token)
