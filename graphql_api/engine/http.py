"""Strawberry's ASGI view as this server runs it: GraphQL-over-HTTP status codes, orjson, a
limit on the size of a response, and a hook that runs once a request's result exists.

It overrides `execute_single`, one of Strawberry's internal methods, which is why it lives in
the engine (pinned versions, guarded by tests); `web.view` adds the request context.
"""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar

import orjson
import strawberry
from cross_web import HTTPException
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graphql_api.engine.errors import ResponseTooLarge
from graphql_api.engine.masking import current_request_id

ContextType = TypeVar("ContextType")
log = logging.getLogger("graphql_api.errors")


class GraphQLHTTPView(GraphQL[ContextType, None], Generic[ContextType]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching.

    A response whose JSON passes `max_response_bytes` is replaced by a `RESPONSE_TOO_LARGE`
    error, whole: a truncated body would not parse. The query cost limit refuses nearly every
    such query before it runs; this catches the rest (long texts in every row, say).
    """

    def __init__(
        self, schema: strawberry.Schema, *, max_response_bytes: int, **options: Any
    ) -> None:
        super().__init__(schema, **options)
        self.max_response_bytes = max_response_bytes

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
        encoded = orjson.dumps(data)
        if len(encoded) <= self.max_response_bytes:
            return encoded
        log.warning(
            "a response of %d bytes was refused (request %s)",
            len(encoded),
            current_request_id.get(),
        )
        refusal = ResponseTooLarge(len(encoded), self.max_response_bytes)
        return orjson.dumps({"data": None, "errors": [refusal.formatted]})

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
