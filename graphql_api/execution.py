"""A faster executor for the fields that make up most of a page (measured: most of a browse
request's Python time went to graphql-core's per-field machinery, not to resolvers).

graphql-core resolves every field the same generic way: build a resolve info, call the
resolver through Strawberry's wrapper, check for awaitables, dispatch on the return type,
complete the value. For the bulk of a listing page that amounts to much less:

* **Plain leaves** (`id`, `title`, `price`...): Strawberry's default attribute resolver and a
  scalar or enum type, no arguments. The value is `getattr` plus the scalar's `serialize`.
* **Inline objects and lists** (`Listing.category`, `Listing.images`, `ListingConnection.nodes`,
  `Category.children`...): a non-null object or list-of-objects field whose value is a plain
  attribute, or whose resolver is marked `@context_only` (it reads nothing from `info` but
  `info.context` and takes only scalar arguments). The value is computed directly and its
  sub-selection executed without the per-field detour.

Everything else, and any case out of the ordinary (a null where the schema forbids one, a
resolver that answers with an awaitable, an exception), takes graphql-core's normal path, which
raises and locates errors as usual. The shortcut skips per-field extension hooks and permission
classes, so `schema.root.build_schema` enables it only while no extension hooks field
resolution, and `FAST_LEAF_FIELDS=false` turns it off; a test compares responses both ways.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

Resolver = TypeVar("Resolver", bound=Callable[..., Any])


def context_only(resolver: Resolver) -> Resolver:
    """Mark a resolver that uses nothing of `info` but `info.context` and takes only scalar
    arguments, so the fast executor may call it with a bare context holder."""
    resolver.__context_only__ = True  # type: ignore[attr-defined]
    return resolver


@dataclasses.dataclass(frozen=True, slots=True)
class _ContextOnlyInfo:
    context: Any


@dataclasses.dataclass(frozen=True, slots=True)
class _Leaf:
    attribute: str
    serialize: Callable[[Any], Any]
    non_null: bool


@dataclasses.dataclass(frozen=True, slots=True)
class _Inline:
    """A non-null object (or list of non-null objects) read from an attribute or a resolver."""

    field: GraphQLField
    object_type: GraphQLObjectType
    is_list: bool
    attribute: str | None  # a plain attribute, or...
    resolver: Callable[..., Any] | None  # ...a @context_only resolver,
    passes_info: bool = False  # called as resolver(source, info, **arguments) or (source, ...)


_Plan = _Leaf | _Inline | None
_FALLBACK: Any = object()
# Decided once per (type, field) for the life of the process. Keys are schema objects, so two
# schemas (say, a test's production one) never share an entry.
_plans: dict[tuple[GraphQLObjectType, str], _Plan] = {}


def _plan_for(parent_type: GraphQLObjectType, field_name: str) -> _Plan:
    field = parent_type.fields.get(field_name)
    definition = field.extensions.get("strawberry-definition") if field else None
    if field is None or definition is None:
        return None
    is_default = getattr(field.resolve, "_is_default", False)
    non_null = isinstance(field.type, GraphQLNonNull)
    named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return _Leaf(definition.python_name, named.serialize, non_null) if is_default else None
    if not non_null:
        return None
    is_list = isinstance(named, GraphQLList)
    if is_list:
        item = named.of_type
        if not isinstance(item, GraphQLNonNull):
            return None
        named = item.of_type
    if not isinstance(named, GraphQLObjectType) or named.is_type_of is not None:
        return None
    if is_default:
        return _Inline(field, named, is_list, definition.python_name, None)
    function = getattr(definition.base_resolver, "wrapped_func", None)
    if function is None or not getattr(function, "__context_only__", False):
        return None
    if set(field.args) != {argument.python_name for argument in definition.arguments}:
        return None  # only arguments whose GraphQL and Python names agree are passed through
    parameters = list(inspect.signature(function).parameters)
    passes_info = len(parameters) > 1 and parameters[1] == "info"
    return _Inline(field, named, is_list, None, function, passes_info)


class FastPathExecutionContext(StrawberryGraphQLCoreExecutionContext):
    _argument_cache: dict[int, dict[str, Any]]

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's `execute_fields`, with the two shortcuts tried first."""
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, details in grouped_field_set.items():
                node = details[0].node
                key = (parent_type, node.name.value)
                plan = _plans[key] if key in _plans else _plans.setdefault(key, _plan_for(*key))
                value = _FALLBACK
                if isinstance(plan, _Leaf):
                    if not node.arguments:
                        value = _leaf_value(plan, source_value)
                elif plan is not None:
                    value = self._inline_value(
                        plan,
                        parent_type,
                        source_value,
                        path,
                        response_name,
                        details,
                        position_context,
                    )
                if value is _FALLBACK:
                    value = self.execute_field(
                        parent_type,
                        source_value,
                        details,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                    if value is Undefined:
                        continue
                results[response_name] = value
                if self.is_awaitable(value):
                    awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _await_fields(results, awaitable_fields)

    def _inline_value(
        self,
        plan: _Inline,
        parent_type: GraphQLObjectType,
        source: Any,
        path: Path | None,
        response_name: str,
        details: FieldDetailsList,
        position_context: Any,
    ) -> Any:
        if plan.attribute is not None:
            if details[0].node.arguments:
                return _FALLBACK
            value = getattr(source, plan.attribute)
        else:
            assert plan.resolver is not None
            try:
                arguments = self._arguments(plan.field, details[0].node)
                if plan.passes_info:
                    info = _ContextOnlyInfo(self.context_value)
                    value = plan.resolver(source, info, **arguments)
                else:
                    value = plan.resolver(source, **arguments)
            except Exception:  # the normal path raises and locates it
                return _FALLBACK
            if self.is_awaitable(value):
                _discard(value)
                return _FALLBACK
        if value is None:
            return _FALLBACK
        field_path = Path(path, response_name, parent_type.name)
        complete = self._subfields_executor(plan.object_type, details, position_context)
        if not plan.is_list:
            return complete(value, field_path)
        items: list[Any] = []
        pending: list[int] = []
        for index, item in enumerate(value):
            if item is None:
                for position in pending:
                    _discard(items[position])
                return _FALLBACK
            completed = complete(item, field_path.add_key(index, None))
            if self.is_awaitable(completed):
                pending.append(index)
            items.append(completed)
        if not pending:
            return items
        return _await_items(items, pending)

    def _subfields_executor(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, position_context: Any
    ) -> Callable[[Any, Path], AwaitableOrValue[dict[str, Any]]]:
        """How to execute an object's sub-selection: straight to `execute_fields` when nothing
        is deferred (collected once for a whole list), else graphql-core's incremental path."""
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(object_type, details)
        if position_context is None and not new_defer_usages:
            return lambda value, path: self.execute_fields(
                object_type, value, path, grouped_field_set, None
            )
        return lambda value, path: self.collect_and_execute_subfields(
            object_type, details, path, value, position_context
        )

    def _arguments(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """Coerced once per field node: the variables do not change during one execution, and
        a page repeats the same node (say `images(first: 4)`) for every listing."""
        if not field.args:
            return {}
        cache: dict[int, dict[str, Any]] | None = getattr(self, "_argument_cache", None)
        if cache is None:
            cache = self._argument_cache = {}
        arguments = cache.get(id(node))
        if arguments is None:
            arguments = cache[id(node)] = get_argument_values(field, node, self.variable_values)
        return dict(arguments)


def _leaf_value(plan: _Leaf, source: Any) -> Any:
    value = getattr(source, plan.attribute)
    if value is None:
        return _FALLBACK if plan.non_null else None
    try:
        return plan.serialize(value)
    except Exception:  # the normal path raises the proper located error
        return _FALLBACK


def _discard(awaitable: Any) -> None:
    """Close a coroutine the shortcut will not await, so it leaves no warning behind."""
    if inspect.iscoroutine(awaitable):
        awaitable.close()


async def _await_fields(results: dict[str, Any], names: list[str]) -> dict[str, Any]:
    if len(names) == 1:
        results[names[0]] = await results[names[0]]
    else:
        awaited = await gather_with_cancel(*(results[name] for name in names))
        results.update(zip(names, awaited, strict=True))
    return results


async def _await_items(items: list[Any], positions: list[int]) -> list[Any]:
    pending: list[Awaitable[Any]] = [items[position] for position in positions]
    for position, value in zip(positions, await gather_with_cancel(*pending), strict=True):
        items[position] = value
    return items
