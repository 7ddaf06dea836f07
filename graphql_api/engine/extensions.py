"""Schema extensions: abuse limits, the query cost, the document cache, and the masking of
unexpected errors.

Strawberry shares an extension *instance* between concurrent requests, so configured ones are
handed over as classes (subclasses with the configured value bound) and built per request.
The depth and alias rules are built once, not per request as `QueryDepthLimiter` and
`MaxAliasesLimiter` would: validation results are cached per rule classes, and a fresh class
per request made every lookup a miss, and validation then dominated a small query's time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    get_operation_ast,
)
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule, ValidationContext
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.types import ExecutionContext

from graphql_api.config import Settings
from graphql_api.engine.cost import query_cost
from graphql_api.engine.documents import CachedDocuments
from graphql_api.engine.errors import QueryTooComplex, with_code
from graphql_api.engine.lru import LRUCache
from graphql_api.engine.masking import MaskUnexpectedErrors


class QueryCostLimit(SchemaExtension):
    """Refuses an operation whose cost (`engine.cost`) is over `limit` before it runs, and
    reports the cost in the response's `extensions.cost`.

    Runs after `CachedDocuments`, which validates before this hook's turn: a cost is counted
    for valid documents only (an invalid one may name fields the schema lacks).
    """

    limit: int
    cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None, "validation runs after parsing"
        operation = get_operation_ast(document, context.operation_name)
        if operation is not None and context.pre_execution_errors == []:
            self.cost = _cost_of(context, document, operation)
            if self.cost > self.limit:
                context.pre_execution_errors = [QueryTooComplex(self.cost, self.limit)]
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "limit": self.limit}}


# Costs per (schema, query text, operation name, integer variables): only `first` values,
# integers, change a cost, and counting it walked the whole operation on every request (a
# twentieth of a detail request). Keyed by the text, not the syntax tree, so an entry never keeps
# a document alive after the document cache let go of it; bounded by the texts' sizes.
_costs: LRUCache[tuple[Any, ...], int] = LRUCache(1000, 4 * 1024 * 1024)


def _cost_of(
    context: ExecutionContext, document: DocumentNode, operation: OperationDefinitionNode
) -> int:
    schema = context.schema._schema
    variables = context.variables or {}
    query = context.query or ""
    integers = tuple(sorted((k, v) for k, v in variables.items() if type(v) is int))
    key = (id(schema), query, context.operation_name, integers)
    cost = _costs.get(key)
    if cost is None:
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        cost = query_cost(schema, operation, fragments, variables)
        _costs.put(key, cost, len(query) + 100)
    return cost


def query_cost_limit(max_cost: int) -> type[SchemaExtension]:
    """The cost limit as a class (see the module's docstring), for a schema whose lists all
    have a bound (`engine.cost.check_list_bounds`)."""

    class ConfiguredQueryCostLimit(QueryCostLimit):
        limit = max_cost

    return ConfiguredQueryCostLimit


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

    return [
        TokenLimit,
        ValidationLimits,
        CachedDocuments,
        MaskUnexpectedErrors,
    ]
