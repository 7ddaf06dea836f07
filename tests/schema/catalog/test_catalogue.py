"""The category tree and the locations, as browsing clients read them."""

from __future__ import annotations

import httpx

from tests.client import data_of, gql
from tests.dbutil import rows

TREE = """
query { categories { id name slug parent { id } children { name slug parent { slug } } } }
"""
CATEGORY = """
query($slug: String!) {
  category(slug: $slug) { name slug ancestors { slug } parent { slug } children { slug } }
}
"""
LOCATIONS = "query($state: String) { locations(state: $state) { city state country slug } }"
LOCATION = "query($slug: String!) { location(slug: $slug) { city state slug } }"


def test_top_level_categories_and_children_are_ordered_by_name(
    http: httpx.Client, database_url: str
) -> None:
    # when
    categories = data_of(gql(http, TREE))["categories"]
    # then
    roots = rows(database_url, "SELECT name FROM master.categories WHERE parent_id IS NULL")
    assert [c["name"] for c in categories] == sorted(r["name"] for r in roots)
    for category in categories:
        assert category["parent"] is None
        names = [child["name"] for child in category["children"]]
        assert names == sorted(names)
        assert all(child["parent"]["slug"] == category["slug"] for child in category["children"])
    assert sum(len(c["children"]) for c in categories) >= 6 * 8


def test_category_by_slug_has_root_first_ancestors(http: httpx.Client) -> None:
    electronics = data_of(gql(http, CATEGORY, {"slug": "electronics"}))["category"]
    assert electronics["slug"] == "electronics"
    assert electronics["ancestors"] == [{"slug": electronics["parent"]["slug"]}]
    assert electronics["children"] == []


def test_unknown_category_slug_is_null(http: httpx.Client) -> None:
    assert data_of(gql(http, CATEGORY, {"slug": "no-such-category"}))["category"] is None


def test_locations_by_state(http: httpx.Client, database_url: str) -> None:
    everywhere = data_of(gql(http, LOCATIONS))["locations"]
    assert len(everywhere) >= 50
    state = everywhere[0]["state"]
    in_state = data_of(gql(http, LOCATIONS, {"state": state}))["locations"]
    expected = rows(database_url, "SELECT slug FROM master.locations WHERE state = %s", [state])
    assert sorted(loc["slug"] for loc in in_state) == sorted(r["slug"] for r in expected)
    assert all(loc["state"] == state for loc in in_state)


def test_location_by_slug(http: httpx.Client) -> None:
    slug = data_of(gql(http, LOCATIONS))["locations"][0]["slug"]
    assert data_of(gql(http, LOCATION, {"slug": slug}))["location"]["slug"] == slug
    assert data_of(gql(http, LOCATION, {"slug": "atlantis-xx"}))["location"] is None
