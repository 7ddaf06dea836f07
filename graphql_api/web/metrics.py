"""The metrics in Prometheus' text format: at `/metrics`, or on a port of their own.

`/metrics` is served outside production, and in production only with `METRICS_PUBLIC=true`: it
tells anyone who asks the operation names clients use and how busy the server is. With
`METRICS_PORT` the metrics are served on that port instead (prometheus-client's small threaded
server), which a firewall can keep private, and `/metrics` does not exist.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest, start_http_server
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from graphql_api.config import Settings
from graphql_api.observability.metrics import Metrics


def metrics_routes(settings: Settings, metrics: Metrics) -> list[BaseRoute]:
    if settings.metrics_port is not None:
        return []
    if settings.is_production and not settings.metrics_public:
        return []

    async def scrape(request: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return [Route("/metrics", scrape)]


@contextlib.contextmanager
def metrics_port(settings: Settings, metrics: Metrics) -> Iterator[None]:
    """The metrics on `METRICS_PORT` (of `HOST`) while the app runs, when that is set."""
    if settings.metrics_port is None:
        yield
        return
    server, thread = start_http_server(
        settings.metrics_port, addr=settings.host, registry=metrics.registry
    )
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
