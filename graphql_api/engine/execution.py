"""A faster executor for the fields that make up most of a page (most of a browse request's
Python time went to graphql-core's per-field machinery, not to resolvers; bench/RESULTS.md).

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
* **`__typename`**, which clients such as Apollo add to every object: the type's name.

Which of these a field is depends on the schema alone and is decided once per process. How a
selection set runs is then compiled into a `_Program` (the steps of its fields, with arguments
coerced and sub-selections collected), so the 50 listings of a page, or their 200 images, share
one program instead of repeating those decisions for every object. When no variable can change
the compiled form (see `_compiles_alike`), programs are shared by every execution of the same
document (of the documents run lately: `_shared_operations` is bounded); otherwise they are
compiled once per execution.

Everything else, and any case out of the ordinary (a null where the schema forbids one, a
resolver that answers with an awaitable, an exception), takes graphql-core's normal path, which
raises and locates errors as usual; a resolver the shortcut has already called is not called
again, its answer is completed by graphql-core. The shortcut would skip per-field extension hooks
and permission classes, so a field with permission classes or field extensions never takes it,
`engine.schema.build_engine_schema` enables it only while no schema extension hooks field
resolution, and `FAST_EXECUTOR=false` turns it off; a test compares responses both ways.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    Node,
    OperationDefinitionNode,
    VariableNode,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from graphql.type.scalars import serialize_boolean, serialize_id, serialize_string
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

from graphql_api.engine.documents import document_bytes
from graphql_api.engine.lru import LRUCache

Resolver = TypeVar("Resolver", bound=Callable[..., Any])
Result = TypeVar("Result")


def context_only(resolver: Resolver) -> Resolver:
    """Mark a resolver that uses nothing of `info` but `info.context` and takes only scalar
    arguments, so the fast executor may call it with a bare context holder."""
    resolver.__context_only__ = True  # type: ignore[attr-defined]
    return resolver


def resolved_later(pending: Awaitable[Result]) -> Result:
    """What a synchronous resolver returns when its value needs I/O after all: the awaitable,
    typed as its result, because graphql-core (and the fast path) await what resolvers return."""
    return cast("Result", pending)


@dataclasses.dataclass(frozen=True, slots=True)
class _ContextOnlyInfo:
    context: Any


# What the schema says of one (type, field), decided once per process ------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Leaf:
    attribute: str
    coerce: Callable[[Any], Any]  # `coerce_output_value`, which graphql-core calls
    non_null: bool
    # values of this class coerce to themselves (`str` for String and ID, `bool` for Boolean)
    passthrough: type | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Inline:
    """A non-null object (or list of non-null objects) read from an attribute or a resolver."""

    field: GraphQLField
    object_type: GraphQLObjectType
    is_list: bool
    attribute: str | None  # a plain attribute, or...
    resolver: Callable[..., Any]  # ...a @context_only resolver (unused with an attribute)
    passes_info: bool = False  # called as resolver(source, info, **arguments) or (source, ...)


_Plan = _Leaf | _Inline | None
_PASSTHROUGH: dict[Callable[[Any], Any], type] = {
    serialize_string: str,
    serialize_id: str,
    serialize_boolean: bool,
}
# Keys are schema objects, so two schemas (say, a test's production one) never share an entry.
_plans: dict[tuple[GraphQLObjectType, str], _Plan] = {}


def _plan_for(parent_type: GraphQLObjectType, field_name: str) -> _Plan:
    field = parent_type.fields.get(field_name)
    definition = field.extensions.get("strawberry-definition") if field else None
    if field is None or definition is None or not _resolves_plainly(definition):
        return None
    is_default = getattr(field.resolve, "_is_default", False)
    non_null = isinstance(field.type, GraphQLNonNull)
    named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        if not is_default:
            return None
        coerce = named.coerce_output_value
        return _Leaf(definition.python_name, coerce, non_null, _PASSTHROUGH.get(coerce))
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
        return _Inline(field, named, is_list, definition.python_name, _no_resolver)
    function = getattr(definition.base_resolver, "wrapped_func", None)
    if function is None or not getattr(function, "__context_only__", False):
        return None
    if set(field.args) != {argument.python_name for argument in definition.arguments}:
        return None  # only arguments whose GraphQL and Python names agree are passed through
    parameters = list(inspect.signature(function).parameters)
    passes_info = len(parameters) > 1 and parameters[1] == "info"
    return _Inline(field, named, is_list, None, function, passes_info)


def _resolves_plainly(definition: StrawberryField) -> bool:
    """Whether Strawberry resolves the field with nothing around its resolver: no permission
    classes and no field extensions (Strawberry marks such a field's resolver `_is_default`
    all the same when it has no resolver function), and attributes read with `getattr`."""
    return (
        not definition.permission_classes
        and not definition.extensions
        and definition.default_resolver is getattr
    )


def _no_resolver(*_: Any, **__: Any) -> Any:
    raise AssertionError("an attribute-backed field has no resolver")


def _cached_plan(parent_type: GraphQLObjectType, field_name: str) -> _Plan:
    key = (parent_type, field_name)
    if key not in _plans:
        _plans[key] = _plan_for(parent_type, field_name)
    return _plans[key]


# How one selection set runs: compiled once per execution, or shared (see `_compiles_alike`) --


@dataclasses.dataclass(slots=True)
class _LeafStep:
    name: str  # the response key
    details: FieldDetailsList
    leaf: _Leaf


@dataclasses.dataclass(slots=True)
class _InlineStep:
    name: str
    details: FieldDetailsList
    inline: _Inline
    arguments: dict[str, Any]  # coerced once: the variables do not change during execution
    program: _Program  # of the sub-selection


@dataclasses.dataclass(slots=True)
class _TypenameStep:
    name: str
    details: FieldDetailsList


@dataclasses.dataclass(slots=True)
class _GraphQLCoreStep:
    """Anything else: graphql-core's normal path."""

    name: str
    details: FieldDetailsList


