"""The `session` cookie: HttpOnly so scripts cannot read it, Lax so cross-site POSTs omit it."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.responses import Response

from graphql_api.config import Settings

SESSION_COOKIE = "session"


def set_session_cookie(
    response: Response, token: str, expires_at: datetime, settings: Settings
) -> None:
    max_age = max(0, int((expires_at - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        secure=not settings.is_development,
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        secure=not settings.is_development,
        httponly=True,
        samesite="lax",
    )
