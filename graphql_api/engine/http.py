"""Strawberry's ASGI view as this server runs it: GraphQL-over-HTTP status codes, orjson, a
hook that runs once a request's result exists, and the IDE page the server gives it.

It overrides `execute_single`, one of Strawberry's internal methods, which is why it lives in
the engine (pinned versions, guarded by tests); `web.view` adds the request context.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.asgi import GraphQL
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

ContextType = TypeVar("ContextType")


class GraphQLHTTPView(GraphQL[ContextType, None], Generic[ContextType]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching.

    `ide_page` is the HTML served to a browser's GET, in place of Strawberry's template (whose
    scripts come from a public CDN); `None` serves no IDE.
    """

    def __init__(self, schema: BaseSchema, *, ide_page: str | None, **options: Any) -> None:
        super().__init__(schema, graphql_ide="graphiql" if ide_page else None, **options)
        self.ide_page = ide_page

    async def render_graphql_ide(self, request: Request) -> Response:
        assert self.ide_page is not None, "Strawberry renders an IDE only when one is set"
        return HTMLResponse(self.ide_page)

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """A mutation over GET is 405 Method Not Allowed, as GraphQL over HTTP asks (not 400);
        `after_result` runs as soon as the result exists."""
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as exc:
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise
        finally:
            context = kwargs.get("context")
            if context is not None:
                self.after_result(context)

    def after_result(self, context: ContextType) -> None:
        """Let go of what the request's context holds; the response no longer needs it."""

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
