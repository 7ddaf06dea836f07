"""Who is asking: the viewer behind a request's bearer token or session cookie, or nobody.

A bearer token wins over a cookie. A token that is unknown, expired or malformed makes the request
anonymous rather than failing it: public queries keep working and `me` is simply null.
"""

from __future__ import annotations

import dataclasses
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from graphql_api.config import Settings
from graphql_api.data.pool import Pool
from graphql_api.security.cookies import SESSION_COOKIE, clear_session_cookie, set_session_cookie
from graphql_api.security.origin import cookies_trusted
from graphql_api.security.sessions import use_session


@dataclasses.dataclass(frozen=True, slots=True)
class RequestAuth:
    viewer_id: UUID | None = None
    session_id: str | None = None
    cookies_trusted: bool = True


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def authenticate(
    request: Request, response: Response, pool: Pool, settings: Settings
) -> RequestAuth:
    trusted = cookies_trusted(request, settings.cors_origins)
    token = bearer_token(request)
    via_cookie = token is None and trusted
    if via_cookie:
        token = request.cookies.get(SESSION_COOKIE)
    if token is None:
        return RequestAuth(cookies_trusted=trusted)
    async with pool.connection() as conn:
        session = await use_session(conn, token, settings)
    if session is None:
        if via_cookie:
            clear_session_cookie(response, settings)
        return RequestAuth(cookies_trusted=trusted)
    if via_cookie and session.renewed:
        set_session_cookie(response, token, session.expires_at, settings)
    return RequestAuth(viewer_id=session.user_id, session_id=session.id, cookies_trusted=trusted)
