"""The Starlette application: routes, middleware and the lifespan that owns the pool."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import TypedDict

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route

from graphql_api.config import Settings
from graphql_api.data.connection_settings import store_as_role_defaults
from graphql_api.data.pool import Pool, create_pool
from graphql_api.schema.catalog.cache import CatalogCache, running_catalog_cache
from graphql_api.schema.root import build_schema
from graphql_api.web.body_limit import BodySizeLimitMiddleware
from graphql_api.web.cors import cors_middleware
from graphql_api.web.graphiql import graphiql_routes
from graphql_api.web.health import healthz, readyz
from graphql_api.web.process_id import ProcessIdMiddleware
from graphql_api.web.request_id import RequestIdMiddleware
from graphql_api.web.security_headers import SecurityHeadersMiddleware
from graphql_api.web.statement_count import StatementCountMiddleware
from graphql_api.web.view import GraphQLView

GRAPHQL_PATH = "/graphql"


class State(TypedDict):
    pool: Pool
    catalog_cache: CatalogCache


def _middleware(settings: Settings) -> list[Middleware]:
    """Statement counts and process ids are development and test aids, not for the world."""
    middleware = [
        Middleware(
            SecurityHeadersMiddleware, private_paths={GRAPHQL_PATH}, hsts=settings.is_production
        ),
        Middleware(RequestIdMiddleware),
        cors_middleware(settings),
        Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
    ]
    if not settings.is_production:
        middleware[:0] = [Middleware(StatementCountMiddleware), Middleware(ProcessIdMiddleware)]
    return middleware


def create_app(settings: Settings, database_url: str) -> Starlette:
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
                yield {"pool": pool, "catalog_cache": catalog_cache}
        finally:
            await pool.close()

    graphql = GraphQLView(build_schema(settings), settings)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route(GRAPHQL_PATH, graphql, methods=["GET", "POST"]),
    ]
    if not settings.is_production:
        routes += graphiql_routes()
    return Starlette(
        routes=routes,
        middleware=_middleware(settings),
        lifespan=lifespan,
    )
