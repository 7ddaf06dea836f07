"""Fixtures for GraphQL tests that need someone signed in."""

from __future__ import annotations

import httpx
import psycopg
import pytest

from tests.graphql.users import SignedInUser, random_phone_number, sign_up_user


@pytest.fixture
def new_user(http: httpx.Client) -> SignedInUser:
    """A fresh account signed in through `signUp`; use `token` as a bearer token."""
    return sign_up_user(http)


@pytest.fixture
def verified_user(http: httpx.Client, database_url: str) -> SignedInUser:
    """A fresh account with a verified phone (temporarily by SQL until the OTP flow lands)."""
    user = sign_up_user(http)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE auth.user SET phone_number = %s, phone_verified_at = now() WHERE id = %s",
            [random_phone_number(), user.id],
        )
    return user
