"""Schema extensions: abuse limits, caches, and masking of unexpected errors.

Strawberry shares an extension *instance* between concurrent requests, so configured ones are
handed over as classes (subclasses with the configured value bound) and built per request.
The depth and alias rules are built once, not per request as `QueryDepthLimiter` and
`MaxAliasesLimiter` would: the validation cache is keyed by the rule classes, and a fresh class
per request made every lookup a miss (measured: validation was most of a small query's time).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Iterator

import psycopg
from graphql import DocumentNode, GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from graphql_api.config import Settings
from graphql_api.errors import CodedError
from graphql_api.request_id import current_request_id

log = logging.getLogger("graphql_api.errors")

INTERNAL_ERROR_MESSAGE = "Internal server error"
_CACHE_SIZE = 512


@dataclasses.dataclass(frozen=True, slots=True)
class _Validation:
    document: DocumentNode
    errors: list[GraphQLError]


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
    protocol (measured: a tenth of a `{ __typename }` request); this server has no incremental
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


def _masked(error: GraphQLError) -> GraphQLError:
    if _is_bad_value(error):
        log.info("bad input value in %s: %s", _path_of(error), error.original_error)
        return GraphQLError(
            message="An input value cannot be stored (text with a NUL character)",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "BAD_USER_INPUT"},
        )
    request_id = current_request_id.get()
    log.error(
        "unexpected error in %s (request %s)",
        _path_of(error),
        request_id,
        exc_info=error.original_error,
    )
    return GraphQLError(
        message=INTERNAL_ERROR_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
    )


_validated: OrderedDict[tuple[int, int, tuple[type[ASTValidationRule], ...]], _Validation] = (
    OrderedDict()
)


class ValidationByDocument(SchemaExtension):
    """Validation results per parsed document, the last `_CACHE_SIZE` documents.

    Strawberry's `ValidationCache` keys an `lru_cache` by the document itself, whose hash walks
    the whole syntax tree on every request (measured: a tenth of a listing detail request).
    The parser cache hands out one document object per query text, so the document's identity
    is the key here; each entry keeps its document alive, so that identity cannot be reused.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None, "validation runs after parsing"
        schema = context.schema._schema
        rules = tuple(context.validation_rules)
        key = (id(schema), id(document), rules)
        cached = _validated.get(key)
        if cached is None:
            cached = _validated[key] = _Validation(
                document, validate_document(schema, document, rules)
            )
            if len(_validated) > _CACHE_SIZE:
                _validated.popitem(last=False)
        else:
            _validated.move_to_end(key)
        context.pre_execution_errors = cached.errors
        yield


def build_extensions(settings: Settings) -> list[type[SchemaExtension]]:
    rules: list[type[ASTValidationRule]] = [
        depth_rule(settings.max_query_depth, None),
        aliases_rule(settings.max_aliases),
    ]
    if settings.is_production:
        rules.append(NoSchemaIntrospectionCustomRule)

    class ValidationLimits(AddValidationRules):
        """Depth, alias and (in production) introspection rules, the same classes every time."""

        def __init__(self) -> None:
            super().__init__(rules)

    class TokenLimit(MaxTokensLimiter):
        def __init__(self) -> None:
            super().__init__(max_token_count=settings.max_tokens)

    class BoundedParserCache(ParserCache):
        def __init__(self) -> None:
            super().__init__(maxsize=_CACHE_SIZE)

    return [
        TokenLimit,
        BoundedParserCache,
        ValidationLimits,
        ValidationByDocument,
        MaskUnexpectedErrors,
    ]
