"""Schema extensions: abuse limits, caches, and masking of unexpected errors.

Strawberry shares an extension *instance* between concurrent requests, so configured ones are
handed over as classes (subclasses with the configured value bound) and built per request.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from graphql_api.config import Settings
from graphql_api.errors import CodedError
from graphql_api.request_id import current_request_id

log = logging.getLogger("graphql_api.errors")

INTERNAL_ERROR_MESSAGE = "Internal server error"
_CACHE_SIZE = 512


def _is_unexpected(error: GraphQLError) -> bool:
    """Resolver exceptions that are not coded errors; GraphQL's own errors pass untouched."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | CodedError)


class MaskUnexpectedErrors(MaskErrors):
    """Hides unexpected errors behind one message and logs each with the request id."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_unexpected, error_message=INTERNAL_ERROR_MESSAGE)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = current_request_id.get()
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(str(part) for part in error.path or ()),
            request_id,
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )


def build_extensions(settings: Settings) -> list[type[SchemaExtension]]:
    class DepthLimit(QueryDepthLimiter):
        def __init__(self) -> None:
            super().__init__(max_depth=settings.max_query_depth)

    class AliasLimit(MaxAliasesLimiter):
        def __init__(self) -> None:
            super().__init__(max_alias_count=settings.max_aliases)

    class TokenLimit(MaxTokensLimiter):
        def __init__(self) -> None:
            super().__init__(max_token_count=settings.max_tokens)

    class BoundedParserCache(ParserCache):
        def __init__(self) -> None:
            super().__init__(maxsize=_CACHE_SIZE)

    class BoundedValidationCache(ValidationCache):
        def __init__(self) -> None:
            super().__init__(maxsize=_CACHE_SIZE)

    extensions: list[type[SchemaExtension]] = [
        TokenLimit,
        BoundedParserCache,
        DepthLimit,
        AliasLimit,
        BoundedValidationCache,
        MaskUnexpectedErrors,
    ]
    if settings.is_production:
        extensions.append(DisableIntrospection)
    return extensions
