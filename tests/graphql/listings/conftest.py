"""Fixtures for listing-write tests: where listings go."""

from __future__ import annotations

import pytest

from tests.graphql.listings.helpers import Places, find_places


@pytest.fixture(scope="session")
def places(database_url: str) -> Places:
    return find_places(database_url)
