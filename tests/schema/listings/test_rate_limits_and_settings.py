"""Per-user limits on posting, flagging and image writes, and the verified-phone switch.

These run against a second live server with tiny limits, on the same database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.conftest import start_live_server
from tests.schema.listings.helpers import Places, codes, create, post_listing
from tests.schema.listings.test_images import ADD_IMAGE
from tests.schema.listings.test_views_and_flags import flag
from tests.users import SignedInUser, sign_up_user


@pytest.fixture(scope="module")
def strict(settings: Settings, database_url: str) -> Iterator[httpx.Client]:
    """A server allowing 2 posts, 1 flag and 1 image write per hour, without phone checks."""
    strict_settings = dataclasses.replace(
        settings,
        listings_per_hour=2,
        flags_per_hour=1,
        image_writes_per_hour=1,
        require_verified_phone=False,
    )
    server = start_live_server(strict_settings, database_url)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client
    server.stop()


def test_the_third_post_in_an_hour_is_rate_limited(strict: httpx.Client, places: Places) -> None:
    # given a user without a verified phone (the switch is off on this server)
    user = sign_up_user(strict)
    post_listing(strict, user, places)
    post_listing(strict, user, places)
    # then the third post is refused, and nothing is written
    payload = create(strict, user, places)
    assert codes(payload) == [(None, "RATE_LIMITED")]
    assert payload["listing"] is None


def test_the_second_flag_in_an_hour_is_rate_limited(strict: httpx.Client, places: Places) -> None:
    owner, flagger = sign_up_user(strict), sign_up_user(strict)
    listings = [post_listing(strict, owner, places) for _ in range(2)]
    assert flag(strict, flagger, listings[0]["id"])["errors"] == []
    assert codes(flag(strict, flagger, listings[1]["id"])) == [(None, "RATE_LIMITED")]


def test_the_second_image_write_in_an_hour_is_rate_limited(
    strict: httpx.Client, places: Places
) -> None:
    owner = sign_up_user(strict)
    listing = post_listing(strict, owner, places)
    results = [
        data_of(
            gql(
                strict,
                ADD_IMAGE,
                {"listingId": listing["id"], "url": f"https://i.example.com/{n}"},
                token=owner.token,
            )
        )["addListingImage"]
        for n in range(2)
    ]
    assert results[0]["errors"] == []
    assert codes(results[1]) == [(None, "RATE_LIMITED")]


def test_an_unverified_user_is_refused_where_the_switch_is_on(
    http: httpx.Client, new_user: SignedInUser, places: Places
) -> None:
    assert codes(create(http, new_user, places)) == [(None, "PHONE_NOT_VERIFIED")]
