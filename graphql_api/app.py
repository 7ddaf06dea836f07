"""The Starlette application: routes, middleware and the lifespan that owns the pool."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TypedDict

from opentelemetry.sdk.trace.export import SpanExporter
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route

from graphql_api.config import Settings
from graphql_api.data.connection_settings import store_as_role_defaults
from graphql_api.data.pool import Pool, create_pool
from graphql_api.observability.metrics import Metrics
from graphql_api.observability.tracing import Tracing, tracing_for
from graphql_api.schema.catalog.cache import CatalogCache, running_catalog_cache
from graphql_api.schema.root import build_schema
from graphql_api.web.body_limit import BodySizeLimitMiddleware
from graphql_api.web.cors import cors_middleware
from graphql_api.web.graphiql import graphiql_routes
from graphql_api.web.health import healthz, readyz
from graphql_api.web.metrics import metrics_port, metrics_routes
from graphql_api.web.observation import ObservationMiddleware
from graphql_api.web.process_id import ProcessIdMiddleware
from graphql_api.web.request_id import RequestIdMiddleware
from graphql_api.web.security_headers import SecurityHeadersMiddleware
from graphql_api.web.view import GraphQLView

GRAPHQL_PATH = "/graphql"


class State(TypedDict):
    pool: Pool
    catalog_cache: CatalogCache


def _middleware(settings: Settings, metrics: Metrics, tracing: Tracing | None) -> list[Middleware]:
    """Statement counts and process ids are development and test aids, not for the world; the
    observation sees the request id, and every answer (a 413 too)."""
    middleware = [
        Middleware(
            SecurityHeadersMiddleware, private_paths={GRAPHQL_PATH}, hsts=settings.is_production
        ),
        Middleware(RequestIdMiddleware),
        Middleware(
            ObservationMiddleware,
            metrics=metrics,
            tracing=tracing,
            statements_header=not settings.is_production,
        ),
        cors_middleware(settings),
        Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
    ]
    if not settings.is_production:
        middleware[:0] = [Middleware(ProcessIdMiddleware)]
    return middleware


def create_app(
    settings: Settings, database_url: str, span_exporter: SpanExporter | None = None
) -> Starlette:
    """`span_exporter` receives every span as it ends (tests); without it spans go to the
    collector `OTEL_EXPORTER_OTLP_ENDPOINT` names, if any."""
    metrics = Metrics()
    tracing = tracing_for(settings, span_exporter)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        await store_as_role_defaults(database_url, settings)
        pool = create_pool(database_url, settings)
        await pool.open()
        await pool.wait(timeout=30.0)
        try:
            async with running_catalog_cache(
                pool, settings.listen_database_url or database_url
            ) as catalog_cache:
                with (
                    metrics.watching(pool, {"catalog": catalog_cache.lookups}),
                    metrics_port(settings, metrics),
                ):
                    yield {"pool": pool, "catalog_cache": catalog_cache}
        finally:
            await pool.close()
            if tracing:
                await asyncio.to_thread(tracing.shutdown)

    graphql = GraphQLView(build_schema(settings), settings)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route(GRAPHQL_PATH, graphql, methods=["GET", "POST"]),
    ]
    routes += metrics_routes(settings, metrics)
    if not settings.is_production:
        routes += graphiql_routes()
    return Starlette(
        routes=routes,
        middleware=_middleware(settings, metrics, tracing),
        lifespan=lifespan,
    )
