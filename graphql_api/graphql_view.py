"""The `/graphql` endpoint: Strawberry's ASGI view with our context, JSON codec and IDE policy."""

from __future__ import annotations

from typing import Any

import orjson
import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphql_api.config import Settings
from graphql_api.context import Context
from graphql_api.loaders import Loaders
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
        auth = await authenticate(request, response, pool, self.settings)
        return Context(
            request=request,
            response=response,
            pool=pool,
            settings=self.settings,
            loaders=Loaders(pool, auth.viewer_id),
            viewer_id=auth.viewer_id,
            session_id=auth.session_id,
            cookies_trusted=auth.cookies_trusted,
        )

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)
