"""Strawberry's ASGI view as this server runs it: GraphQL-over-HTTP status codes, orjson, a
GraphQL error body for every malformed request, and a hook that runs once a request's result
exists.

It overrides `execute_single` and `run`, Strawberry's internal methods, which is why it lives in
the engine (pinned versions, guarded by tests); `web.view` adds the request context.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import orjson
from cross_web import HTTPException
from starlette.responses import Response
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

ContextType = TypeVar("ContextType")


class GraphQLHTTPView(GraphQL[ContextType, None], Generic[ContextType]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching."""

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """A request Strawberry refuses as malformed (400: a body that is not JSON or not a JSON
        object, a batch, a `query` that is not text...) is answered with a GraphQL error body,
        code `BAD_REQUEST`, instead of Strawberry's plain text."""
        try:
            return await super().run(request, context, root_value)
        except HTTPException as exc:
            if exc.status_code != 400:
                raise
            error = {"message": exc.reason, "extensions": {"code": "BAD_REQUEST"}}
            return Response(
                self.encode_json({"errors": [error]}),
                status_code=400,
                media_type="application/json",
            )

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
        """A request body (bytes; query parameters arrive as text) must be a JSON object, or a
        list that Strawberry refuses as a batch: Strawberry reads any other body's fields as if
        it were an object, and crashes."""
        decoded = orjson.loads(data)
        if isinstance(data, bytes) and not isinstance(decoded, dict | list):
            raise HTTPException(400, "The request body must be a JSON object.")
        return decoded
