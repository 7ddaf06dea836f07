"""The server's metrics, in Prometheus' text format (`prometheus-client`).

Each app has a registry of its own (tests run several servers in one process). Per request:
requests by operation and outcome, latency and SQL statements per operation, GraphQL errors by
code. Read when scraped: the pool's connections, the caches' hits and misses, and the process's
resident memory (with its CPU time and open files, from prometheus-client's process collector).

Operation names are the clients' words, so at most `MAX_OPERATION_NAMES` of them become labels;
later ones are counted as `(other)`, and an unnamed operation as `(anonymous)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from graphql_api.data.pool import Pool
from graphql_api.observability.request import RequestSummary

MAX_OPERATION_NAMES = 100
NO_OPERATION = "(none)"  # not a GraphQL request (a refused body, a GraphiQL file)
_STATEMENT_BUCKETS = (0, 1, 2, 3, 4, 5, 10, 20, 50, 100)


class CacheLookups:
    """How often a cache answered from memory (hits) or had to load (misses).

    Plain numbers that the cache adds to, read only when the metrics are scraped, so counting
    costs a lookup next to nothing.
    """

    __slots__ = ("hits", "misses")

    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._requests = Counter(
            "graphql_api_requests",
            "HTTP requests by GraphQL operation and outcome",
            ["operation", "outcome"],
            registry=self.registry,
        )
        self._duration = Histogram(
            "graphql_api_request_duration_seconds",
            "Time from a request's arrival to its response's last byte, by operation",
            ["operation"],
            registry=self.registry,
        )
        self._statements = Histogram(
            "graphql_api_sql_statements_per_request",
            "SQL statements a request ran, by operation",
            ["operation"],
            buckets=_STATEMENT_BUCKETS,
            registry=self.registry,
        )
        self._errors = Counter(
            "graphql_api_errors",
            "GraphQL errors sent to clients, by extensions.code",
            ["code"],
            registry=self.registry,
        )
        self._operations: set[str] = set()
        self._children: dict[tuple[str, str], tuple[Counter, Histogram, Histogram]] = {}
        self._scraped = _ScrapedCollector()
        self.registry.register(self._scraped)
        ProcessCollector(registry=self.registry)

    def record(self, request: RequestSummary) -> None:
        key = (self._operation_label(request), request.outcome)
        children = self._children.get(key)
        if children is None:  # `labels` finds the same ones again, at a cost on every request
            operation, outcome = key
            children = self._children[key] = (
                self._requests.labels(operation, outcome),
                self._duration.labels(operation),
                self._statements.labels(operation),
            )
        requests, duration, statements = children
        requests.inc()
        duration.observe(request.duration_s)
        statements.observe(request.statements)
        for code in request.operation.error_codes:
            self._errors.labels(code).inc()

    def _operation_label(self, request: RequestSummary) -> str:
        report = request.operation
        if report.type is None:
            return NO_OPERATION
        if report.name is None:
            return "(anonymous)"
        if report.name not in self._operations:
            if len(self._operations) >= MAX_OPERATION_NAMES:
                return "(other)"
            self._operations.add(report.name)
        return report.name

    @contextlib.contextmanager
    def watching(self, pool: Pool, caches: Mapping[str, CacheLookups]) -> Iterator[None]:
        """Report the pool and the caches while they exist (the app's lifespan)."""
        self._scraped.pool, self._scraped.caches = pool, caches
        try:
            yield
        finally:
            self._scraped.pool, self._scraped.caches = None, {}


class _ScrapedCollector(Collector):
    """What is read at scrape time rather than counted as it happens."""

    def __init__(self) -> None:
        self.pool: Pool | None = None
        self.caches: Mapping[str, CacheLookups] = {}

    def collect(self) -> Iterable[Metric]:
        lookups = CounterMetricFamily(
            "graphql_api_cache_lookups",
            "Cache lookups answered from memory (hit) or loaded (miss), by cache",
            labels=["cache", "result"],
        )
        for name, cache in self.caches.items():
            lookups.add_metric([name, "hit"], cache.hits)
            lookups.add_metric([name, "miss"], cache.misses)
        yield lookups
        if self.pool is None:
            return
        stats = self.pool.get_stats()
        for name, text, value in (
            ("graphql_api_pool_connections", "Connections the pool holds", stats["pool_size"]),
            (
                "graphql_api_pool_connections_in_use",
                "Connections lent out",
                stats["pool_size"] - stats["pool_available"],
            ),
            (
                "graphql_api_pool_requests_waiting",
                "Requests waiting for a connection",
                stats.get("requests_waiting", 0),
            ),
            ("graphql_api_pool_max_connections", "POOL_MAX_SIZE", stats["pool_max"]),
        ):
            yield GaugeMetricFamily(name, text, value=value)
        yield CounterMetricFamily(
            "graphql_api_pool_request_errors",
            "Requests for a connection that failed (timed out, or the queue was full)",
            value=stats.get("requests_errors", 0),
        )
