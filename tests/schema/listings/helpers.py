"""GraphQL documents and small helpers shared by the listing-write tests."""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows
from tests.users import SignedInUser

LISTING_FIELDS = """
fragment ListingFields on Listing {
  id title description price isPriceNegotiable contactEmail contactPhone isActive hiddenByFlags
  viewCount createdAt updatedAt expiresAt isFavorited favoriteCount
  seller { id }
  images { id imageUrl displayOrder }
}
"""

CREATE_LISTING = (
    """
mutation Create($input: CreateListingInput!) {
  createListing(input: $input) {
    listing { ...ListingFields }
    errors { field code message }
  }
}
"""
    + LISTING_FIELDS
)

UPDATE_LISTING = (
    """
mutation Update($id: ID!, $input: UpdateListingInput!) {
  updateListing(id: $id, input: $input) {
    listing { ...ListingFields }
    errors { field code message }
  }
}
"""
    + LISTING_FIELDS
)

LISTING = (
    """
query Listing($id: ID!) { listing(id: $id) { ...ListingFields } }
"""
    + LISTING_FIELDS
)

PUBLIC_LISTING_IDS = """
query Public($search: String!) { listings(filter: {search: $search}, first: 100) { nodes { id } } }
"""

MY_LISTING_IDS = """
query Mine { me { listings(first: 100) { nodes { id } } } }
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Places:
    """Where test listings go: a leaf category, a category with children, a location."""

    leaf_category_id: str
    parent_category_id: str
    location_id: str


def find_places(database_url: str) -> Places:
    leaf = rows(
        database_url,
        "SELECT c.id FROM master.categories AS c WHERE NOT EXISTS "
        "(SELECT 1 FROM master.categories AS k WHERE k.parent_id = c.id) ORDER BY c.slug LIMIT 1",
    )
    parent = rows(
        database_url,
        "SELECT DISTINCT c.parent_id AS id FROM master.categories AS c "
        "WHERE c.parent_id IS NOT NULL LIMIT 1",
    )
    location = rows(database_url, "SELECT id FROM master.locations ORDER BY slug LIMIT 1")
    return Places(str(leaf[0]["id"]), str(parent[0]["id"]), str(location[0]["id"]))


def unique_word() -> str:
    """A word no other listing has, to find a test's listings with a search."""
    return f"zq{secrets.token_hex(4)}"


def listing_input(places: Places, **overrides: Any) -> dict[str, Any]:
    return {
        "categoryId": places.leaf_category_id,
        "locationId": places.location_id,
        "title": "Mountain bike, barely used",
        "description": "A 2021 hardtail in good shape.",
        "price": "350.00",
        "isPriceNegotiable": True,
        "contactEmail": "seller@example.com",
        "contactPhone": "(212) 555-0142",
        "imageUrls": ["https://img.example.com/1.jpg", "https://img.example.com/2.jpg"],
        **overrides,
    }


def create(
    http: httpx.Client, user: SignedInUser | None, places: Places, **overrides: Any
) -> dict[str, Any]:
    """The createListing payload (listing and errors)."""
    token = None if user is None else user.token
    body = gql(http, CREATE_LISTING, {"input": listing_input(places, **overrides)}, token=token)
    payload: dict[str, Any] = data_of(body)["createListing"]
    return payload


def post_listing(
    http: httpx.Client, user: SignedInUser, places: Places, **overrides: Any
) -> dict[str, Any]:
    """A listing created by `user`; fails the test if creation is refused."""
    payload = create(http, user, places, **overrides)
    assert payload["errors"] == [], payload["errors"]
    listing: dict[str, Any] = payload["listing"]
    return listing


def update(
    http: httpx.Client, user: SignedInUser | None, listing_id: str, **patch: Any
) -> dict[str, Any]:
    token = None if user is None else user.token
    body = gql(http, UPDATE_LISTING, {"id": listing_id, "input": patch}, token=token)
    payload: dict[str, Any] = data_of(body)["updateListing"]
    return payload


def fetch_listing(
    http: httpx.Client, listing_id: str, user: SignedInUser | None = None
) -> dict[str, Any] | None:
    token = None if user is None else user.token
    listing: dict[str, Any] | None = data_of(gql(http, LISTING, {"id": listing_id}, token=token))[
        "listing"
    ]
    return listing


def public_ids(http: httpx.Client, search: str) -> set[str]:
    """Ids of the public listings matching `search` (give each test's titles a unique word)."""
    nodes = data_of(gql(http, PUBLIC_LISTING_IDS, {"search": search}))["listings"]["nodes"]
    return {node["id"] for node in nodes}


def my_ids(http: httpx.Client, user: SignedInUser) -> set[str]:
    nodes = data_of(gql(http, MY_LISTING_IDS, token=user.token))["me"]["listings"]["nodes"]
    return {node["id"] for node in nodes}


def codes(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    """(field, code) of each payload error, for compact assertions."""
    return [(error["field"], error["code"]) for error in payload["errors"]]


def listing_row(database_url: str, listing_id: str) -> dict[str, Any] | None:
    found = rows(database_url, "SELECT * FROM app.listings WHERE id = %s", [listing_id])
    return found[0] if found else None
