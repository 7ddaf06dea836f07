"""Strawberry's ASGI view as this server runs it: GraphQL over HTTP's media types and status
codes, orjson, a GraphQL error body for every malformed request, a limit on the size of a
response, a hook that runs once a request's result exists, the IDE page the server gives it,
and failures outside any operation masked.

It overrides `execute_single` and `run`, Strawberry's internal methods, which is why it lives in
the engine (pinned versions, guarded by tests); the other overrides are the view's hooks for
integrations. `web.view` adds the request context.

A client that accepts `application/graphql-response+json` gets it, and a response without
`data` (a request error: execution never began) comes with a 4xx or 5xx status; any other
client gets `application/json` and 200, as before that media type existed. Either way a request
error leaves `data` out, as the GraphQL spec says; `data: null` means execution failed. Under
either media type a database that cannot answer is 503 with `Retry-After`, and a failure before
any operation ran (while the request's context was built) is 500.
"""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from graphql_api.engine.errors import ResponseTooLarge
from graphql_api.engine.masking import current_request_id, mask_failure
from graphql_api.engine.unavailable import RETRY_AFTER_S, SERVICE_UNAVAILABLE

ContextType = TypeVar("ContextType")
log = logging.getLogger("graphql_api.errors")

GRAPHQL_RESPONSE = "application/graphql-response+json"
# Without `data`, the status a response gets under GRAPHQL_RESPONSE from its errors' codes
# (the highest wins); any other code is the client's fault: 400.
_STATUS_BY_CODE = {"INTERNAL_SERVER_ERROR": 500, SERVICE_UNAVAILABLE: 503}


class GraphQLHTTPView(GraphQL[ContextType, None], Generic[ContextType]):
    """POST JSON, or GET for queries only (Strawberry refuses mutations over GET); no batching.

    `ide_page` is the HTML served to a browser's GET, in place of Strawberry's template (whose
    scripts come from a public CDN); `None` serves no IDE. A result with a `SERVICE_UNAVAILABLE`
    error is 503 with `Retry-After`, whatever the media type.

    A response whose JSON passes `max_response_bytes` is replaced by a `RESPONSE_TOO_LARGE`
    error, whole: a truncated body would not parse. The query cost limit refuses nearly every
    such query before it runs; this catches the rest (long texts in every row, say).
    """

    def __init__(
        self,
        schema: BaseSchema,
        *,
        ide_page: str | None,
        max_response_bytes: int,
        **options: Any,
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql" if ide_page else None, **options)
        self.ide_page = ide_page
        self.max_response_bytes = max_response_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's own, except that an exception escaping the request (raised while its
        context is built: the session lookup, the catalogue) is masked like a resolver's: a
        GraphQL error, never Starlette's plain-text 500 with a traceback in the log for a
        database outage."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = PlainTextResponse(exc.reason, status_code=exc.status_code)
        except Exception as exc:
            response = await self._failure_response(request, exc)
        await response(scope, receive, send)

    async def _failure_response(self, request: Request, exc: Exception) -> Response:
        """No operation ran: no `data`, and 500 (503 for the database) whatever the media type."""
        body: GraphQLHTTPResponse = {"errors": [mask_failure(exc).formatted]}
        sub_response = await self.get_sub_response(request)
        sub_response.status_code = 500
        return self.create_response(body, sub_response)

    async def render_graphql_ide(self, request: Request) -> Response:
        assert self.ide_page is not None, "Strawberry renders an IDE only when one is set"
        return HTMLResponse(self.ide_page)

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

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """The media type the client accepts travels to `create_response` on the sub-response
        (the one object both see)."""
        sub_response = await super().get_sub_response(request)
        if _accepts_graphql_response(request.headers.get("accept", "")):
            sub_response.media_type = GRAPHQL_RESPONSE
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if is_request_error(result):
            del response["data"]
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        response.headers.add_vary_header("Accept")
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if isinstance(response_data, dict) and "data" not in response_data:
                response.status_code = _status_without_data(response_data)
        return _unavailable_is_503(response_data, response)

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
        """A request body (bytes; query parameters arrive as text) must be a JSON object, or a
        list that Strawberry refuses as a batch: Strawberry reads any other body's fields as if
        it were an object, and crashes."""
        decoded = orjson.loads(data)
        if isinstance(data, bytes) and not isinstance(decoded, dict | list):
            raise HTTPException(400, "The request body must be a JSON object.")
        return decoded


def is_request_error(result: ExecutionResult) -> bool:
    """Execution never began: no data, and no error belongs to a field (a field error has a
    path; parsing, validation and the variables' values give none)."""
    errors = result.errors
    return result.data is None and bool(errors) and all(e.path is None for e in errors or ())


def _status_without_data(response: GraphQLHTTPResponse) -> int:
    statuses = [
        _STATUS_BY_CODE.get(error.get("extensions", {}).get("code"), 400)
        for error in response.get("errors") or ()
        if isinstance(error, dict)
    ]
    return max(statuses, default=400)


def _accepts_graphql_response(accept: str) -> bool:
    """Whether the client asked for GRAPHQL_RESPONSE by name, at least as much as for JSON
    (`*/*` and no Accept at all mean `application/json`, as GraphQL over HTTP asks)."""
    qualities: dict[str, float] = {}
    for media_range in accept.lower().split(","):
        media_type, *parameters = (part.strip() for part in media_range.split(";"))
        qualities.setdefault(media_type, _quality(parameters))
    ours = qualities.get(GRAPHQL_RESPONSE, 0.0)
    json = next(
        (
            qualities[name]
            for name in ("application/json", "application/*", "*/*")
            if name in qualities
        ),
        0.0,
    )
    return ours > 0 and ours >= json


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


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
