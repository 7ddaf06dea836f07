"""Strawberry's ASGI view as this server runs it: GraphQL-over-HTTP status codes, orjson, a
hook that runs once a request's result exists, and failures outside any operation masked.

It overrides `execute_single`, one of Strawberry's internal methods, which is why it lives in
the engine (pinned versions, guarded by tests); `web.view` adds the request context.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graphql_api.engine.masking import mask_failure
from graphql_api.engine.unavailable import RETRY_AFTER_S, SERVICE_UNAVAILABLE

ContextType = TypeVar("ContextType")


class GraphQLHTTPView(GraphQL[ContextType, None], Generic[ContextType]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching.

    A result with a `SERVICE_UNAVAILABLE` error is 503 with `Retry-After`.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's own, except that an exception escaping the request (raised while its
        context is built: the session lookup, the catalogue) is masked like a resolver's: a
        GraphQL error as JSON, never Starlette's plain-text 500 with a traceback in the log
        for a database outage."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive=receive))
        except HTTPException as exc:
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        except Exception as exc:
            response = self._failure_response(exc)
        await response(scope, receive, send)

    def _failure_response(self, exc: Exception) -> Response:
        """No operation ran, so the body has no `data` (GraphQL over HTTP)."""
        body: GraphQLHTTPResponse = {"errors": [mask_failure(exc).formatted]}
        response = Response(self.encode_json(body), status_code=500, media_type="application/json")
        return _unavailable_is_503(body, response)

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        return _unavailable_is_503(
            response_data, super().create_response(response_data, sub_response)
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
        return orjson.loads(data)


def _unavailable_is_503(
    response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], response: Response
) -> Response:
    results = response_data if isinstance(response_data, list) else [response_data]
    codes = {
        (error.get("extensions") or {}).get("code")
        for result in results
        for error in result.get("errors") or ()
        if isinstance(error, dict)
    }
    if SERVICE_UNAVAILABLE in codes:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response
