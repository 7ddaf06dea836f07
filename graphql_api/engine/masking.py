"""Unexpected errors masked behind one message and logged with the request id.

Anything raised in a resolver that is not a coded error (`engine.errors`) is unexpected: the
client sees "Internal server error" and `extensions.requestId`, the log gets the traceback. A
database that cannot answer now is the exception: `SERVICE_UNAVAILABLE` (`engine.unavailable`),
logged in one line, since an outage would otherwise fill the log with identical tracebacks.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator

import psycopg
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graphql_api.engine.errors import CodedError
from graphql_api.engine.unavailable import (
    SERVICE_UNAVAILABLE,
    SERVICE_UNAVAILABLE_MESSAGE,
    is_database_unavailable,
)

log = logging.getLogger("graphql_api.errors")

INTERNAL_ERROR_MESSAGE = "Internal server error"
# Set per HTTP request by the web layer (`web.request_id`): the hook that logs has no request.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def _is_unexpected(error: GraphQLError) -> bool:
    """Resolver exceptions that are not coded errors; GraphQL's own errors pass untouched."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | CodedError)


def _is_bad_value(error: GraphQLError) -> bool:
    """A client value psycopg refuses to send (text with a NUL character: GraphQL strings may
    hold one, PostgreSQL text cannot).

    Only psycopg's own refusals (no SQLSTATE) count; a data error the server raises may be our
    bug and stays masked. Checking every string argument up front would repeat this check.
    """
    original = error.original_error
    return isinstance(original, psycopg.DataError) and original.sqlstate is None


def _path_of(error: GraphQLError) -> str:
    return ".".join(str(part) for part in error.path or ())


class MaskUnexpectedErrors(SchemaExtension):
    """Hides unexpected errors behind one message and logs each with the request id.

    Strawberry's `MaskErrors` does the same but tests every result against a runtime-checkable
    protocol, a visible share of a `{ __typename }` request; this server has no incremental
    delivery, so a result is always one `ExecutionResult`. An exception that escapes the
    operation itself never reaches this hook: `schema.root` masks those with the same function.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors: list[GraphQLError] | None = getattr(result, "errors", None)
        if errors:
            result.errors = mask_unexpected(errors)  # type: ignore[union-attr]


def mask_unexpected(errors: list[GraphQLError]) -> list[GraphQLError]:
    """The errors a client may see: unexpected ones masked (and logged), the rest as they are."""
    return [_masked(error) if _is_unexpected(error) else error for error in errors]


def mask_failure(exc: Exception) -> GraphQLError:
    """An exception raised outside any operation (while the request's context is built, say),
    masked as if a resolver had raised it."""
    return _masked(GraphQLError(str(exc), original_error=exc))


def _masked(error: GraphQLError) -> GraphQLError:
    request_id = current_request_id.get()
    where = _path_of(error) or "the request context"
    if is_database_unavailable(error.original_error):
        log.warning(
            "database unavailable in %s (request %s): %s", where, request_id, error.original_error
        )
        return _replaced(
            error,
            SERVICE_UNAVAILABLE_MESSAGE,
            {"code": SERVICE_UNAVAILABLE, "requestId": request_id},
        )
    if _is_bad_value(error):
        log.info("bad input value in %s: %s", where, error.original_error)
        return _replaced(
            error,
            "An input value cannot be stored (text with a NUL character)",
            {"code": "BAD_USER_INPUT"},
        )
    log.error(
        "unexpected error in %s (request %s)", where, request_id, exc_info=error.original_error
    )
    return _replaced(
        error, INTERNAL_ERROR_MESSAGE, {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    )


def _replaced(error: GraphQLError, message: str, extensions: dict[str, str]) -> GraphQLError:
    """`error` at the same place in the document and the result, saying something else."""
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )
