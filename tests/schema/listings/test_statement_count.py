"""No N+1: the number of SQL statements per request does not grow with the page size."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.dbutil import rows

BROWSE = """
query($first: Int) {
  listings(first: $first) {
    nodes {
      id title price createdAt
      category { name slug parent { name } ancestors { slug } children { slug } }
      location { city state }
      images(first: 4) { imageUrl }
      seller { name }
    }
  }
}
"""
TREE = "{ categories { id name slug children { id name slug children { slug } } } }"


def _statements(http: httpx.Client, query: str, variables: dict[str, object]) -> int:
    response = http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    assert "errors" not in response.json()
    return int(response.headers["x-sql-statements"])


def test_browse_statement_count_is_the_same_for_1_20_and_100_listings(
    http: httpx.Client,
) -> None:
    _statements(http, BROWSE, {"first": 1})  # the process loads its catalogue once, here
    counts = {first: _statements(http, BROWSE, {"first": first}) for first in (1, 20, 100)}
    assert counts[1] == counts[20] == counts[100], counts
    # listings with their images, sellers; categories and locations come from the in-memory
    # catalogue
    assert counts[100] == 2


def test_category_tree_runs_no_statement_once_the_catalogue_is_loaded(http: httpx.Client) -> None:
    _statements(http, TREE, {})
    assert _statements(http, TREE, {}) == 0


NESTED = {
    "categories": """{ categories { children { slug listings(first: 2) {
                        nodes { id title images(first: 1) { imageUrl } } } } } }""",
    "locations": "{ locations { slug listings(first: 2) { nodes { id } } } }",
    "sellers": """{ listings(first: 50) { nodes { id seller { name
                    listings(first: 3) { nodes { id title } } } } } }""",
}


@pytest.mark.parametrize("shape", NESTED)
def test_nested_listing_pages_are_batched(http: httpx.Client, shape: str) -> None:
    # given the catalogue is loaded
    _statements(http, TREE, {})
    # then a page of listings under every category, location or seller takes a few statements
    # (pages, images, sellers), not one per parent
    assert _statements(http, NESTED[shape], {}) <= 3


# the nested pages' `totalCount`, with the truth for each parent straight from the database
NESTED_COUNTS = {
    "categories": (
        "{ categories { children { key: slug listings(first: 1) { totalCount } } } }",
        """SELECT c.slug AS key, (SELECT count(*) FROM app.visible_listings(
             NULL, ARRAY[c.id], NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS total
           FROM master.categories AS c WHERE c.parent_id IS NOT NULL""",
    ),
    "locations": (
        "{ locations { key: slug listings(first: 1, sort: PRICE_ASC) { totalCount } } }",
        """SELECT loc.slug AS key, (SELECT count(*) FROM app.visible_listings(
             NULL, NULL, loc.slug, NULL, NULL, NULL, NULL, NULL, NULL)) AS total
           FROM master.locations AS loc""",
    ),
    "sellers": (
        """{ listings(first: 100) { nodes { seller { key: id
               listings(first: 1) { totalCount } } } } }""",
        """SELECT u.id::text AS key, (SELECT count(*) FROM app.visible_listings(
             NULL, NULL, NULL, u.id, NULL, NULL, NULL, NULL, NULL)) AS total
           FROM auth.user AS u""",
    ),
}


def _parents(data: dict[str, Any]) -> list[dict[str, Any]]:
    if "categories" in data:
        return [child for top in data["categories"] for child in top["children"]]
    if "locations" in data:
        return list(data["locations"])
    return [node["seller"] for node in data["listings"]["nodes"]]


@pytest.mark.parametrize("shape", NESTED_COUNTS)
def test_nested_total_counts_take_one_statement(
    http: httpx.Client, database_url: str, shape: str
) -> None:
    # given the catalogue is loaded
    _statements(http, TREE, {})
    document, truth = NESTED_COUNTS[shape]
    # when the nested pages' totalCount is asked of every parent
    response = http.post("/graphql", json={"query": document})
    # then the counts are right and took one statement for all the parents (whatever the pages
    # took: for "locations", whose sort order is not batched, one statement per page)
    body = response.json()
    assert "errors" not in body
    parents = _parents(body["data"])
    assert len(parents) > 10
    expected = {row["key"]: row["total"] for row in rows(database_url, truth)}
    assert {parent["key"]: parent["listings"]["totalCount"] for parent in parents} == {
        parent["key"]: expected[parent["key"]] for parent in parents
    }
    without_counts = _statements(http, document.replace("totalCount", "__typename"), {})
    assert int(response.headers["x-sql-statements"]) == without_counts + 1
