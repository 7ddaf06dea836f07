"""The Strawberry schema this server runs: its extensions, scalars and executor.

Domains only declare types; how a document is validated, executed and its errors masked is
decided here, with the other code that relies on Strawberry's and graphql-core's internals.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext
from strawberry.types import ExecutionResult as StrawberryExecutionResult

from graphql_api.config import Settings
from graphql_api.engine.cost import check_list_bounds
from graphql_api.engine.execution import FastPathExecutionContext
from graphql_api.engine.extensions import build_extensions, query_cost_limit
from graphql_api.engine.input_bounds import unbounded_inputs
from graphql_api.engine.masking import mask_unexpected
from graphql_api.engine.operation import operation_ended, operation_started
from graphql_api.engine.scalars import SCALAR_OVERRIDES
from graphql_api.engine.suggestions import without_suggestions


class _Schema(strawberry.Schema):
    def __init__(self, *args: Any, hide_suggestions: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hide_suggestions = hide_suggestions

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Unexpected errors are logged, with the request id, where they are masked."""

    async def execute(self, *args: Any, **kwargs: Any) -> StrawberryExecutionResult:
        """An exception that escapes the operation (raised outside any resolver, say while
        the executor is set up) skips the extensions' hooks; it is masked here as well. Every
        error passes here, so suggestions are cut here too."""
        result = await super().execute(*args, **kwargs)
        if result.errors:
            errors = mask_unexpected(result.errors)
            result.errors = without_suggestions(errors) if self.hide_suggestions else errors
        operation_ended(result)
        return result

    def _create_execution_context(self, *args: Any, **kwargs: Any) -> ExecutionContext:
        """The request's operation report (`engine.operation`) reads the parsed document from
        the execution context, which `execute` keeps to itself."""
        execution = super()._create_execution_context(*args, **kwargs)
        operation_started(execution)
        return execution


def build_engine_schema(query: type, mutation: type, settings: Settings) -> strawberry.Schema:
    """The schema with this server's extensions, the query cost limit among them: a list field
    with no bound for the cost to count stops the server here, at start, as does a text input
    that declares no length (`engine.input_bounds`)."""
    extensions = [*build_extensions(settings), query_cost_limit(settings.max_query_cost)]
    schema = _Schema(
        query=query,
        mutation=mutation,
        extensions=extensions,
        scalar_overrides=SCALAR_OVERRIDES,
        config=StrawberryConfig(disable_field_suggestions=settings.is_production),
        hide_suggestions=settings.is_production,
        execution_context_class=(
            FastPathExecutionContext
            if settings.fast_executor and not any(_hooks_resolve(e) for e in extensions)
            else None
        ),
    )
    unbounded = unbounded_inputs(schema._schema)
    if unbounded:
        raise TypeError(f"Text inputs without a max_length: {', '.join(unbounded)}")
    unbounded = check_list_bounds(schema._schema)
    if unbounded:
        raise TypeError(f"lists without a bound (see engine.cost.most_items): {unbounded}")
    return schema


def _hooks_resolve(extension: type[SchemaExtension]) -> bool:
    """Whether an extension wraps field resolution, which the fast path would skip."""
    return extension.resolve is not SchemaExtension.resolve
