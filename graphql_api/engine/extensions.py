"""Schema extensions: abuse limits, caches, and the masking of unexpected errors.

Strawberry shares an extension *instance* between concurrent requests, so configured ones are
handed over as classes (subclasses with the configured value bound) and built per request.
The depth and alias rules are built once, not per request as `QueryDepthLimiter` and
`MaxAliasesLimiter` would: the validation cache is keyed by the rule classes, and a fresh class
per request made every lookup a miss, and validation then dominated a small query's time.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError
from graphql.validation import (
    ASTValidationRule,
    NoSchemaIntrospectionCustomRule,
    ValidationContext,
)
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
from graphql_api.engine.errors import code_of, with_code
from graphql_api.engine.masking import MaskUnexpectedErrors

_CACHE_SIZE = 512


@dataclasses.dataclass(frozen=True, slots=True)
class _Validation:
    document: DocumentNode
    errors: list[GraphQLError]


_validated: OrderedDict[tuple[int, int, tuple[type[ASTValidationRule], ...]], _Validation] = (
    OrderedDict()
)


class ValidationByDocument(SchemaExtension):
    """Validation results per parsed document, the last `_CACHE_SIZE` documents.

    Strawberry's `ValidationCache` keys an `lru_cache` by the document itself, whose hash walks
    the whole syntax tree on every request, a visible share of a listing detail request.
    The parser cache hands out one document object per query text, so the document's identity
    is the key here; each entry keeps its document alive, so that identity cannot be reused.
    A validation error whose rule gave it no code gets `GRAPHQL_VALIDATION_FAILED`.
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
            errors = validate_document(schema, document, rules)
            cached = _validated[key] = _Validation(document, [_coded(error) for error in errors])
            if len(_validated) > _CACHE_SIZE:
                _validated.popitem(last=False)
        else:
            _validated.move_to_end(key)
        context.pre_execution_errors = cached.errors
        yield


def _coded(error: GraphQLError) -> GraphQLError:
    return error if code_of(error) is not None else with_code(error, "GRAPHQL_VALIDATION_FAILED")


def _reporting_with_code(rule: type[ASTValidationRule], code: str) -> type[ASTValidationRule]:
    """`rule`, with `code` on the errors it reports (Strawberry's depth and alias rules report
    plain errors, all while they are built)."""

    class CodedRule(rule):  # type: ignore[valid-type,misc]
        def __init__(self, context: ValidationContext) -> None:
            report = context.on_error
            context.on_error = lambda error: report(with_code(error, code))  # type: ignore[method-assign]
            try:
                super().__init__(context)
            finally:
                context.on_error = report  # type: ignore[method-assign]

    return CodedRule


def build_extensions(settings: Settings) -> list[type[SchemaExtension]]:
    rules: list[type[ASTValidationRule]] = [
        _reporting_with_code(depth_rule(settings.max_query_depth, None), "QUERY_TOO_DEEP"),
        _reporting_with_code(aliases_rule(settings.max_aliases), "TOO_MANY_ALIASES"),
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
