"""GraphQL errors that carry a machine-readable `extensions.code` and pass through masking.

Anything raised in a resolver that is not one of these is unexpected: the client sees
"Internal server error" and the log gets the traceback with the request id.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, Node


class CodedError(GraphQLError):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, node: Node | None = None) -> None:
        """`node`: where in the document, for errors found before execution (which have no
        field path to point at)."""
        super().__init__(message, node, extensions={"code": self.code})


class BadUserInput(CodedError):
    """An argument the client sent is malformed or out of range."""

    code = "BAD_USER_INPUT"


class Forbidden(CodedError):
    code = "FORBIDDEN"


def code_of(error: GraphQLError) -> object:
    return (error.extensions or {}).get("code")


def changed(
    error: GraphQLError,
    *,
    message: str | None = None,
    extensions: dict[str, Any] | None = None,
    keep_cause: bool = True,
) -> GraphQLError:
    """A copy of `error` at the same place in the document and the result, with another message
    or extensions (errors may be cached and shared, so they are never changed in place)."""
    return GraphQLError(
        message=error.message if message is None else message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error if keep_cause else None,
        extensions=error.extensions if extensions is None else extensions,
    )


def with_code(error: GraphQLError, code: str) -> GraphQLError:
    """A copy of `error` with `extensions.code`."""
    return changed(error, extensions={**(error.extensions or {}), "code": code})


class QueryTooComplex(CodedError):
    """The operation's cost (`engine.cost`) is over the limit: refused before it runs."""

    code = "QUERY_TOO_COMPLEX"

    def __init__(self, cost: int, limit: int) -> None:
        super().__init__(
            f"The query costs {cost}, more than the limit of {limit}: ask for smaller pages "
            "or fewer nested lists"
        )


class ResponseTooLarge(CodedError):
    """The encoded response is over the limit: sent instead of it."""

    code = "RESPONSE_TOO_LARGE"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"The response has {size} bytes, more than the limit of {limit}: ask for fewer "
            "fields or smaller pages"
        )
