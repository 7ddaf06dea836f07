"""recordListingView and flagListing: counters and the flag threshold."""

from __future__ import annotations

from typing import Any

import httpx

from graphql_api.config import Settings
from tests.client import data_of, gql
from tests.dbutil import rows, run
from tests.schema.listings.helpers import (
    Places,
    codes,
    fetch_listing,
    my_ids,
    post_listing,
    public_ids,
    unique_word,
)
from tests.users import SignedInUser, sign_up_user, verify_phone

RECORD_VIEW = """
mutation View($id: ID!) {
  recordListingView(id: $id) { listing { viewCount updatedAt } errors { field code message } }
}
"""

FLAG = """
mutation Flag($id: ID!, $reason: FlagReason!) {
  flagListing(id: $id, reason: $reason) { listing { id } errors { field code message } }
}
"""


def record_view(http: httpx.Client, listing_id: str, user: SignedInUser | None) -> dict[str, Any]:
    token = None if user is None else user.token
    body = gql(http, RECORD_VIEW, {"id": listing_id}, token=token)
    payload: dict[str, Any] = data_of(body)["recordListingView"]
    return payload


def flag(
    http: httpx.Client, user: SignedInUser, listing_id: str, reason: str = "SPAM"
) -> dict[str, Any]:
    body = gql(http, FLAG, {"id": listing_id, "reason": reason}, token=user.token)
    payload: dict[str, Any] = data_of(body)["flagListing"]
    return payload


def test_views_count_except_the_owners_and_do_not_touch_updated_at(
    http: httpx.Client, verified_user: SignedInUser, new_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    assert record_view(http, listing["id"], None)["listing"]["viewCount"] == 1
    assert record_view(http, listing["id"], new_user)["listing"]["viewCount"] == 2
    owners = record_view(http, listing["id"], verified_user)["listing"]
    assert owners["viewCount"] == 2
    assert owners["updatedAt"] == listing["updatedAt"]


def test_a_view_counts_once_per_viewer_a_day(
    http: httpx.Client,
    verified_user: SignedInUser,
    new_user: SignedInUser,
    places: Places,
    database_url: str,
) -> None:
    # given a listing
    listing = post_listing(http, verified_user, places)
    # when an anonymous client and a user each view it three times
    anonymous = [record_view(http, listing["id"], None) for _ in range(3)]
    signed_in = [record_view(http, listing["id"], new_user) for _ in range(3)]
    # then each counts once
    assert [p["listing"]["viewCount"] for p in anonymous] == [1, 1, 1]
    assert [p["listing"]["viewCount"] for p in signed_in] == [2, 2, 2]
    # when a day passes and the user views it again
    run(
        database_url,
        "UPDATE app.listing_views SET day = day - 1 WHERE listing_id = %s",
        [listing["id"]],
    )
    again = record_view(http, listing["id"], new_user)
    # then it counts again, and yesterday's views are forgotten
    assert again["listing"]["viewCount"] == 3
    kept = rows(
        database_url,
        "SELECT day = (now() AT TIME ZONE 'UTC')::date AS today "
        "FROM app.listing_views WHERE listing_id = %s",
        [listing["id"]],
    )
    assert kept == [{"today": True}]


def test_a_hidden_listing_cannot_be_viewed(http: httpx.Client) -> None:
    payload = record_view(http, "00000000-0000-4000-8000-000000000000", None)
    assert codes(payload) == [("id", "NOT_FOUND")]


def established_user(http: httpx.Client, settings: Settings, database_url: str) -> SignedInUser:
    """An account whose flags count: a verified phone, and older than the minimum age."""
    user = sign_up_user(http)
    verify_phone(http, user, settings.sms_outbox)
    run(
        database_url,
        "UPDATE auth.user SET created_at = created_at - make_interval(hours => %s) WHERE id = %s",
        [settings.flag_min_account_age_hours + 1, user.id],
    )
    return user


def test_the_flag_threshold_hides_the_listing_from_everyone_but_its_owner(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    settings: Settings,
    database_url: str,
) -> None:
    # given a listing and three established users (threshold 3)
    word = unique_word()
    listing = post_listing(http, verified_user, places, title=f"Watch {word}")
    flaggers = [established_user(http, settings, database_url) for _ in range(3)]
    # when two flag it, one of them twice
    assert flag(http, flaggers[0], listing["id"])["errors"] == []
    assert flag(http, flaggers[0], listing["id"], "SCAM")["errors"] == []
    assert flag(http, flaggers[1], listing["id"])["listing"] == {"id": listing["id"]}
    # then it is still public: a repeat flag does not count twice
    assert public_ids(http, word) == {listing["id"]}
    # when a third user flags it
    third = flag(http, flaggers[2], listing["id"], "PROHIBITED")
    # then it is hidden from everyone else, in the same transaction as the flag
    assert third == {"listing": None, "errors": []}
    assert public_ids(http, word) == set()
    assert fetch_listing(http, listing["id"], flaggers[0]) is None
    assert fetch_listing(http, listing["id"]) is None
    # but not from its owner, who can see that flags hid it
    owners = fetch_listing(http, listing["id"], verified_user)
    assert owners is not None
    assert owners["hiddenByFlags"] is True
    assert listing["id"] in my_ids(http, verified_user)
    stored = rows(
        database_url,
        "SELECT count(*) AS flags FROM app.listing_flags WHERE listing_id = %s",
        [listing["id"]],
    )
    assert stored == [{"flags": 3}]


def test_fresh_or_unverified_accounts_cannot_hide_a_listing(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    settings: Settings,
    database_url: str,
) -> None:
    # given a listing, two established users, and accounts made a moment ago: unverified ones,
    # a verified one, and an old one without a verified phone
    word = unique_word()
    listing = post_listing(http, verified_user, places, title=f"Lamp {word}")
    established = [established_user(http, settings, database_url) for _ in range(2)]
    fresh = [sign_up_user(http) for _ in range(3)]
    fresh_verified = sign_up_user(http)
    verify_phone(http, fresh_verified, settings.sms_outbox)
    old_unverified = sign_up_user(http)
    run(
        database_url,
        "UPDATE auth.user SET created_at = created_at - interval '1 year' WHERE id = %s",
        [old_unverified.id],
    )
    # when all of those flag it but one established user
    for flagger in [*fresh, fresh_verified, old_unverified, established[0]]:
        assert flag(http, flagger, listing["id"])["errors"] == []
    # then it is still public, and its owner sees it is not hidden
    assert public_ids(http, word) == {listing["id"]}
    owners = fetch_listing(http, listing["id"], verified_user)
    assert owners is not None
    assert owners["hiddenByFlags"] is False
    # when the second established user flags it (threshold 3: the fresh ones never counted)
    flag(http, established[1], listing["id"])
    # then it is still public
    assert public_ids(http, word) == {listing["id"]}


def test_nobody_flags_their_own_listing(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    listing = post_listing(http, verified_user, places)
    assert codes(flag(http, verified_user, listing["id"])) == [("id", "CANNOT_FLAG_OWN_LISTING")]