_Step = _LeafStep | _InlineStep | _TypenameStep | _GraphQLCoreStep
# A response path as graphql-core's `Path` (a named tuple) or, below inline fields, as a plain
# `(previous, key, typename)` tuple: built for every object of a page but read only when a field
# takes the normal path, so it is turned into a `Path` only then.
_LazyPath = Path | tuple[Any, str | int, str | None] | None


def _materialize(path: _LazyPath) -> Path | None:
    if path is None or isinstance(path, Path):
        return path
    previous, key, typename = path
    return Path(_materialize(previous), key, typename)


@dataclasses.dataclass(slots=True)
class _Program:
    object_type: GraphQLObjectType
    steps: list[_Step]


@dataclasses.dataclass(slots=True)
class _SharedOperation:
    """What every execution of one operation shares: whether it compiles alike every time
    (see `_compiles_alike`) and, if so, its programs, keyed by the object type and the field
    nodes of each response key (the operation keeps the nodes alive, so their ids cannot be
    reused while the entry exists)."""

    operation: OperationDefinitionNode
    alike: bool
    programs: dict[tuple[Any, ...], _Program]


# Keyed by the operation node's id (the entry keeps the node alive). An entry keeps its
# operation and fragments alive, and the tokens from the first of them on (the document's
# size, or nearly), and its programs take about half as much again.
_shared_operations: LRUCache[int, _SharedOperation] = LRUCache(1000, 16 * 1024 * 1024)


