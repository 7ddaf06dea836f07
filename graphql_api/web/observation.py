"""Observes every HTTP request: its duration, its SQL statements, its GraphQL operation; reports
them to the log (one line), the metrics and, when tracing, a span.

The report is made just before the response's last bytes go out, so a client that has its
answer finds it in `/metrics` (and a test in the log). Outside production the statement count is
also sent in an `X-SQL-Statements` header (a development and benchmark aid). Probes and the
metrics themselves are not observed.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphql_api.data.statement_count import counting_statements
from graphql_api.engine.masking import current_request_id
from graphql_api.engine.operation import OperationReport, current_operation
from graphql_api.observability.logs import log_request
from graphql_api.observability.metrics import Metrics
from graphql_api.observability.request import RequestSummary
from graphql_api.observability.tracing import Tracing, current, end_request

STATEMENTS_HEADER = b"x-sql-statements"
UNOBSERVED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class ObservationMiddleware:
    def __init__(
        self, app: ASGIApp, metrics: Metrics, tracing: Tracing | None, statements_header: bool
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.tracing = tracing
        self.statements_header = statements_header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNOBSERVED_PATHS:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        tracing = self.tracing
        span = tracing.start_request(scope) if tracing else None
        report = OperationReport()
        status = 500  # what the client gets when the app raises before answering
        reported = False

        def finish() -> None:
            nonlocal reported
            if reported:
                return
            reported = True
            request = RequestSummary(
                request_id=current_request_id.get(),
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_s=time.perf_counter() - started,
                statements=counter.value,
                operation=report,
            )
            self.metrics.record(request)
            log_request(request)
            if span is not None:
                end_request(span, request)

        async def observed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if self.statements_header:
                    headers = list(message.get("headers", []))
                    headers.append((STATEMENTS_HEADER, str(counter.value).encode()))
                    message["headers"] = headers
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finish()
            await send(message)

        token = current_operation.set(report)
        try:
            with (
                counting_statements(tracing.statement_span if tracing else None) as counter,
                current(span),
            ):
                await self.app(scope, receive, observed_send)
        finally:
            current_operation.reset(token)
            finish()
