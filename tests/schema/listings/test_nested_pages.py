"""Nested first pages (`Category.listings`, `Location.listings`, `User.listings`) are fetched
for all parents at once; each parent still gets exactly its own listings, newest first."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows

VISIBLE = """
SELECT l.id::text AS id FROM app.listings AS l
WHERE l.is_active AND NOT l.is_flagged
  AND (l.expires_at IS NULL OR l.expires_at > now() AT TIME ZONE 'UTC')
"""
NEWEST = " ORDER BY l.created_at DESC, l.id DESC LIMIT 3"


def _ids(nodes: list[dict[str, str]]) -> list[str]:
    return [node["id"] for node in nodes]


def test_every_category_gets_its_own_subtree_newest_first(
    http: httpx.Client, database_url: str
) -> None:
    tree = data_of(
        gql(
            http,
            """{ categories { slug listings(first: 3) { nodes { id } }
                 children { slug listings(first: 3) { nodes { id } } } } }""",
        )
    )["categories"]
    for top in tree:
        expected = rows(
            database_url,
            VISIBLE
            + """ AND l.category_id IN (SELECT id FROM master.categories
                    WHERE slug = %(slug)s OR parent_id = (SELECT id FROM master.categories
                                                          WHERE slug = %(slug)s))"""
            + NEWEST,
            {"slug": top["slug"]},
        )
        assert _ids(top["listings"]["nodes"]) == [row["id"] for row in expected]
        for child in top["children"]:
            expected = rows(
                database_url,
                VISIBLE
                + " AND l.category_id = (SELECT id FROM master.categories WHERE slug = %s)"
                + NEWEST,
                [child["slug"]],
            )
            assert _ids(child["listings"]["nodes"]) == [row["id"] for row in expected]


def test_every_seller_gets_their_own_listings_with_the_filter(
    http: httpx.Client, database_url: str
) -> None:
    nodes = data_of(
        gql(
            http,
            """{ listings(first: 30) { nodes { seller { id
                 listings(first: 3) { nodes { id } } } } } }""",
        )
    )["listings"]["nodes"]
    for node in nodes:
        seller = node["seller"]
        expected = rows(database_url, VISIBLE + " AND l.user_id = %s" + NEWEST, [seller["id"]])
        assert _ids(seller["listings"]["nodes"]) == [row["id"] for row in expected]


def test_every_location_gets_its_own_listings_and_filters_apply(
    http: httpx.Client, database_url: str
) -> None:
    locations = data_of(
        gql(
            http,
            """{ locations { slug listings(first: 3, filter: {hasImages: true}) {
                   nodes { id } pageInfo { hasNextPage } } } }""",
        )
    )["locations"]
    assert len(locations) >= 50
    for location in locations:
        expected = rows(
            database_url,
            VISIBLE
            + """ AND l.location_id = (SELECT id FROM master.locations WHERE slug = %s)
                  AND EXISTS (SELECT 1 FROM app.listing_images i WHERE i.listing_id = l.id)
                  ORDER BY l.created_at DESC, l.id DESC LIMIT 4""",
            [location["slug"]],
        )
        assert _ids(location["listings"]["nodes"]) == [row["id"] for row in expected[:3]]
        assert location["listings"]["pageInfo"]["hasNextPage"] is (len(expected) > 3)
