"""The viewer's own listings page with keyset cursors: newest first, no repeats, no gaps."""

from __future__ import annotations

from typing import Any

import httpx

from tests.client import data_of, gql
from tests.schema.listings.helpers import Places, post_listing
from tests.users import SignedInUser

MY_PAGE = """
query Mine($after: String) {
  me { listings(first: 2, after: $after) {
    edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
}
"""


def test_own_listings_are_paged_newest_first_through_edge_cursors(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    # given three listings posted in turn
    posted = [post_listing(http, verified_user, places)["id"] for _ in range(3)]

    def page(after: str | None) -> dict[str, Any]:
        data = data_of(gql(http, MY_PAGE, {"after": after}, token=verified_user.token))
        connection: dict[str, Any] = data["me"]["listings"]
        return connection

    # when the owner pages by twos, continuing from the last edge's cursor
    first = page(None)
    second = page(first["edges"][-1]["cursor"])
    # then the pages hold the listings newest first, each once
    ids = [edge["node"]["id"] for edge in first["edges"] + second["edges"]]
    assert ids == list(reversed(posted))
    assert first["pageInfo"] == {"hasNextPage": True, "endCursor": first["edges"][-1]["cursor"]}
    assert second["pageInfo"]["hasNextPage"] is False
