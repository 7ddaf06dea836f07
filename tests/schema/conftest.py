"""Fixtures for the domains' tests: someone signed in, and where listings go."""

from __future__ import annotations

import httpx
import pytest

from graphql_api.config import Settings
from tests.schema.listings.helpers import Places, find_places
from tests.users import SignedInUser, sign_up_user, verify_phone


@pytest.fixture
def new_user(http: httpx.Client) -> SignedInUser:
    """A fresh account signed in through `signUp`; use `token` as a bearer token."""
    return sign_up_user(http)


@pytest.fixture
def verified_user(http: httpx.Client, settings: Settings) -> SignedInUser:
    """A fresh account whose phone was verified through the real OTP flow (outbox backend)."""
    user = sign_up_user(http)
    verify_phone(http, user, settings.sms_outbox)
    return user


@pytest.fixture(scope="session")
def places(database_url: str) -> Places:
    return find_places(database_url)
