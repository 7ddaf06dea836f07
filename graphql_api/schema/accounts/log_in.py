"""logIn, throttled so that guessing passwords does not pay, and silent about which emails exist.

Every attempt is counted before the password is checked (per account and per client IP), and a
successful one is forgiven afterwards: concurrent guesses cannot slip past the limit, and the
answer for an unknown email takes as long (a dummy argon2 verify) and reads the same as for a
wrong password.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from uuid import UUID

from graphql_api.config import Settings
from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_one
from graphql_api.schema.accounts.new_session import check_delivery, issue_session
from graphql_api.schema.accounts.queries import fetch_viewer
from graphql_api.schema.accounts.types import (
    AuthError,
    AuthErrorCode,
    AuthPayload,
    LogInInput,
)
from graphql_api.schema.common.client_address import client_address
from graphql_api.schema.common.refusals import Refused
from graphql_api.schema.context import Info
from graphql_api.security import rate_limits
from graphql_api.security.passwords import PasswordCheck, hashing_for
from graphql_api.security.rate_limits import Limit

USER_CREDENTIALS_BY_EMAIL = query("user_credentials_by_email")
UPDATE_USER_PASSWORD_HASH = query("update_user_password_hash")

_INVALID_CREDENTIALS = AuthError.of(
    AuthErrorCode.INVALID_CREDENTIALS, "The email or password is not right."
)


@dataclasses.dataclass(frozen=True, slots=True)
class _Credentials:
    id: UUID
    password_hash: str


def login_limits(settings: Settings) -> tuple[Limit, Limit]:
    """(per account, per client IP) failure limits."""
    window = timedelta(minutes=settings.login_failure_window_minutes)
    return (
        Limit("login_account", settings.login_failures_per_account, window),
        Limit("login_ip", settings.login_failures_per_ip, window),
    )


async def log_in(info: Info, given: LogInInput) -> AuthPayload:
    check_delivery(info, given.session)
    context = info.context
    email = given.email.strip().lower()
    account_limit, ip_limit = login_limits(context.settings)
    checks = [(account_limit, email), (ip_limit, client_address(info))]
    async with context.pool.connection() as conn:
        decision = await rate_limits.hit(conn, checks)
        if not decision.allowed:
            minutes = -(-decision.retry_after_seconds // 60)
            message = f"Too many failed attempts; try again in {minutes} minute(s)."
            raise AuthError.refuse(AuthErrorCode.RATE_LIMITED, message)
        credentials = await fetch_one(
            conn, USER_CREDENTIALS_BY_EMAIL, _Credentials, {"email": email}
        )
    hashing = hashing_for(context.settings.password_hash_workers)
    if credentials is None:
        await hashing.burn(given.password)
        check = PasswordCheck(matches=False)
    else:
        check = await hashing.verify(credentials.password_hash, given.password)
    if credentials is None or not check.matches:
        raise Refused(_INVALID_CREDENTIALS)
    new_hash = await hashing.hash(given.password) if check.needs_rehash else None
    async with context.pool.connection() as conn, conn.transaction():
        await rate_limits.clear(conn, account_limit, email)
        await rate_limits.forget(conn, decision.hit_ids)
        if new_hash is not None:
            await execute(
                conn, UPDATE_USER_PASSWORD_HASH, {"id": credentials.id, "password_hash": new_hash}
            )
        token = await issue_session(info, conn, credentials.id, given.session)
        viewer = await fetch_viewer(conn, credentials.id)
    return AuthPayload(viewer=viewer, token=token)
