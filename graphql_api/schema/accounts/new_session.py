"""Handing a new session to the client: the token in the payload, and the cookie when allowed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg

from graphql_api.schema.context import Info
from graphql_api.security.cookies import set_session_cookie
from graphql_api.security.sessions import start_session


async def issue_session(info: Info, conn: psycopg.AsyncConnection[Any], user_id: UUID) -> str:
    """Start a session; set the cookie unless the request failed the CSRF origin rule.

    Refusing the cookie to a foreign origin also stops log-in CSRF (a forged form signing the
    victim into the attacker's account).
    """
    context = info.context
    issued = await start_session(conn, user_id, context.settings)
    if context.cookies_trusted:
        set_session_cookie(context.response, issued.token, issued.expires_at, context.settings)
    return issued.token
