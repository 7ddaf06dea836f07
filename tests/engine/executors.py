"""Watching what graphql-core completes, and running a small test schema with the fast executor
and with Strawberry's default one (both with the project's schema extensions) to check that
they answer alike."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from unittest import mock

import strawberry
from graphql import GraphQLOutputType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionResult

from graphql_api.config import Settings
from graphql_api.engine.execution import FastPathExecutionContext
from graphql_api.engine.extensions import build_extensions

Context = TypeVar("Context")


@contextlib.contextmanager
def graphql_core_completions() -> Iterator[list[tuple[str | int, ...]]]:
    """The paths of the values graphql-core completes meanwhile, in any thread: every field it
    resolves, and every answer the fast executor hands back to it, passes through
    `complete_value` (a non-null or list value once for itself and once per layer inside)."""
    completed: list[tuple[str | int, ...]] = []
    complete_value = StrawberryGraphQLCoreExecutionContext.complete_value

    def recording_complete_value(
        self: StrawberryGraphQLCoreExecutionContext,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        completed.append(tuple(path.as_list()))
        return complete_value(
            self, return_type, field_details_list, info, path, result, position_context
        )

    with mock.patch.object(
        StrawberryGraphQLCoreExecutionContext, "complete_value", recording_complete_value
    ):
        yield completed


async def execute_both(
    query: type,
    settings: Settings,
    document: str,
    make_context: Callable[[], Context],
    config: StrawberryConfig | None = None,
    *,
    takes_fast_path: bool = True,
) -> tuple[ExecutionResult, Context]:
    """The fast executor's result and context, once the default executor (given a context of
    its own) answered the same data and the same errors, in the same order, and the fast one
    was seen to take its shortcut for some of the fields (or for none)."""
    answers: list[tuple[ExecutionResult, Context, int]] = []
    for fast in (False, True):
        schema = strawberry.Schema(
            query=query,
            extensions=build_extensions(settings),
            config=config,
            execution_context_class=FastPathExecutionContext if fast else None,
        )
        context = make_context()
        with graphql_core_completions() as completed:
            result = await schema.execute(document, context_value=context)
        answers.append((result, context, len(completed)))
    (default, _, by_default), (fast_result, fast_context, by_fast) = answers
    assert _answer(fast_result) == _answer(default)
    if takes_fast_path:
        assert by_fast < by_default, "the fast executor took its shortcut for no field"
    else:
        assert by_fast == by_default, "the fast executor took its shortcut"
    return fast_result, fast_context


def _answer(result: ExecutionResult) -> tuple[Any, list[Any]]:
    return result.data, [error.formatted for error in result.errors or ()]
