"""No N+1: the number of SQL statements per request does not grow with the page size."""

from __future__ import annotations

import httpx
import pytest

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
