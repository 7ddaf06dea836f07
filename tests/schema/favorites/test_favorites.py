"""addFavorite/removeFavorite are idempotent; Viewer.favorites pages what is still visible."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows, run
from tests.schema.listings.helpers import Places, codes, fetch_listing, post_listing
from tests.users import SignedInUser

ADD_FAVORITE = """
mutation Add($id: ID!) {
  addFavorite(listingId: $id) {
    listing { id isFavorited favoriteCount } errors { field code message }
  }
}
"""
REMOVE_FAVORITE = """
mutation Remove($id: ID!) {
  removeFavorite(listingId: $id) {
    listing { id isFavorited favoriteCount } errors { field code message }
  }
}
"""
MY_FAVORITES = """
query Favorites($first: Int!, $after: String) {
  me {
    favorites(first: $first, after: $after) {
      nodes { id } totalCount pageInfo { hasNextPage endCursor }
    }
  }
}
"""


def favorite(
    http: httpx.Client, user: SignedInUser | None, listing_id: str, document: str = ADD_FAVORITE
) -> dict[str, Any]:
    token = None if user is None else user.token
    payload: dict[str, Any] = next(
        iter(data_of(gql(http, document, {"id": listing_id}, token=token)).values())
    )
    return payload


def favorite_rows(database_url: str, user: SignedInUser, listing_id: str) -> int:
    found = rows(
        database_url,
        "SELECT count(*) AS n FROM app.favorites WHERE user_id = %s AND listing_id = %s",
        [user.id, listing_id],
    )
    count: int = found[0]["n"]
    return count


def test_adding_twice_is_not_an_error_and_adds_one_row(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    first = favorite(http, new_user, listing["id"])
    second = favorite(http, new_user, listing["id"])
    expected = {"id": listing["id"], "isFavorited": True, "favoriteCount": 1}
    assert first == second == {"listing": expected, "errors": []}
    assert favorite_rows(database_url, new_user, listing["id"]) == 1


def test_removing_twice_is_not_an_error(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    favorite(http, new_user, listing["id"])
    for _ in range(2):
        payload = favorite(http, new_user, listing["id"], REMOVE_FAVORITE)
        assert payload["errors"] == []
        assert payload["listing"]["isFavorited"] is False


def test_concurrent_adds_leave_one_row(
    live_server: Any,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
    http: httpx.Client,
) -> None:
    listing = post_listing(http, verified_user, places)

    def add(_: int) -> dict[str, Any]:
        with httpx.Client(base_url=live_server.url, timeout=30) as client:
            return favorite(client, new_user, listing["id"])

    with ThreadPoolExecutor(max_workers=10) as pool:
        payloads = list(pool.map(add, range(20)))
    assert all(payload["errors"] == [] for payload in payloads)
    assert favorite_rows(database_url, new_user, listing["id"]) == 1


def test_anonymous_visitors_cannot_favorite_and_see_is_favorited_false(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    favorite(http, new_user, listing["id"])
    assert codes(favorite(http, None, listing["id"])) == [(None, "UNAUTHENTICATED")]
    seen = fetch_listing(http, listing["id"]) or {}
    assert (seen["isFavorited"], seen["favoriteCount"]) == (False, 1)


def test_a_missing_listing_is_not_found(http: httpx.Client, new_user: SignedInUser) -> None:
    payload = favorite(http, new_user, "00000000-0000-4000-8000-000000000000")
    assert codes(payload) == [("listingId", "NOT_FOUND")]


def test_favorites_page_newest_first_and_hide_what_is_no_longer_visible(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    # given three favorited listings, the last one then taken down
    listings = [post_listing(http, verified_user, places) for _ in range(3)]
    for listing in listings:
        favorite(http, new_user, listing["id"])
    run(
        database_url, "UPDATE app.listings SET is_active = false WHERE id = %s", [listings[2]["id"]]
    )
    # when the user pages through their favorites one at a time
    seen: list[str] = []
    after = None
    while True:
        body = gql(http, MY_FAVORITES, {"first": 1, "after": after}, token=new_user.token)
        page = data_of(body)["me"]["favorites"]
        seen += [node["id"] for node in page["nodes"]]
        assert page["totalCount"] == 2
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then they see the visible ones, newest favorite first
    assert seen == [listings[1]["id"], listings[0]["id"]]
