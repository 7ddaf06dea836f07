"""Favorites tests post listings like the listing tests do."""

from __future__ import annotations

import pytest

from tests.graphql.listings.helpers import Places, find_places


@pytest.fixture(scope="session")
def places(database_url: str) -> Places:
    return find_places(database_url)
