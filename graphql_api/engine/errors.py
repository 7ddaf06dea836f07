"""GraphQL errors that carry a machine-readable `extensions.code` and pass through masking.

Anything raised in a resolver that is not one of these is unexpected: the client sees
"Internal server error" and the log gets the traceback with the request id.
"""

from __future__ import annotations

from graphql import GraphQLError


class CodedError(GraphQLError):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class BadUserInput(CodedError):
    """An argument the client sent is malformed or out of range."""

    code = "BAD_USER_INPUT"


class Forbidden(CodedError):
    code = "FORBIDDEN"


def code_of(error: GraphQLError) -> object:
    return (error.extensions or {}).get("code")


def with_code(error: GraphQLError, code: str) -> GraphQLError:
    """A copy of `error` with `extensions.code` (errors may be cached, so never changed)."""
    return GraphQLError(
        message=error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )
