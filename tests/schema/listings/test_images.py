"""Image writes: owner-only, capped at 12, positions always 0..n-1."""

from __future__ import annotations

from typing import Any

import httpx

from tests.client import data_of, gql
from tests.schema.listings.helpers import Places, codes, fetch_listing, post_listing
from tests.users import SignedInUser

IMAGES = "listing { id images { id imageUrl displayOrder } } errors { field code message }"
ADD_IMAGE = f"""
mutation Add($listingId: ID!, $url: String!) {{
  addListingImage(listingId: $listingId, imageUrl: $url) {{ {IMAGES} }}
}}
"""
REMOVE_IMAGE = f"""
mutation Remove($id: ID!) {{ removeListingImage(id: $id) {{ {IMAGES} }} }}
"""
REORDER_IMAGES = f"""
mutation Reorder($listingId: ID!, $imageIds: [ID!]!) {{
  reorderListingImages(listingId: $listingId, imageIds: $imageIds) {{ {IMAGES} }}
}}
"""


def call(http: httpx.Client, user: SignedInUser, document: str, **variables: Any) -> dict[str, Any]:
    payload: dict[str, Any] = next(
        iter(data_of(gql(http, document, variables, token=user.token)).values())
    )
    return payload


def urls_in_order(listing: dict[str, Any]) -> list[str]:
    images = listing["images"]
    assert [image["displayOrder"] for image in images] == list(range(len(images)))
    return [image["imageUrl"] for image in images]


def test_added_images_go_last_and_removal_closes_the_gap(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places, imageUrls=["https://i.example.com/a"])
    added = call(
        http, verified_user, ADD_IMAGE, listingId=listing["id"], url="https://i.example.com/b"
    )
    assert urls_in_order(added["listing"]) == ["https://i.example.com/a", "https://i.example.com/b"]
    first_id = added["listing"]["images"][0]["id"]
    removed = call(http, verified_user, REMOVE_IMAGE, id=first_id)
    assert urls_in_order(removed["listing"]) == ["https://i.example.com/b"]


def test_reordering_sets_positions_in_the_given_order(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    urls = [f"https://i.example.com/{n}" for n in range(3)]
    listing = post_listing(http, verified_user, places, imageUrls=urls)
    ids = [image["id"] for image in listing["images"]]
    payload = call(http, verified_user, REORDER_IMAGES, listingId=listing["id"], imageIds=ids[::-1])
    assert urls_in_order(payload["listing"]) == urls[::-1]


def test_a_reorder_must_name_each_image_exactly_once(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    urls = [f"https://i.example.com/{n}" for n in range(3)]
    listing = post_listing(http, verified_user, places, imageUrls=urls)
    ids = [image["id"] for image in listing["images"]]
    for wrong in (ids[:2], [ids[0], ids[0], ids[1]], [*ids, ids[0]]):
        payload = call(http, verified_user, REORDER_IMAGES, listingId=listing["id"], imageIds=wrong)
        assert codes(payload) == [("imageIds", "IMAGES_MISMATCH")]
    assert urls_in_order(fetch_listing(http, listing["id"]) or {}) == urls


def test_the_thirteenth_image_is_refused(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    urls = [f"https://i.example.com/{n}" for n in range(12)]
    listing = post_listing(http, verified_user, places, imageUrls=urls)
    payload = call(
        http, verified_user, ADD_IMAGE, listingId=listing["id"], url="https://i.example.com/x"
    )
    assert codes(payload) == [("imageUrl", "TOO_MANY_IMAGES")]
    assert len((fetch_listing(http, listing["id"]) or {})["images"]) == 12


def test_an_invalid_image_url_is_refused(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    payload = call(
        http, verified_user, ADD_IMAGE, listingId=listing["id"], url="javascript:alert(1)"
    )
    assert codes(payload) == [("imageUrl", "INVALID")]


def test_another_users_image_writes_are_not_found_and_change_nothing(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    ids = [image["id"] for image in listing["images"]]
    attempts = [
        (ADD_IMAGE, {"listingId": listing["id"], "url": "https://evil.example.com/x"}, "listingId"),
        (REMOVE_IMAGE, {"id": ids[0]}, "id"),
        (REORDER_IMAGES, {"listingId": listing["id"], "imageIds": ids[::-1]}, "listingId"),
    ]
    for document, variables, field in attempts:
        payload = call(http, new_user, document, **variables)
        assert codes(payload) == [(field, "NOT_FOUND")]
        assert payload["listing"] is None
    after = fetch_listing(http, listing["id"], verified_user) or {}
    assert after["images"] == listing["images"]
