"""Session tokens: random, shown to the client once, stored only as their SHA-256.

A stolen database dump then holds no usable token, and a lookup by hash is still one index probe
(unlike a password, a 256-bit random token needs no slow hash). Sessions live `session_ttl_days`,
slide forward when less than `session_renew_within_days` remain, and never outlive
`session_max_age_days` from their creation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg

from graphql_api.config import Settings
from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_one, fetch_value

INSERT_SESSION = query("insert_session")
DELETE_EXPIRED_SESSIONS_OF_USER = query("delete_expired_sessions_of_user")
USE_SESSION = query("use_session")
DELETE_SESSION = query("delete_session")
DELETE_SESSIONS_OF_USER = query("delete_sessions_of_user")

_TOKEN_BYTES = 32
_MAX_TOKEN_LENGTH = 100


@dataclasses.dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new session: the token goes to the client once and is never stored."""

    token: str
    expires_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class LiveSession:
    id: str
    user_id: UUID
    expires_at: datetime
    renewed: bool


def new_token() -> str:
    return secrets.token_urlsafe(_TOKEN_BYTES)


def session_id_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetimes(settings: Settings) -> dict[str, timedelta]:
    return {
        "ttl": timedelta(days=settings.session_ttl_days),
        "renew_within": timedelta(days=settings.session_renew_within_days),
        "max_age": timedelta(days=settings.session_max_age_days),
    }


async def start_session(
    conn: psycopg.AsyncConnection[Any], user_id: UUID, settings: Settings
) -> IssuedSession:
    """A fresh token for every log-in, so a token planted before log-in is worthless after."""
    token = new_token()
    lifetimes = _lifetimes(settings)
    async with conn.transaction():
        await execute(
            conn,
            DELETE_EXPIRED_SESSIONS_OF_USER,
            {"user_id": user_id, "max_age": lifetimes["max_age"]},
        )
        expires_at: datetime = await fetch_value(
            conn,
            INSERT_SESSION,
            {"id": session_id_of(token), "user_id": user_id, "ttl": lifetimes["ttl"]},
        )
    return IssuedSession(token=token, expires_at=expires_at)


async def use_session(
    conn: psycopg.AsyncConnection[Any], token: str, settings: Settings
) -> LiveSession | None:
    """The live session this token opens (renewed if due), or None for an unknown/dead token."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    return await fetch_one(
        conn, USE_SESSION, LiveSession, {"id": session_id_of(token), **_lifetimes(settings)}
    )


async def end_session(conn: psycopg.AsyncConnection[Any], session_id: str) -> None:
    await execute(conn, DELETE_SESSION, {"id": session_id})


async def end_all_sessions(conn: psycopg.AsyncConnection[Any], user_id: UUID) -> int:
    return await execute(conn, DELETE_SESSIONS_OF_USER, {"user_id": user_id})
