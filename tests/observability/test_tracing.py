"""Traces: a span per request, named by its operation, and under it a span per SQL statement,
named by the statement's `-- name:`; exported to an OTLP collector when one is configured."""

from __future__ import annotations

import dataclasses
import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from graphql_api.config import Settings
from tests.conftest import start_live_server

BROWSE = "query TracedBrowse { listings(first: 3) { nodes { id title category { name } } } }"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


def test_a_request_span_holds_a_span_per_statement(settings: Settings, database_url: str) -> None:
    # given a server whose spans go to memory
    exporter = InMemorySpanExporter()
    server = start_live_server(settings, database_url, span_exporter=exporter)
    try:
        # when a query runs, as part of a caller's trace
        with httpx.Client(base_url=server.url) as client:
            response = client.post(
                "/graphql", json={"query": BROWSE}, headers={"traceparent": TRACEPARENT}
            )
    finally:
        server.stop()

    # then the request's span is named by its operation and continues the caller's trace
    assert response.status_code == 200
    spans = exporter.get_finished_spans()
    (request,) = (span for span in spans if span.kind == SpanKind.SERVER)
    assert request.name == "query TracedBrowse"
    assert format(request.context.trace_id, "032x") == TRACE_ID
    assert dict(request.attributes or {}) == {
        "http.request.method": "POST",
        "url.path": "/graphql",
        "graphql.operation.type": "query",
        "graphql.operation.name": "TracedBrowse",
        "http.response.status_code": 200,
        "graphql_api.outcome": "ok",
        "graphql_api.sql_statements": int(response.headers["x-sql-statements"]),
    }
    # and each statement it ran (the catalogue's first load too) is a span under it
    statements = [span for span in spans if span.kind == SpanKind.CLIENT]
    assert {span.name for span in statements} == {
        "all_categories",
        "all_locations",
        "visible_listings_newest",
    }
    assert len(statements) == int(response.headers["x-sql-statements"])
    for span in statements:
        assert span.parent is not None
        assert span.parent.span_id == request.context.span_id
        assert dict(span.attributes or {}) == {"db.system.name": "postgresql"}


class _Collector(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str, bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.received.append((self.path, self.headers["content-type"], body))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[tuple[str, str, bytes]]]]:
    """A stand-in OpenTelemetry collector: the URL it listens on and what it received."""
    received: list[tuple[str, str, bytes]] = []
    handler = type("Collector", (_Collector,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_spans_go_to_the_otlp_endpoint_when_one_is_set(
    settings: Settings, database_url: str, collector: tuple[str, list[tuple[str, str, bytes]]]
) -> None:
    # given a server told where a collector is
    endpoint, received = collector
    server = start_live_server(
        dataclasses.replace(settings, otel_exporter_otlp_endpoint=endpoint), database_url
    )
    # when it serves a request and stops (which sends what it buffered)
    try:
        with httpx.Client(base_url=server.url) as client:
            assert client.post("/graphql", json={"query": BROWSE}).status_code == 200
    finally:
        server.stop()

    # then the collector got the spans over OTLP/HTTP
    assert {(path, content_type) for path, content_type, _ in received} == {
        ("/v1/traces", "application/x-protobuf")
    }
    names: set[str] = set()
    for _, _, body in received:
        export = ExportTraceServiceRequest.FromString(body)
        for resource_spans in export.resource_spans:
            service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            assert service["service.name"] == "graphql-api"
            for scope_spans in resource_spans.scope_spans:
                names.update(span.name for span in scope_spans.spans)
    assert {"query TracedBrowse", "visible_listings_newest"} <= names
