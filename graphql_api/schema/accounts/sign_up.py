"""signUp: limited per client address, validated, hashed whether or not the identity is taken.

Every attempt counts against `SIGNUPS_PER_IP_PER_HOUR` before any other work. The password is
hashed (the slow part) before the answer is known, so a taken email costs the same time as a new
one: timing does not tell which emails have accounts, and `EMAIL_TAKEN` tells one client address
only as often as the limit allows.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import psycopg.errors

from graphql_api.config import Settings
from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_one
from graphql_api.schema.accounts.new_session import check_delivery, issue_session
from graphql_api.schema.accounts.rows import ViewerRow
from graphql_api.schema.accounts.types import (
    AuthError,
    AuthErrorCode,
    AuthPayload,
    SignUpInput,
    Viewer,
)
from graphql_api.schema.accounts.validation import (
    normalize_email,
    normalize_username,
    sign_up_errors,
)
from graphql_api.schema.common.client_address import client_address
from graphql_api.schema.common.refusals import Refused
from graphql_api.schema.context import Info
from graphql_api.security import rate_limits
from graphql_api.security.passwords import hashing_for
from graphql_api.security.rate_limits import Limit

USER_IDENTITY_TAKEN = query("user_identity_taken")
INSERT_USER = query("insert_user")

_EMAIL_TAKEN = AuthError.of(
    AuthErrorCode.EMAIL_TAKEN, "An account with this email already exists.", "email"
)
_USERNAME_TAKEN = AuthError.of(AuthErrorCode.USERNAME_TAKEN, "This username is taken.", "username")
_TAKEN_BY_CONSTRAINT = {
    "user_email_key": _EMAIL_TAKEN,
    "user_email_lower_key": _EMAIL_TAKEN,
    "user_username_key": _USERNAME_TAKEN,
}


@dataclasses.dataclass(frozen=True, slots=True)
class _Taken:
    email_taken: bool
    username_taken: bool


def signup_limit(settings: Settings) -> Limit:
    return Limit("signup_ip", settings.signups_per_ip_per_hour, timedelta(hours=1))


async def sign_up(info: Info, given: SignUpInput) -> AuthPayload:
    check_delivery(info, given.session)
    context = info.context
    async with context.pool.connection() as conn:
        decision = await rate_limits.hit(
            conn, [(signup_limit(context.settings), client_address(info))]
        )
    if not decision.allowed:
        minutes = -(-decision.retry_after_seconds // 60)
        message = f"Too many sign-ups from this network; try again in {minutes} minute(s)."
        raise AuthError.refuse(AuthErrorCode.RATE_LIMITED, message)
    errors = await sign_up_errors(given)
    if errors:
        raise Refused(*errors)
    email = normalize_email(given.email)
    username = normalize_username(given.username)
    async with context.pool.connection() as conn:
        taken = await fetch_one(
            conn, USER_IDENTITY_TAKEN, _Taken, {"email": email, "username": username}
        )
    assert taken is not None, "the statement always returns one row"
    password_hash = await hashing_for(context.settings.password_hash_workers).hash(given.password)
    if taken.email_taken or taken.username_taken:
        errors = [_EMAIL_TAKEN] if taken.email_taken else []
        errors += [_USERNAME_TAKEN] if taken.username_taken else []
        raise Refused(*errors)
    params = {
        "email": email,
        "name": given.name.strip(),
        "username": username,
        "password_hash": password_hash,
    }
    async with context.pool.connection() as conn:
        try:
            async with conn.transaction():
                row = await fetch_one(conn, INSERT_USER, ViewerRow, params)
                assert row is not None, "INSERT ... RETURNING returns the row"
                token = await issue_session(info, conn, row.id, given.session)
        except psycopg.errors.UniqueViolation as exc:  # lost a race with a concurrent sign-up
            raise Refused(_taken_error(exc)) from exc
    return AuthPayload(viewer=Viewer.from_row(row), token=token)


def _taken_error(exc: psycopg.errors.UniqueViolation) -> AuthError:
    error = _TAKEN_BY_CONSTRAINT.get(exc.diag.constraint_name or "")
    if error is None:
        raise exc
    return error
