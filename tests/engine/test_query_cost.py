"""The query cost: counted before execution, refused over `MAX_QUERY_COST` without any SQL,
reported in `extensions.cost` otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from graphql import get_introspection_query

from graphql_api.config import PROJECT_ROOT, Settings
from graphql_api.engine.schema import build_engine_schema
from tests.client import data_of, error_codes, gql
from tests.dbutil import rows

# 35 tokens, a million listings: 100 listings, each seller's 100, each of their sellers' 100
NESTED_SELLERS = """{ a: listings(first:100) { nodes { id seller { listings(first:100) { nodes {
    id title seller { listings(first: 100) { totalCount nodes { id title } } } } } } } } }"""
# 100 locations (the declared bound) x (the location, its page, 98 listings) = 10,000
AT_THE_LIMIT = "{ locations { listings(first: 98) { nodes { id } } } }"
ONE_ABOVE = """{ locations { listings(first: 98) { nodes { id } } }
                none: category(slug: "-") { id } }"""
# fragments, inline fragments and variables (with their defaults) are all counted
WITH_FRAGMENTS = """query($pageSize: Int! = 2, $images: Int) {
  listings(first: $pageSize) { ...Page pageInfo { hasNextPage } }
}
fragment Page on ListingConnection { nodes { ...Card } edges { node { id } } }
fragment Card on Listing { images(first: $images) { id } ... on Listing { seller { name } } }"""
TREE = "{ categories { slug } }"
BENCH_QUERIES = PROJECT_ROOT / "bench" / "queries"


def _post(http: httpx.Client, document: str, variables: dict[str, Any] | None = None) -> Any:
    response = http.post("/graphql", json={"query": document, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response


def _cost(body: dict[str, Any]) -> int:
    cost: int = body["extensions"]["cost"]["requested"]
    return cost


def test_the_nested_sellers_query_is_refused_before_any_sql(
    http: httpx.Client, settings: Settings
) -> None:
    # given the catalogue is loaded (the first request of a process may read it)
    gql(http, TREE)
    # when the query of a million listings is sent
    response = _post(http, NESTED_SELLERS)
    # then it is refused with its cost and the limit, and ran no statement
    body = response.json()
    assert error_codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "data" not in body  # a request error: execution never began
    message = body["errors"][0]["message"]
    assert "1030301" in message
    assert str(settings.max_query_cost) in message
    assert response.headers["x-sql-statements"] == "0"


def test_a_query_at_the_limit_runs_and_one_above_is_refused(
    http: httpx.Client, settings: Settings
) -> None:
    assert settings.max_query_cost == 10_000
    at_limit = gql(http, AT_THE_LIMIT)
    data_of(at_limit)
    assert _cost(at_limit) == 10_000
    above = _post(http, ONE_ABOVE)
    assert error_codes(above.json()) == ["QUERY_TOO_COMPLEX"]
    assert "10001" in above.json()["errors"][0]["message"]
    assert above.headers["x-sql-statements"] == "0"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        # 1 + 2 x (listing 1 + 12 images + seller 1, edge 1 + node 1) + pageInfo 1
        ({}, 1 + 2 * (1 + 12 + 1) + 2 * (1 + 1) + 1),
        # 1 + 10 x (listing 1 + 3 images + seller 1, edge 1 + node 1) + pageInfo 1
        ({"pageSize": 10, "images": 3}, 1 + 10 * (1 + 3 + 1) + 10 * (1 + 1) + 1),
    ],
)
def test_fragments_and_variables_are_counted(
    http: httpx.Client, variables: dict[str, Any], expected: int
) -> None:
    body = gql(http, WITH_FRAGMENTS, variables)
    data_of(body)
    assert _cost(body) == expected


def _bench_variables(database_url: str) -> dict[str, dict[str, Any]]:
    listing = rows(
        database_url,
        """SELECT id::text AS id FROM app.listings
           WHERE is_active AND NOT is_flagged AND expires_at > now() AT TIME ZONE 'UTC' LIMIT 1""",
    )
    return {
        "q1_browse": {"categorySlug": "electronics"},
        "q2_detail": {"id": listing[0]["id"]},
        "q3_categories": {},
    }


def test_the_benchmark_queries_pass_with_room_and_report_their_cost(
    http: httpx.Client, database_url: str, settings: Settings
) -> None:
    # the costs the README's "Query cost" section lists
    expected = {"q1_browse": 351, "q2_detail": 17, "q3_categories": 210}
    variables = _bench_variables(database_url)
    for path in sorted(BENCH_QUERIES.glob("*.graphql")):
        body = gql(http, Path(path).read_text(), variables[path.stem])
        data_of(body)
        assert _cost(body) == expected[path.stem]
        assert _cost(body) * 10 < settings.max_query_cost


def test_introspection_costs_nothing(http: httpx.Client) -> None:
    body = gql(http, get_introspection_query())
    data_of(body)
    assert _cost(body) == 0


@strawberry.type
class _Item:
    name: str


@strawberry.type
class _Query:
    items: list[_Item]
    names: list[str]  # leaves need no bound


@strawberry.type
class _Mutation:
    nothing: bool


def test_a_list_without_a_bound_stops_the_server_at_start(settings: Settings) -> None:
    with pytest.raises(TypeError, match=r"\['Query.items'\]"):
        build_engine_schema(_Query, _Mutation, settings)
