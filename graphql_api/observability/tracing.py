"""OpenTelemetry traces: a span per request and, under it, a span per SQL statement.

On when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector: spans go there over OTLP/HTTP in
batches, from a background thread. Off, nothing here runs: the middleware opens no span and the
statement counter gets no span function.

The request span is a server span named by the GraphQL operation (`query BrowseListings`), or by
the HTTP method when no operation ran; it joins the caller's trace when the request carries a
W3C `traceparent`. Statement spans are named by the statement's `-- name:`
(`visible_listings_newest`); their SQL and parameters are never recorded.

Each app has a tracer provider of its own rather than the process-wide one (tests run several
servers in one process); the provider also reads the standard `OTEL_SERVICE_NAME`,
`OTEL_RESOURCE_ATTRIBUTES` and, through the exporter, `OTEL_EXPORTER_OTLP_HEADERS`.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import Scope

from graphql_api.config import Settings
from graphql_api.observability.request import RequestSummary

SERVICE_NAME = "graphql-api"
_propagator = TraceContextTextMapPropagator()


class Tracing:
    def __init__(self, processor: SpanProcessor) -> None:
        self._provider = TracerProvider(resource=Resource.create({"service.name": SERVICE_NAME}))
        self._provider.add_span_processor(processor)
        self._tracer = self._provider.get_tracer("graphql_api")

    def start_request(self, scope: Scope) -> Span:
        headers = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope["headers"]
            if name in (b"traceparent", b"tracestate")
        }
        return self._tracer.start_span(
            scope["method"],
            context=_propagator.extract(headers) if headers else None,
            kind=SpanKind.SERVER,
            attributes={"http.request.method": scope["method"], "url.path": scope["path"]},
        )

    def statement_span(self, name: str) -> AbstractContextManager[Span]:
        return self._tracer.start_as_current_span(
            name, kind=SpanKind.CLIENT, attributes={"db.system.name": "postgresql"}
        )

    def shutdown(self) -> None:
        """Send what is still buffered; blocks up to the exporter's timeout."""
        self._provider.shutdown()


def current(span: Span | None) -> AbstractContextManager[object]:
    """`span` (if any) as the parent of the spans started inside: the statements'."""
    return contextlib.nullcontext() if span is None else trace.use_span(span, end_on_exit=False)


def end_request(span: Span, request: RequestSummary) -> None:
    report = request.operation
    if report.type is not None:
        span.update_name(f"{report.type} {report.name}" if report.name else report.type)
        span.set_attribute("graphql.operation.type", report.type)
    if report.name is not None:
        span.set_attribute("graphql.operation.name", report.name)
    span.set_attribute("http.response.status_code", request.status)
    span.set_attribute("graphql_api.outcome", request.outcome)
    span.set_attribute("graphql_api.sql_statements", request.statements)
    if request.outcome == "internal_error":
        span.set_status(Status(StatusCode.ERROR))
    span.end()


def tracing_for(settings: Settings, exporter: SpanExporter | None = None) -> Tracing | None:
    """Tracing to `exporter` (each span handed over as it ends: tests), else to the OTLP
    collector the settings name, else none."""
    if exporter is not None:
        return Tracing(SimpleSpanProcessor(exporter))
    endpoint = settings.otel_exporter_otlp_endpoint
    if endpoint is None:
        return None
    # Imported only when used: it brings `requests` and protobuf along.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return Tracing(
        BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces"))
    )
