"""`listing(id)`: one listing with its nested data; null when missing or not visible."""

from __future__ import annotations

import uuid

import httpx

from tests.client import data_of, error_codes, gql
from tests.dbutil import rows, run

DETAIL = """
query($id: ID!) {
  listing(id: $id) {
    id title description price isPriceNegotiable isActive viewCount createdAt updatedAt expiresAt
    category { name slug parent { name } }
    location { city state country }
    images { imageUrl displayOrder }
    seller { id name username }
  }
}
"""


def _visible_listing_with_images(database_url: str) -> dict[str, object]:
    return rows(
        database_url,
        """SELECT l.id::text AS id, l.title, l.price, u.name AS seller
           FROM app.listings l JOIN auth.user u ON u.id = l.user_id
           WHERE l.is_active AND NOT l.is_flagged AND l.expires_at > now() AT TIME ZONE 'UTC'
             AND l.price IS NOT NULL
             AND (SELECT count(*) FROM app.listing_images i WHERE i.listing_id = l.id) >= 2
           ORDER BY l.id LIMIT 1""",
    )[0]


def test_listing_with_nested_category_location_images_and_seller(
    http: httpx.Client, database_url: str
) -> None:
    expected = _visible_listing_with_images(database_url)
    listing = data_of(gql(http, DETAIL, {"id": expected["id"]}))["listing"]
    assert listing["title"] == expected["title"]
    assert listing["price"] == str(expected["price"])
    assert listing["seller"]["name"] == expected["seller"]
    assert listing["createdAt"].endswith("+00:00")
    images = rows(
        database_url,
        "SELECT image_url FROM app.listing_images WHERE listing_id = %s ORDER BY display_order",
        [expected["id"]],
    )
    assert [image["imageUrl"] for image in listing["images"]] == [r["image_url"] for r in images]
    assert [image["displayOrder"] for image in listing["images"]] == sorted(
        image["displayOrder"] for image in listing["images"]
    )
    assert listing["category"]["parent"]["name"]


def test_images_first_limits_and_negative_is_bad_input(
    http: httpx.Client, database_url: str
) -> None:
    listing_id = _visible_listing_with_images(database_url)["id"]
    query = "query($id: ID!, $n: Int) { listing(id: $id) { images(first: $n) { imageUrl } } }"
    assert len(data_of(gql(http, query, {"id": listing_id, "n": 1}))["listing"]["images"]) == 1
    assert error_codes(gql(http, query, {"id": listing_id, "n": -1})) == ["BAD_USER_INPUT"]


def test_missing_listing_is_null_and_malformed_id_is_bad_input(http: httpx.Client) -> None:
    assert data_of(gql(http, DETAIL, {"id": str(uuid.uuid4())}))["listing"] is None
    assert error_codes(gql(http, DETAIL, {"id": "not-a-uuid"})) == ["BAD_USER_INPUT"]


def test_inactive_flagged_and_expired_listings_are_null_for_the_public(
    http: httpx.Client, database_url: str
) -> None:
    # given three visible listings made invisible in three different ways
    ids = [
        r["id"]
        for r in rows(
            database_url,
            """SELECT l.id::text AS id FROM app.listings l
               WHERE l.is_active AND NOT l.is_flagged AND l.expires_at > now() AT TIME ZONE 'UTC'
               ORDER BY l.created_at LIMIT 3""",
        )
    ]
    hide = [
        "UPDATE app.listings SET is_active = false WHERE id = %s",
        "UPDATE app.listings SET is_flagged = true WHERE id = %s",
        "UPDATE app.listings SET expires_at = now() AT TIME ZONE 'UTC' - interval '1 minute'"
        " WHERE id = %s",
    ]
    saved = rows(
        database_url,
        "SELECT id, is_active, is_flagged, expires_at FROM app.listings WHERE id = ANY(%s::uuid[])",
        [ids],
    )
    try:
        for listing_id, statement in zip(ids, hide, strict=True):
            run(database_url, statement, [listing_id])
        # then none of them can be read anonymously
        for listing_id in ids:
            assert data_of(gql(http, DETAIL, {"id": listing_id}))["listing"] is None
    finally:
        for row in saved:
            run(
                database_url,
                "UPDATE app.listings SET is_active = %(is_active)s, is_flagged = %(is_flagged)s,"
                " expires_at = %(expires_at)s WHERE id = %(id)s",
                row,
            )
