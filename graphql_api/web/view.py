"""The `/graphql` endpoint: Strawberry's ASGI view with our context, JSON codec and IDE policy."""

from __future__ import annotations

from typing import Any

import orjson
import strawberry
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graphql_api.config import Settings
from graphql_api.schema.catalog.snapshot import use_catalog
from graphql_api.schema.context import Context
from graphql_api.schema.loaders import Loaders
from graphql_api.security.authentication import authenticate


class GraphQLView(GraphQL[Context, None]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching."""

    def __init__(self, schema: strawberry.Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide=None if settings.is_production else "graphiql",
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings

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

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """A mutation over GET is 405 Method Not Allowed, as GraphQL over HTTP asks (not 400);
        the request's loaders are emptied as soon as the result exists (see `Loaders.release`)."""
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as exc:
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise
        finally:
            context = kwargs.get("context")
            if isinstance(context, Context):
                context.loaders.release()

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
