"""Every error a client sees carries `extensions.code`; unexpected ones are masked and logged.

Anything raised in a resolver that is not a coded error (`engine.errors`) is unexpected: the
client sees "Internal server error" and `extensions.requestId`, the log gets the traceback. A
database that cannot answer now is the exception: `SERVICE_UNAVAILABLE` (`engine.unavailable`),
logged in one line, since an outage would otherwise fill the log with identical tracebacks.
Errors of the request itself are coded where they arise when that place is ours (validation,
`engine.extensions`), and here otherwise (parsing, the variables' values).
"""

from __future__ import annotations

import contextvars
import logging
import re
from collections.abc import Iterator

import psycopg
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from graphql_api.engine.errors import CodedError, changed, code_of, with_code
from graphql_api.engine.unavailable import (
    SERVICE_UNAVAILABLE,
    SERVICE_UNAVAILABLE_MESSAGE,
    is_database_unavailable,
)

log = logging.getLogger("graphql_api.errors")

INTERNAL_ERROR_MESSAGE = "Internal server error"
# Set per HTTP request by the web layer (`web.request_id`): the hook that logs has no request.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# graphql-core reports the token limit (`MAX_TOKENS`) as a syntax error; only its text tells.
_TOKEN_LIMIT = re.compile(r"Document contains more than \d+ tokens\. Parsing aborted\.")


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
    """Hides unexpected errors behind one message and logs each with the request id; gives
    every other error a code.

    Strawberry's `MaskErrors` does the same but tests every result against a runtime-checkable
    protocol, a visible share of a `{ __typename }` request; this server has no incremental
    delivery, so a result is always one `ExecutionResult`. An exception that escapes the
    operation itself (a syntax error from the parser cache, a failure outside any resolver)
    never reaches this hook: `engine.schema` passes those through the same function.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors: list[GraphQLError] | None = getattr(result, "errors", None)
        if errors:
            result.errors = mask_unexpected(errors)  # type: ignore[union-attr]


def mask_unexpected(errors: list[GraphQLError]) -> list[GraphQLError]:
    """The errors a client may see, each with a code: unexpected ones masked (and logged)."""
    return [_client_error(error) for error in errors]


def _client_error(error: GraphQLError) -> GraphQLError:
    if _is_unexpected(error):
        return _masked(error)
    if code_of(error) is not None:
        return error
    if isinstance(error, GraphQLSyntaxError):
        limit = _TOKEN_LIMIT.fullmatch(error.description)
        return with_code(error, "TOO_MANY_TOKENS" if limit else "GRAPHQL_PARSE_FAILED")
    if error.path is None:
        # Validation codes its own errors (`engine.extensions`) and Strawberry finds the
        # operation before execution starts; what is left without a path is graphql-core
        # refusing the variables' values as execution starts.
        return with_code(error, "BAD_USER_INPUT")
    # A field error raised as a GraphQL error with no code: graphql-core's for a value its type
    # cannot represent (our bug), or Strawberry's for a permission class without
    # `error_extensions`. Unexpected as well.
    return _masked(error)


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
    """`error` at the same place in the document and the result, saying something else (and
    carrying no cause a later step could show)."""
    return changed(error, message=message, extensions=extensions, keep_cause=False)
