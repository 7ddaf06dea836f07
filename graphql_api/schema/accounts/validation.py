"""Normalising and checking sign-up input, so the same email or username is never stored twice."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from graphql_api.schema.accounts.types import AuthError, AuthErrorCode, SignUpInput
from graphql_api.security.password_strength import password_problem

_USERNAME = re.compile(r"^[a-z0-9_]{3,30}$")
_MAX_EMAIL_LENGTH = 255
_MAX_NAME_LENGTH = 255


def normalize_email(raw: str) -> str | None:
    """The lower-cased address, or None when it is not a valid email (deliverability unchecked)."""
    try:
        email = validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None
    return email if len(email) <= _MAX_EMAIL_LENGTH else None


def normalize_username(raw: str) -> str | None:
    username = raw.strip().lower()
    return username if _USERNAME.match(username) else None


async def sign_up_errors(given: SignUpInput) -> list[AuthError]:
    errors: list[AuthError] = []
    if normalize_email(given.email) is None:
        errors.append(AuthError.of(AuthErrorCode.INVALID, "Enter a valid email address.", "email"))
    if normalize_username(given.username) is None:
        errors.append(
            AuthError.of(
                AuthErrorCode.INVALID,
                "Use 3 to 30 letters, digits or underscores.",
                "username",
            )
        )
    if not 1 <= len(given.name.strip()) <= _MAX_NAME_LENGTH:
        errors.append(AuthError.of(AuthErrorCode.INVALID, "Use 1 to 255 characters.", "name"))
    own_details = [given.email, given.email.partition("@")[0], given.username, given.name]
    problem = await password_problem(given.password, own_details)
    if problem is not None:
        errors.append(AuthError.of(AuthErrorCode.WEAK_PASSWORD, problem, "password"))
    return errors
