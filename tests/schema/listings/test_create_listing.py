"""createListing: who may post, where, and that listing and images are written together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from graphql_api.data.queries import Query
from graphql_api.schema.listings import mutations
from tests.client import gql
from tests.dbutil import rows
from tests.schema.listings.helpers import (
    CREATE_LISTING,
    Places,
    codes,
    create,
    listing_input,
    post_listing,
    unique_word,
)
from tests.users import SignedInUser


def test_a_verified_user_posts_a_listing_with_ordered_images(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    # given three image URLs in a chosen order
    urls = [f"https://img.example.com/{n}.jpg" for n in ("c", "a", "b")]
    # when the user posts
    listing = post_listing(http, verified_user, places, imageUrls=urls, title="  Red sofa  ")
    # then the listing is theirs, trimmed, normalised, and expires in 30 days
    assert listing["seller"]["id"] == verified_user.id
    assert listing["title"] == "Red sofa"
    assert listing["price"] == "350.00"
    assert listing["contactPhone"] == "+12125550142"
    assert [image["imageUrl"] for image in listing["images"]] == urls
    assert [image["displayOrder"] for image in listing["images"]] == [0, 1, 2]
    expires_at = datetime.fromisoformat(listing["expiresAt"])
    assert abs(expires_at - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)


def test_an_anonymous_visitor_cannot_post(http: httpx.Client, places: Places) -> None:
    payload = create(http, None, places)
    assert payload["listing"] is None
    assert codes(payload) == [(None, "UNAUTHENTICATED")]


def test_posting_needs_a_verified_phone(
    http: httpx.Client, new_user: SignedInUser, places: Places
) -> None:
    payload = create(http, new_user, places)
    assert codes(payload) == [(None, "PHONE_NOT_VERIFIED")]


def test_the_category_must_be_a_leaf(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    payload = create(http, verified_user, places, categoryId=places.parent_category_id)
    assert codes(payload) == [("input.categoryId", "CATEGORY_NOT_LEAF")]


def test_unknown_category_and_location_are_not_found(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    payload = create(http, verified_user, places, categoryId=missing, locationId=missing)
    assert codes(payload) == [
        ("input.categoryId", "NOT_FOUND"),
        ("input.locationId", "NOT_FOUND"),
    ]


def test_a_malformed_id_is_an_invalid_field(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    payload = create(http, verified_user, places, categoryId="not-a-uuid")
    assert codes(payload) == [("input.categoryId", "INVALID")]


def test_every_invalid_field_is_reported_at_once(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    payload = create(
        http,
        verified_user,
        places,
        title=" x ",
        price="-1",
        contactEmail="nope",
        imageUrls=["https://ok.example.com/a.jpg", "ftp://files.example.com/b.jpg"],
    )
    assert codes(payload) == [
        ("input.title", "INVALID"),
        ("input.price", "INVALID"),
        ("input.contactEmail", "INVALID"),
        ("input.imageUrls.1", "INVALID"),
    ]


def test_a_failure_after_the_listing_insert_leaves_no_listing_and_no_image(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given an image insert that the database refuses (a value too long for its column)
    failing = Query(
        name="append_listing_images",
        sql="INSERT INTO app.listing_images (listing_id, image_url) "
        "VALUES (%(listing_id)s, repeat('x', 501))",
        doc="",
    )
    monkeypatch.setattr(mutations, "APPEND_LISTING_IMAGES", failing)
    title = f"Doomed {unique_word()}"
    images_before = rows(database_url, "SELECT count(*) AS n FROM app.listing_images")[0]["n"]
    # when the user posts
    variables = {"input": listing_input(places, title=title)}
    body = gql(http, CREATE_LISTING, variables, token=verified_user.token)
    # then the request fails unexpectedly, and the transaction left nothing behind
    assert body["errors"][0]["message"] == "Internal server error"
    assert rows(database_url, "SELECT id FROM app.listings WHERE title = %s", [title]) == []
    images_after = rows(database_url, "SELECT count(*) AS n FROM app.listing_images")[0]["n"]
    assert images_after == images_before
