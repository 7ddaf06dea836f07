"""deleteListing, renewListing and expiry: the end of a listing's life, owner-only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows, run
from tests.schema.listings.helpers import (
    Places,
    codes,
    fetch_listing,
    listing_row,
    my_ids,
    post_listing,
    public_ids,
    unique_word,
)
from tests.users import SignedInUser

DELETE_LISTING = """
mutation Delete($id: ID!) { deleteListing(id: $id) { deletedId errors { field code message } } }
"""

RENEW_LISTING = """
mutation Renew($id: ID!) {
  renewListing(id: $id) { listing { id expiresAt } errors { field code message } }
}
"""

ADD_FAVORITE = """
mutation Fav($id: ID!) { addFavorite(listingId: $id) { errors { code } } }
"""


def delete(http: httpx.Client, user: SignedInUser, listing_id: str) -> dict[str, Any]:
    payload: dict[str, Any] = data_of(
        gql(http, DELETE_LISTING, {"id": listing_id}, token=user.token)
    )["deleteListing"]
    return payload


def renew(http: httpx.Client, user: SignedInUser, listing_id: str) -> dict[str, Any]:
    payload: dict[str, Any] = data_of(
        gql(http, RENEW_LISTING, {"id": listing_id}, token=user.token)
    )["renewListing"]
    return payload


def age(database_url: str, listing_id: str, hours: float, *, expired: bool = False) -> None:
    """Move a listing's creation into the past (and its expiry too, when `expired`)."""
    run(
        database_url,
        "UPDATE app.listings SET created_at = created_at - make_interval(secs => %s),"
        " expires_at = CASE WHEN %s THEN now() - interval '1 minute' ELSE expires_at END"
        " WHERE id = %s",
        [hours * 3600, expired, listing_id],
    )


def test_deleting_removes_the_listing_its_images_and_favorites(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    gql(http, ADD_FAVORITE, {"id": listing["id"]}, token=new_user.token)
    payload = delete(http, verified_user, listing["id"])
    assert payload == {"deletedId": listing["id"], "errors": []}
    leftovers = rows(
        database_url,
        "SELECT (SELECT count(*) FROM app.listings WHERE id = %(id)s)"
        " + (SELECT count(*) FROM app.listing_images WHERE listing_id = %(id)s)"
        " + (SELECT count(*) FROM app.favorites WHERE listing_id = %(id)s) AS n",
        {"id": listing["id"]},
    )
    assert leftovers == [{"n": 0}]


def test_another_users_delete_is_not_found_and_changes_nothing(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    payload = delete(http, new_user, listing["id"])
    assert codes(payload) == [("id", "NOT_FOUND")]
    assert payload["deletedId"] is None
    assert listing_row(database_url, listing["id"]) is not None


def test_renewing_within_48_hours_of_posting_is_too_soon(
    http: httpx.Client, verified_user: SignedInUser, places: Places, database_url: str
) -> None:
    listing = post_listing(http, verified_user, places)
    age(database_url, listing["id"], hours=47.9)
    assert codes(renew(http, verified_user, listing["id"])) == [("id", "RENEW_TOO_SOON")]


def test_renewing_after_48_hours_brings_an_expired_listing_back(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    # given an expired listing posted 48 hours and a bit ago
    word = unique_word()
    listing = post_listing(http, verified_user, places, title=f"Desk {word}")
    age(database_url, listing["id"], hours=48.1, expired=True)
    assert public_ids(http, word) == set()
    # when the owner renews it
    payload = renew(http, verified_user, listing["id"])
    # then it expires 30 days from now and is public again
    assert payload["errors"] == []
    expires_at = datetime.fromisoformat(payload["listing"]["expiresAt"])
    assert abs(expires_at - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)
    assert public_ids(http, word) == {listing["id"]}
    assert fetch_listing(http, listing["id"], new_user) is not None
    # and a second renewal right away is too soon (48 hours from the last renewal)
    assert codes(renew(http, verified_user, listing["id"])) == [("id", "RENEW_TOO_SOON")]


def test_another_users_renew_is_not_found_and_changes_nothing(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    age(database_url, listing["id"], hours=72)
    before = listing_row(database_url, listing["id"])
    assert codes(renew(http, new_user, listing["id"])) == [("id", "NOT_FOUND")]
    assert listing_row(database_url, listing["id"]) == before


def test_an_expired_listing_leaves_public_results_but_stays_in_me_listings(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    word = unique_word()
    listing = post_listing(http, verified_user, places, title=f"Chair {word}")
    age(database_url, listing["id"], hours=1, expired=True)
    assert public_ids(http, word) == set()
    assert fetch_listing(http, listing["id"], new_user) is None
    assert fetch_listing(http, listing["id"]) is None
    assert listing["id"] in my_ids(http, verified_user)
    assert fetch_listing(http, listing["id"], verified_user) is not None
