"""signUp: validate, refuse taken identities, hash off the event loop, then create and sign in."""

from __future__ import annotations

import dataclasses

import psycopg.errors

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
from graphql_api.schema.common.refusals import Refused
from graphql_api.schema.context import Info
from graphql_api.security.passwords import hashing_for

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


async def sign_up(info: Info, given: SignUpInput) -> AuthPayload:
    check_delivery(info, given.session)
    errors = sign_up_errors(given)
    if errors:
        raise Refused(*errors)
    email = normalize_email(given.email)
    username = normalize_username(given.username)
    context = info.context
    async with context.pool.connection() as conn:
        taken = await fetch_one(
            conn, USER_IDENTITY_TAKEN, _Taken, {"email": email, "username": username}
        )
    assert taken is not None, "the statement always returns one row"
    if taken.email_taken or taken.username_taken:
        errors = [_EMAIL_TAKEN] if taken.email_taken else []
        errors += [_USERNAME_TAKEN] if taken.username_taken else []
        raise Refused(*errors)
    password_hash = await hashing_for(context.settings.password_hash_workers).hash(given.password)
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
