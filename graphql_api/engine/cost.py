"""What a query may cost, counted before it runs: the objects its response can hold.

Depth, alias and token limits let a 35-token query through that fetches a million listings
(100 sellers of 100 listings, each with a seller with 100 listings). The cost counts what
makes work, SQL statements and objects to build, from the document, the variables and the
schema alone:

* a field of an object type costs 1 per parent object, plus what its selection costs;
* a list of objects holds at most its *bound* items, each costing 1 plus its selection: a
  list inside a page (`nodes`, `edges` of a connection) holds the page field's `first`, its
  default when absent; any other list declares its bound with `metadata=most_items(n)` (and a
  `first` argument, when it has one and it is smaller);
* leaves (scalars, enums) and introspection cost nothing: a leaf's value comes with its object,
  introspection reads the schema in memory (and is off in production).

So `cost(field) = items x (1 + cost(selection))`, summed over every field (fragments and inline
fragments included, `@skip`/`@include` ignored: the count is an upper bound). A list without
either bound is refused when the schema is built (`check_list_bounds`), so every query has a
finite cost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
)

_BOUND = "graphql_api.most_items"
_PAGE_SIZE = "first"


def most_items(bound: int) -> Mapping[str, int]:
    """Field metadata declaring that a list field holds at most `bound` items, which the query
    cost counts (`strawberry.field(..., metadata=most_items(12))`): metadata, not a field
    extension, so the field keeps the fast executor."""
    return {_BOUND: bound}


@dataclasses.dataclass(frozen=True, slots=True)
class _FieldCost:
    """What the schema says of one composite field, decided once per process."""

    object_type: GraphQLNamedType
    is_list: bool
    bound: int | None  # declared with `most_items`
    has_first: bool
    first_default: int | None


_fields: dict[tuple[GraphQLNamedType, str], _FieldCost | None] = {}


def _field_cost(parent: GraphQLNamedType, name: str) -> _FieldCost | None:
    """None for a leaf, an unknown field or an introspection field (none of which costs)."""
    key = (parent, name)
    if key not in _fields:
        fields: dict[str, GraphQLField] = getattr(parent, "fields", {})
        field = fields.get(name)
        _fields[key] = None if field is None or name.startswith("__") else _describe(field)
    return _fields[key]


def _describe(field: GraphQLField) -> _FieldCost | None:
    output = get_named_type(field.type)
    if not is_composite_type(output):
        return None  # a scalar or an enum
    nullable = get_nullable_type(field.type)
    definition = field.extensions.get("strawberry-definition")
    metadata = getattr(definition, "metadata", None) or {}
    first = field.args.get(_PAGE_SIZE)
    default = None if first is None else first.default_value
    return _FieldCost(
        output,
        isinstance(nullable, GraphQLList),
        metadata.get(_BOUND),
        first is not None,
        default if isinstance(default, int) else None,
    )


def check_list_bounds(schema: GraphQLSchema) -> list[str]:
    """The list fields whose size nothing bounds, as `Type.field`: a list of objects needs a
    declared bound (`most_items`) or a `first` argument with a default, unless every field
    returning its type is a page (an object field whose `first` has a default)."""
    fields = list(_composite_fields(schema))
    pages: dict[GraphQLNamedType, bool] = {}
    for _, _, cost in fields:
        is_page = not cost.is_list and cost.first_default is not None
        pages[cost.object_type] = pages.get(cost.object_type, True) and is_page
    return [
        f"{parent.name}.{name}"
        for parent, name, cost in fields
        if cost.is_list
        and cost.bound is None
        and cost.first_default is None
        and not pages.get(parent, False)
    ]


def _composite_fields(
    schema: GraphQLSchema,
) -> Iterator[tuple[GraphQLNamedType, str, _FieldCost]]:
    for named in schema.type_map.values():
        if named.name.startswith("__") or not isinstance(named, GraphQLObjectType):
            continue
        for name in named.fields:
            cost = _field_cost(named, name)
            if cost is not None:
                yield named, name, cost


def query_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> int:
    """The cost of running `operation` with `variables` (see the module's docstring)."""
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    if root is None:
        return 0
    defaults = {
        definition.variable.name.value: definition.default_value
        for definition in operation.variable_definitions or ()
    }
    return _Counter(schema, fragments, variables, defaults).selection(
        operation.selection_set, root, None
    )


class _Counter:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        defaults: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.defaults = defaults
        # a fragment spread many times (or spreading others many times) is counted once per
        # page size: walking it again each time could take exponential time
        self.spreads: dict[tuple[str, int | None], int] = {}

    def selection(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, page_size: int | None
    ) -> int:
        """The cost of a selection on one object of `parent`; `page_size` bounds the lists of a
        page (the `first` of the field that returned it)."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page_size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                own = parent if condition is None else self.schema.get_type(condition.name.value)
                if own is not None:
                    total += self.selection(selection.selection_set, own, page_size)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, page_size)
        return total

    def spread(self, name: str, page_size: int | None) -> int:
        key = (name, page_size)
        if key not in self.spreads:
            fragment = self.fragments.get(name)
            own = (
                None
                if fragment is None
                else self.schema.get_type(fragment.type_condition.name.value)
            )
            self.spreads[key] = (
                0
                if fragment is None or own is None
                else self.selection(fragment.selection_set, own, page_size)
            )
        return self.spreads[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType, page_size: int | None) -> int:
        cost = _field_cost(parent, node.name.value)
        if cost is None or node.selection_set is None:
            return 0
        first = self.first(node, cost) if cost.has_first else None
        if not cost.is_list:  # a page when it takes `first`: its lists hold that many
            return 1 + self.selection(node.selection_set, cost.object_type, first)
        if cost.bound is not None or first is not None:
            items = min(size for size in (cost.bound, first) if size is not None)
        elif page_size is not None:
            items = page_size
        else:  # `check_list_bounds` refuses such a schema
            raise TypeError(f"{parent.name}.{node.name.value} has no bound (see most_items)")
        return items * (1 + self.selection(node.selection_set, cost.object_type, None))

    def first(self, node: FieldNode, cost: _FieldCost) -> int | None:
        """The `first` argument's value: given, from a variable (or the variable's default),
        else the field's default; never negative (a negative `first` is refused later)."""
        value: Any = cost.first_default
        for argument in node.arguments or ():
            if argument.name.value != _PAGE_SIZE:
                continue
            given = argument.value
            if isinstance(given, VariableNode):
                name = given.name.value
                if name in self.variables:
                    value = self.variables[name]
                elif self.defaults.get(name) is not None:
                    given = self.defaults[name]
            if isinstance(given, IntValueNode):
                value = int(given.value)
            elif isinstance(given, NullValueNode):
                value = None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return cost.first_default
        return max(value, 0)
