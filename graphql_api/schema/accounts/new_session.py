"""Handing a new session to the client, the one way it asked for: the token in the payload, or
the cookie alone.

A browser session delivered as an HttpOnly cookie is not also handed to page scripts as a token:
a script injected into the page could read the token and use the session from anywhere.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg

from graphql_api.schema.accounts.types import AuthError, AuthErrorCode, SessionDelivery
from graphql_api.schema.context import Info
from graphql_api.security.cookies import set_session_cookie
from graphql_api.security.sessions import start_session


def check_delivery(info: Info, delivery: SessionDelivery) -> None:
    """Refuse a cookie the request's origin may not get, before any work is done.

    The CSRF origin rule: refusing the cookie to a foreign origin also stops log-in CSRF (a
    forged form signing the victim into the attacker's account).
    """
    if delivery is SessionDelivery.COOKIE and not info.context.cookies_trusted:
        raise AuthError.refuse(
            AuthErrorCode.UNTRUSTED_ORIGIN,
            "This origin may not receive the session cookie; ask for a TOKEN.",
            "session",
        )


async def issue_session(
    info: Info, conn: psycopg.AsyncConnection[Any], user_id: UUID, delivery: SessionDelivery
) -> str | None:
    """Start a session; return its token, or set it as the cookie and return None."""
    context = info.context
    issued = await start_session(conn, user_id, context.settings)
    if delivery is SessionDelivery.COOKIE:
        set_session_cookie(context.response, issued.token, issued.expires_at, context.settings)
        return None
    return issued.token
