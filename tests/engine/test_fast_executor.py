"""The fast executor gives byte-identical responses to Strawberry's default one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graphql_api.config import Settings
from tests.conftest import LiveServer, start_live_server
from tests.dbutil import rows

DOCUMENTS = [
    """query { listings(filter: {categorySlug: "for-sale"}, first: 50) {
         nodes { id title price createdAt category { name slug } location { city state }
                 images(first: 4) { imageUrl } } } }""",
    """query { categories { id name slug createdAt __typename
         children { id name slug parent { name } ancestors { slug } } } }""",
    """query { listings(sort: PRICE_DESC, first: 30) {
         totalCount pageInfo { hasNextPage endCursor }
         edges { cursor node { ...Card price isPriceNegotiable expiresAt contactEmail } } } }
       fragment Card on Listing { id t: title description viewCount isActive updatedAt
                                  seller { name username createdAt } }""",
    """query { locations { city state country slug createdAt }
               nope: category(slug: "nope") { id } }""",
    """query { listings(first: 5) { __typename nodes { __typename id
         images(first: 2) @include(if: true) { __typename imageUrl }
         all: images { displayOrder } skipped: images @skip(if: true) { id }
         category { ...Crumbs } } } }
       fragment Crumbs on Category { ancestors { slug } parent { slug } }""",
    """query { categories { slug children { slug listings(first: 2) { nodes { title } } } } }""",
]


@pytest.fixture(scope="module")
def default_executor_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    server = start_live_server(dataclasses.replace(settings, fast_executor=False), database_url)
    yield server
    server.stop()


FAILING_DOCUMENTS = [
    "query { listings(first: 3) { nodes { id images(first: -1) { imageUrl } } } }",
    "query { categories { slug children { slug listings(first: 500) { totalCount } } } }",
]


@pytest.mark.parametrize("document", FAILING_DOCUMENTS)
def test_errors_are_identical_with_and_without_the_fast_path(
    http: httpx.Client, default_executor_server: LiveServer, document: str
) -> None:
    fast = http.post("/graphql", json={"query": document})
    with httpx.Client(base_url=default_executor_server.url) as client:
        default = client.post("/graphql", json={"query": document})
    assert fast.json()["errors"]
    assert fast.content == default.content


@pytest.mark.parametrize("document", DOCUMENTS)
def test_responses_are_identical_with_and_without_the_fast_path(
    http: httpx.Client, default_executor_server: LiveServer, document: str
) -> None:
    fast = http.post("/graphql", json={"query": document})
    with httpx.Client(base_url=default_executor_server.url) as client:
        default = client.post("/graphql", json={"query": document})
    assert fast.status_code == default.status_code == 200
    assert "errors" not in fast.json()
    assert fast.content == default.content


def test_a_null_nullable_leaf_stays_null(http: httpx.Client, database_url: str) -> None:
    # given a visible listing without a price
    listing = rows(
        database_url,
        """SELECT id::text AS id FROM app.listings
           WHERE price IS NULL AND is_active AND NOT is_flagged
             AND expires_at > now() AT TIME ZONE 'UTC' LIMIT 1""",
    )
    assert listing, "the seed has listings without a price"
    body = http.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { listing(id: $id) { price } }",
            "variables": {"id": listing[0]["id"]},
        },
    ).json()
    assert "errors" not in body
    assert body["data"] == {"listing": {"price": None}}


VARYING = """query($n: Int, $withSlug: Boolean!, $state: String) {
  listings(first: 10, filter: {hasImages: true}) {
    nodes { id images(first: $n) { id } category { name slug @include(if: $withSlug) } }
  }
  locations(state: $state) { state }
}"""


def test_each_execution_sees_its_own_variables(http: httpx.Client) -> None:
    # given one document run twice with different variables (its compiled form may be reused)
    def run(variables: dict[str, object]) -> dict[str, Any]:
        body = http.post("/graphql", json={"query": VARYING, "variables": variables}).json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    one = run({"n": 1, "withSlug": False, "state": None})
    two = run({"n": 2, "withSlug": True, "state": "CA"})
    # then nested arguments, directives and top-level arguments follow each run's variables
    assert {len(node["images"]) for node in one["listings"]["nodes"]} == {1}
    assert max(len(node["images"]) for node in two["listings"]["nodes"]) == 2
    assert all("slug" not in node["category"] for node in one["listings"]["nodes"])
    assert all("slug" in node["category"] for node in two["listings"]["nodes"])
    assert len({location["state"] for location in one["locations"]}) > 1
    assert {location["state"] for location in two["locations"]} == {"CA"}
