"""signUp: validate, refuse taken identities, hash off the event loop, then create and sign in."""

from __future__ import annotations

import dataclasses

import psycopg.errors

from graphql_api.context import Info
from graphql_api.db import fetch_one
from graphql_api.ids import uuid_of
from graphql_api.schema.accounts.new_session import issue_session
from graphql_api.schema.accounts.types import (
    AuthError,
    AuthErrorCode,
    AuthPayload,
    SignUpInput,
    Viewer,
    auth_error,
)
from graphql_api.schema.accounts.validation import (
    normalize_email,
    normalize_username,
    sign_up_errors,
)
from graphql_api.security.passwords import hashing_for
from graphql_api.sql import query

USER_IDENTITY_TAKEN = query("user_identity_taken")
INSERT_USER = query("insert_user")

_EMAIL_TAKEN = auth_error(
    AuthErrorCode.EMAIL_TAKEN, "An account with this email already exists.", "email"
)
_USERNAME_TAKEN = auth_error(AuthErrorCode.USERNAME_TAKEN, "This username is taken.", "username")
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
    errors = sign_up_errors(given)
    if errors:
        return AuthPayload(errors=errors)
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
        return AuthPayload(errors=errors)
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
                viewer = await fetch_one(conn, INSERT_USER, Viewer, params)
                assert viewer is not None, "INSERT ... RETURNING returns the row"
                token = await issue_session(info, conn, uuid_of(viewer.id))
        except psycopg.errors.UniqueViolation as exc:  # lost a race with a concurrent sign-up
            return AuthPayload(errors=[_taken_error(exc)])
    return AuthPayload(viewer=viewer, token=token)


def _taken_error(exc: psycopg.errors.UniqueViolation) -> AuthError:
    error = _TAKEN_BY_CONSTRAINT.get(exc.diag.constraint_name or "")
    if error is None:
        raise exc
    return error
