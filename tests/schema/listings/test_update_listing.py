"""updateListing: patch semantics, taking a listing down, and ownership."""

from __future__ import annotations

import httpx
import pytest

from tests.client import data_of, gql
from tests.schema.listings.helpers import (
    Places,
    codes,
    fetch_listing,
    listing_row,
    post_listing,
    public_ids,
    unique_word,
    update,
)
from tests.users import SignedInUser

NULL_TITLE_LITERAL = """
mutation($id: ID!) { updateListing(id: $id, input: {title: null}) { errors { field code } } }
"""


def test_absent_fields_stay_and_null_clears_a_nullable_one(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    # given a listing with a price and contact details
    listing = post_listing(http, verified_user, places)
    # when the owner changes the title and clears the price and the phone
    payload = update(
        http, verified_user, listing["id"], title="Road bike", price=None, contactPhone=None
    )
    # then exactly those change
    assert payload["errors"] == []
    updated = payload["listing"]
    assert updated["title"] == "Road bike"
    assert updated["price"] is None
    assert updated["contactPhone"] is None
    assert updated["description"] == listing["description"]
    assert updated["contactEmail"] == listing["contactEmail"]
    assert updated["isPriceNegotiable"] is True


REQUIRED_FIELDS = [
    "title",
    "description",
    "categoryId",
    "locationId",
    "isPriceNegotiable",
    "isActive",
]


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_null_on_a_field_every_listing_has_is_refused_with_required(
    http: httpx.Client, verified_user: SignedInUser, places: Places, field: str
) -> None:
    # given a listing
    listing = post_listing(http, verified_user, places)
    # when the owner sends null for a field every listing has, with a valid change beside it
    payload = update(http, verified_user, listing["id"], price="1.00", **{field: None})
    # then the patch is refused as data, naming the field, and nothing changes
    assert codes(payload) == [(f"input.{field}", "REQUIRED")]
    assert fetch_listing(http, listing["id"], verified_user) == listing


def test_null_as_a_literal_is_refused_the_same_way(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    body = gql(http, NULL_TITLE_LITERAL, {"id": listing["id"]}, token=verified_user.token)
    assert data_of(body)["updateListing"]["errors"] == [
        {"field": "input.title", "code": "REQUIRED"}
    ]


def test_an_empty_patch_changes_nothing(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    payload = update(http, verified_user, listing["id"])
    assert payload["errors"] == []
    assert payload["listing"] == listing


def test_a_taken_down_listing_is_hidden_from_others_but_not_from_its_owner(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    word = unique_word()
    listing = post_listing(http, verified_user, places, title=f"Lamp {word}")
    assert public_ids(http, word) == {listing["id"]}
    # when the owner marks it sold
    payload = update(http, verified_user, listing["id"], isActive=False)
    # then only the owner still sees it
    assert payload["listing"]["isActive"] is False
    assert public_ids(http, word) == set()
    assert fetch_listing(http, listing["id"], new_user) is None
    assert fetch_listing(http, listing["id"], verified_user) is not None


def test_another_users_update_is_not_found_and_changes_nothing(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    before = listing_row(database_url, listing["id"])
    # when someone else tries to change it
    payload = update(http, new_user, listing["id"], title="Stolen", isActive=False)
    # then they get the same answer as for a listing that does not exist
    missing = update(http, new_user, "00000000-0000-4000-8000-000000000000", title="Stolen")
    assert codes(payload) == codes(missing) == [("id", "NOT_FOUND")]
    assert payload["errors"][0]["message"] == missing["errors"][0]["message"]
    assert listing_row(database_url, listing["id"]) == before


def test_moving_to_a_non_leaf_category_is_refused(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    payload = update(http, verified_user, listing["id"], categoryId=places.parent_category_id)
    assert codes(payload) == [("input.categoryId", "CATEGORY_NOT_LEAF")]


def test_an_anonymous_update_is_unauthenticated(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    assert codes(update(http, None, listing["id"], title="Nope")) == [(None, "UNAUTHENTICATED")]
