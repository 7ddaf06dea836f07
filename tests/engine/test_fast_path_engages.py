"""The fast executor really runs a browse page: without it every other test would still pass
(the default executor gives the same responses), so this is the test that notices it stopped."""

from __future__ import annotations

import httpx

from graphql_api.config import PROJECT_ROOT
from tests.client import data_of, gql
from tests.engine.executors import graphql_core_completions

BROWSE = (PROJECT_ROOT / "bench" / "queries" / "q1_browse.graphql").read_text()
# the benchmark browses "electronics" in a larger data set; the test seed's has a few listings
CATEGORY_WITH_A_FULL_PAGE = "for-sale"
PAGE_SIZE = 50


def test_graphql_core_completes_only_the_top_level_field_of_a_browse_page(
    http: httpx.Client,
) -> None:
    # when the benchmark's browse page is requested from the live server
    with graphql_core_completions() as completed:
        body = gql(http, BROWSE, {"categorySlug": CATEGORY_WITH_A_FULL_PAGE})
    # then the page is full: 50 listings, each with leaves, two inline objects and images
    nodes = data_of(body)["listings"]["nodes"]
    assert len(nodes) == PAGE_SIZE
    assert all(
        node["title"] and node["category"]["slug"] and node["location"]["city"] for node in nodes
    )
    assert sum(len(node["images"]) for node in nodes) >= PAGE_SIZE
    # and graphql-core completed the top-level field only: the ~750 values below it (leaves,
    # inline objects and lists) came from the fast executor's compiled programs
    assert set(completed) == {("listings",)}, sorted(set(completed), key=str)[:10]
