"""`/metrics`: requests, latency and SQL statements by operation, errors by code, the pool, the
catalogue cache and the process, after real requests through the live server."""

from __future__ import annotations

import httpx

from graphql_api.config import Settings
from tests.client import error_codes, gql
from tests.observability.metrics import scrape, value

BROWSE = """
query MetricsBrowse {
  listings(first: 5) { nodes { id title category { name } location { city } } }
}
"""
ANONYMOUS = "{ categories { slug } }"
BROKEN = "{ listings(first: 5) { nodes { id } }"
MALFORMED_ID = 'query MetricsDetail { listing(id: "not-an-id") { id } }'


def test_requests_latency_and_statements_are_counted_by_operation(http: httpx.Client) -> None:
    # given
    before = scrape(http)

    # when a named query runs twice, an unnamed one once
    statements = [
        int(http.post("/graphql", json={"query": BROWSE}).headers["x-sql-statements"])
        for _ in range(2)
    ]
    assert http.post("/graphql", json={"query": ANONYMOUS}).status_code == 200
    after = scrape(http)

    # then
    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert value(after, "graphql_api_requests_total", operation="MetricsBrowse", outcome="ok") == 2
    assert delta("graphql_api_requests_total", operation="(anonymous)", outcome="ok") == 1
    duration = "graphql_api_request_duration_seconds"
    assert value(after, f"{duration}_count", operation="MetricsBrowse") == 2
    assert 0 < value(after, f"{duration}_sum", operation="MetricsBrowse") < 10
    per_request = "graphql_api_sql_statements_per_request"
    assert value(after, f"{per_request}_count", operation="MetricsBrowse") == 2
    assert value(after, f"{per_request}_sum", operation="MetricsBrowse") == sum(statements) > 0


def test_errors_are_counted_by_code_and_requests_by_outcome(http: httpx.Client) -> None:
    # given
    before = scrape(http)

    # when a document does not parse, and a field's argument is malformed
    assert error_codes(gql(http, BROKEN)) == ["GRAPHQL_PARSE_FAILED"]
    assert error_codes(gql(http, MALFORMED_ID)) == ["BAD_USER_INPUT"]
    after = scrape(http)

    # then
    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("graphql_api_errors_total", code="GRAPHQL_PARSE_FAILED") == 1
    assert delta("graphql_api_errors_total", code="BAD_USER_INPUT") == 1
    assert delta("graphql_api_requests_total", operation="(none)", outcome="request_error") == 1
    assert (
        delta("graphql_api_requests_total", operation="MetricsDetail", outcome="field_error") == 1
    )


def test_the_pool_the_catalogue_cache_and_the_process_are_reported(
    http: httpx.Client, settings: Settings
) -> None:
    # given the catalogue is loaded
    http.post("/graphql", json={"query": ANONYMOUS})
    before = scrape(http)

    # when two more requests read it
    for _ in range(2):
        http.post("/graphql", json={"query": ANONYMOUS})
    after = scrape(http)

    # then both were answered from memory
    hits = {"cache": "catalog", "result": "hit"}
    misses = {"cache": "catalog", "result": "miss"}
    assert value(after, "graphql_api_cache_lookups_total", **hits) == (
        value(before, "graphql_api_cache_lookups_total", **hits) + 2
    )
    assert value(after, "graphql_api_cache_lookups_total", **misses) >= 1
    assert value(after, "graphql_api_pool_max_connections") == settings.pool_max_size
    assert value(after, "graphql_api_pool_connections") >= settings.pool_min_size
    assert value(after, "graphql_api_pool_connections_in_use") == 0
    assert value(after, "graphql_api_pool_requests_waiting") == 0
    assert value(after, "process_resident_memory_bytes") > 10_000_000
