"""The `/graphql` endpoint: the engine's view with our context and IDE policy (GraphiQL, served
from the package, outside production)."""

from __future__ import annotations

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from graphql_api.config import Settings
from graphql_api.engine.http import GraphQLHTTPView
from graphql_api.schema.catalog.snapshot import use_catalog
from graphql_api.schema.context import Context
from graphql_api.schema.loaders import Loaders
from graphql_api.security.authentication import authenticate
from graphql_api.web.graphiql import CONTENT_SECURITY_POLICY, graphiql_page


class GraphQLView(GraphQLHTTPView[Context]):
    """The engine's view with this server's context: the viewer, the loaders, the catalogue."""

    def __init__(self, schema: strawberry.Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            ide_page=None if settings.is_production else graphiql_page(),
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
            max_response_bytes=settings.max_response_bytes,
        )
        self.settings = settings

    async def render_graphql_ide(self, request: Request) -> Response:
        """The page with its Content-Security-Policy (`web.graphiql`)."""
        page = await super().render_graphql_ide(request)
        page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return page

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request), "the view serves HTTP only"
        assert isinstance(response, Response), "the view serves HTTP only"
        pool = request.state.pool
        catalog_cache = request.state.catalog_cache
        auth = await authenticate(request, response, pool, self.settings)
        loaders = Loaders(pool, auth.viewer_id)
        use_catalog(loaders, await catalog_cache.get())
        return Context(
            request=request,
            response=response,
            pool=pool,
            settings=self.settings,
            loaders=loaders,
            viewer_id=auth.viewer_id,
            session_id=auth.session_id,
            cookies_trusted=auth.cookies_trusted,
        )

    def after_result(self, context: Context) -> None:
        """The request's loaders are emptied as soon as the result exists (see
        `Loaders.release`)."""
        context.loaders.release()