def _shared_operation(
    operation: OperationDefinitionNode, fragments: dict[str, Any]
) -> _SharedOperation:
    shared = _shared_operations.get(id(operation))
    if shared is None or shared.operation is not operation:
        shared = _SharedOperation(operation, _compiles_alike(operation, fragments), {})
        first = min((operation, *fragments.values()), key=_start)
        _shared_operations.put(id(operation), shared, document_bytes(first.loc) * 3 // 2)
    return shared


def _start(node: Node) -> int:
    return node.loc.start if node.loc else 0


def _compiles_alike(operation: OperationDefinitionNode, fragments: dict[str, Any]) -> bool:
    """Whether every execution of `operation` compiles to the same programs: no variable is
    read below the arguments of its top-level fields, so no `@skip`/`@include` and no
    argument of a nested inline field can differ (a top-level field whose arguments take
    variables is left to graphql-core, which coerces them for each execution)."""
    return all(
        isinstance(selection, FieldNode)
        and not any(_has_variable(directive) for directive in selection.directives or ())
        and (selection.selection_set is None or not _has_variable(selection.selection_set))
        for selection in operation.selection_set.selections
    ) and not any(_has_variable(fragment) for fragment in fragments.values())


def _has_variable(node: Node) -> bool:
    if isinstance(node, VariableNode):
        return True
    for key in node.keys:
        value = getattr(node, key, None)
        children = value if isinstance(value, tuple | list) else (value,)
        if any(isinstance(child, Node) and _has_variable(child) for child in children):
            return True
    return False


class FastPathExecutionContext(StrawberryGraphQLCoreExecutionContext):
    _programs: dict[tuple[GraphQLObjectType, int], tuple[GroupedFieldSet, _Program]]
    _context_only_info: _ContextOnlyInfo
    _shared: _SharedOperation
    _shares_programs: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._programs = {}
        self._context_only_info = _ContextOnlyInfo(self.context_value)
        self._shared = _shared_operation(self.operation, self.fragment_definitions)
        self._shares_programs = self._shared.alike

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's `execute_fields`, run from a compiled program (not when deferring)."""
        if position_context is not None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        return self._run(self._program(parent_type, grouped_field_set), source_value, path)

    def build_response(self, data: dict[str, Any] | None) -> Any:
        """graphql-core's response, after which this context lets go of what it built.

        graphql-core's context keeps bound methods of itself (`async_helpers`): a reference
        cycle, which only the cyclic garbage collector frees, with the request, its context
        and everything compiled: under load, large collections that paused the server
        (bench/RESULTS.md). With the cycle cut once the response exists (nothing reads those
        helpers afterwards), a request leaves no cyclic garbage (tested).
        """
        response = super().build_response(data)
        if isinstance(response, ExecutionResult):
            self._programs.clear()
            self._relevant_sub_fields.clear()
            del self.async_helpers  # bound methods of this context: the cycle itself
        return response

    # compiling ---------------------------------------------------------------------------

    def _program(self, object_type: GraphQLObjectType, fields: GroupedFieldSet) -> _Program:
        """The program of a grouped field set: shared between executions when the operation
        compiles alike every time (compiling was a visible share of a detail request),
        otherwise compiled once per execution (graphql-core hands out the same set for every
        object of a list; the set is kept alive with its key)."""
        key = (object_type, id(fields))
        cached = self._programs.get(key)
        if cached is None:
            program = (
                self._shared_program(object_type, fields)
                if self._shares_programs
                else self._compile(object_type, fields)
            )
            cached = self._programs[key] = (fields, program)
        return cached[1]

    def _shared_program(self, object_type: GraphQLObjectType, fields: GroupedFieldSet) -> _Program:
        key = (
            object_type,
            tuple(
                (name, tuple(id(detail.node) for detail in details))
                for name, details in fields.items()
            ),
        )
        programs = self._shared.programs
        program = programs.get(key)
        if program is None:
            program = programs[key] = self._compile(object_type, fields)
        return program

    def _compile(self, object_type: GraphQLObjectType, fields: GroupedFieldSet) -> _Program:
        return _Program(
            object_type,
            [self._step(object_type, name, details) for name, details in fields.items()],
        )

    def _step(self, object_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> _Step:
        node = details[0].node
        if node.name.value == "__typename":
            return _TypenameStep(name, details)
        plan = _cached_plan(object_type, node.name.value)
        if isinstance(plan, _Leaf) and not node.arguments:
            return _LeafStep(name, details, plan)
        if not isinstance(plan, _Inline) or (plan.attribute is not None and node.arguments):
            return _GraphQLCoreStep(name, details)
        if self._shares_programs and any(map(_has_variable, node.arguments or ())):
            return _GraphQLCoreStep(name, details)  # a top-level field: its arguments vary
        try:
            arguments = get_argument_values(plan.field, node, self.variable_values)
        except GraphQLError:  # the normal path reports it, located
            return _GraphQLCoreStep(name, details)
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(plan.object_type, details)
        if new_defer_usages:
            return _GraphQLCoreStep(name, details)
        program = self._program(plan.object_type, grouped_field_set)
        return _InlineStep(name, details, plan, arguments, program)

    # running -----------------------------------------------------------------------------

    def _run(
        self, program: _Program, source: Any, path: _LazyPath
    ) -> AwaitableOrValue[dict[str, Any]]:
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for step in program.steps:
                if isinstance(step, _LeafStep):
                    leaf = step.leaf
                    try:
                        value = getattr(source, leaf.attribute)
                        if value.__class__ is leaf.passthrough:
                            results[step.name] = value
                            continue
                        if value is not None:
                            value = leaf.coerce(value)
                            if value is not None:  # graphql-core refuses a coerced null
                                results[step.name] = value
                                continue
                        elif not leaf.non_null:
                            results[step.name] = None
                            continue
                    except Exception:  # noqa: S110 (the normal path raises it, located)
                        pass
                    # a null where the schema forbids one, or an error: graphql-core reports it
                    results[step.name] = self._by_graphql_core(program, source, path, step)
                    continue
                if isinstance(step, _InlineStep):
                    value = self._inline(program, source, path, step)
                    if value.__class__ is dict or value.__class__ is list or value is None:
                        results[step.name] = value
                        continue
                elif isinstance(step, _TypenameStep):
                    results[step.name] = program.object_type.name
                    continue
                else:
                    value = self._by_graphql_core(program, source, path, step)
                    if value is Undefined:
                        continue
                results[step.name] = value
                if self.is_awaitable(value):
                    awaitable_fields.append(step.name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _await_fields(results, awaitable_fields)

    def _by_graphql_core(
        self, program: _Program, source: Any, path: _LazyPath, step: _Step
    ) -> AwaitableOrValue[Any]:
        field_path = Path(_materialize(path), step.name, program.object_type.name)
        return self.execute_field(program.object_type, source, step.details, field_path, None)

    def _inline(self, program: _Program, source: Any, path: _LazyPath, step: _InlineStep) -> Any:
        inline = step.inline
        try:
            if inline.attribute is not None:
                value = getattr(source, inline.attribute)
            elif inline.passes_info:
                value = inline.resolver(source, self._context_only_info, **step.arguments)
            else:
                value = inline.resolver(source, **step.arguments)
        except Exception as error:
            return self._complete_by_graphql_core(program, path, step, error)
        if value is None or (inline.attribute is None and self.is_awaitable(value)):
            return self._complete_by_graphql_core(program, path, step, value)
        field_path = (path, step.name, program.object_type.name)
        if not inline.is_list:
            return self._run(step.program, value, field_path)
        if value.__class__ is not list:
            # graphql-core completes other iterables: should an iterator meet a null item (see
            # below), it could not be handed on whole
            return self._complete_by_graphql_core(program, path, step, value)
        items: list[Any] = []
        pending: list[int] = []
        for index, item in enumerate(value):
            if item is None:
                for position in pending:
                    _discard(items[position])
                return self._complete_by_graphql_core(program, path, step, value)
            completed = self._run(step.program, item, (field_path, index, None))
            if completed.__class__ is not dict:
                pending.append(index)
            items.append(completed)
        if not pending:
            return items
        return _await_items(items, pending)

    def _complete_by_graphql_core(
        self, program: _Program, path: _LazyPath, step: _InlineStep, result: Any
    ) -> AwaitableOrValue[Any]:
        """graphql-core's `execute_field` from the point where the resolver has answered:
        `result` is its value (say a null, which graphql-core refuses), an awaitable, or the
        exception it raised. The resolver is not called a second time: it may be costly, or
        count something."""
        field = step.inline.field
        field_path = Path(_materialize(path), step.name, program.object_type.name)
        try:
            nodes = [detail.node for detail in step.details]
            info = self.build_resolve_info(field, nodes, program.object_type, field_path)
            if self.is_awaitable(result):
                return self.complete_awaitable_value(
                    field.type, step.details, info, field_path, result, None
                )
            # graphql-core raises an exception given as the result, as it does a null here
            completed = self.complete_value(
                field.type, step.details, info, field_path, result, None
            )
        except Exception as error:
            self.handle_field_error(error, field.type, step.details, field_path)
            return None
        if self.is_awaitable(completed):
            return self._await_completed(completed, step, field_path)
        return completed

    async def _await_completed(
        self, completed: Awaitable[Any], step: _InlineStep, field_path: Path
    ) -> Any:
        try:
            return await completed
        except Exception as error:
            self.handle_field_error(error, step.inline.field.type, step.details, field_path)
            return None


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
