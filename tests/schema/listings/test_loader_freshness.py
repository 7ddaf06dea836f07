"""One request never reads stale data after its own mutation (loader caches are cleared)."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.schema.listings.helpers import Places, post_listing
from tests.users import SignedInUser

TWO_UPDATES = """
mutation Twice($id: ID!) {
  first: updateListing(id: $id, input: {title: "First title"}) { listing { title } }
  second: updateListing(id: $id, input: {title: "Second title"}) { listing { title } }
}
"""

FAVORITE_THEN_UNFAVORITE = """
mutation Toggle($id: ID!) {
  add: addFavorite(listingId: $id) { listing { isFavorited favoriteCount } }
  remove: removeFavorite(listingId: $id) { listing { isFavorited favoriteCount } }
  again: addFavorite(listingId: $id) { listing { isFavorited favoriteCount } }
}
"""


def test_a_second_update_in_one_request_sees_the_first(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    data = data_of(gql(http, TWO_UPDATES, {"id": listing["id"]}, token=verified_user.token))
    assert data["first"]["listing"]["title"] == "First title"
    assert data["second"]["listing"]["title"] == "Second title"


def test_favorite_fields_follow_each_write_in_one_request(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    data = data_of(gql(http, FAVORITE_THEN_UNFAVORITE, {"id": listing["id"]}, token=new_user.token))
    assert data["add"]["listing"] == {"isFavorited": True, "favoriteCount": 1}
    assert data["remove"]["listing"] == {"isFavorited": False, "favoriteCount": 0}
    assert data["again"]["listing"] == {"isFavorited": True, "favoriteCount": 1}
