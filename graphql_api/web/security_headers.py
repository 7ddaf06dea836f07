"""Headers that tell browsers and caches how to treat every response.

- `X-Content-Type-Options: nosniff`: a response is only ever what its `Content-Type` says (a
  JSON answer echoing client text is never run as a script or rendered as a page).
- `Referrer-Policy: no-referrer`: GraphiQL keeps the query in its URL; no other site sees it.
- `Cache-Control: no-store` on the paths whose answers carry a session token or depend on who
  asks (`/graphql`), so no browser or proxy cache keeps one and hands it to someone else.
- `Strict-Transport-Security` in production, where the session cookie is `Secure` anyway: a
  browser that has seen the API over HTTPS never tries it over plain HTTP again.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
_ALWAYS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, private_paths: Collection[str], hsts: bool) -> None:
        self.app = app
        self.private_paths = frozenset(private_paths)
        self.headers = (*_ALWAYS, ("Strict-Transport-Security", HSTS)) if hsts else _ALWAYS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        private = scope["path"] in self.private_paths

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers[name] = value
                if private:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
