"""A page's images: brought along by the page's own statement at the top level, by the image
loader under a category; the same rows either way, as the database holds them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.dbutil import rows

IMAGE_FIELDS = "images { id imageUrl displayOrder createdAt }"
TOP_LEVEL = f"{{ listings(first: 100) {{ nodes {{ id {IMAGE_FIELDS} }} }} }}"
# a few per subcategory: 100 would cost over the query cost limit (see README, Query cost)
UNDER_CATEGORIES = f"""{{ categories {{ children {{
    listings(first: 3) {{ nodes {{ id {IMAGE_FIELDS} }} }} }} }} }}"""


def _images_in_database(database_url: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows(
        database_url,
        """SELECT listing_id::text AS listing_id, id::text AS id, image_url, display_order,
                  created_at
           FROM app.listing_images ORDER BY listing_id, display_order, id""",
    ):
        found.setdefault(row["listing_id"], []).append(
            {
                "id": row["id"],
                "imageUrl": row["image_url"],
                "displayOrder": row["display_order"],
                "createdAt": row["created_at"].isoformat() + "+00:00",
            }
        )
    return found


def _nodes(http: httpx.Client, document: str) -> list[dict[str, Any]]:
    body = http.post("/graphql", json={"query": document}).json()
    assert "errors" not in body, body
    data = body["data"]
    if "listings" in data:
        return list(data["listings"]["nodes"])
    return [
        node
        for category in data["categories"]
        for child in category["children"]
        for node in child["listings"]["nodes"]
    ]


def test_page_images_are_the_database_rows_in_display_order(
    http: httpx.Client, database_url: str
) -> None:
    # given the images the database holds
    expected = _images_in_database(database_url)
    # when pages are read at the top level (images in the page's statement) and under each
    # category (images through the loader)
    for document in (TOP_LEVEL, UNDER_CATEGORIES):
        nodes = _nodes(http, document)
        # then every listing shows exactly its own images, in order
        assert any(node["images"] for node in nodes)
        for node in nodes:
            assert node["images"] == expected.get(node["id"], []), node["id"]
