"""How long a text input may be: declared next to each field, checked before any resolver runs.

Every `String` and `ID` argument and input field declares its longest value with `bounded(...)`
(input fields) or `bounded_argument(...)` (arguments). The bound lives in the Strawberry
definition's metadata and is appended to the field's description, so clients generating code see
it; `unbounded_inputs` lists the text inputs that forgot, and the engine refuses to build a
schema with any.

`DocumentBounds.of` walks a validated document once (the validation cache keeps the result): it
reports literals over their bound and notes where each variable is used. Each request's variable
values are then checked against those places (`DocumentBounds.check`), before execution. Too long
is a `BAD_USER_INPUT` error naming the input path (`input.title`, `filter.search`), whether the
value came as a literal, a variable or a variable's default. A variable is checked against every
place the document uses it, in any of its operations.

A bound is a ceiling on the text as sent, against abuse (a 90 KB search once exhausted the
database's stack); a domain's own rules (3 to 255 characters after trimming, say) are checked by
its resolvers and may be stricter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import strawberry
from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLArgument,
    GraphQLError,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    IntValueNode,
    ListValueNode,
    Node,
    ObjectValueNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    get_named_type,
    get_nullable_type,
    visit,
)
from graphql.language.visitor import SKIP, VisitorAction
from strawberry.types.arguments import StrawberryArgumentAnnotation

from graphql_api.engine.errors import BadUserInput

_MAX_LENGTH = "graphql_api.max_length"  # the key in a Strawberry definition's metadata
_TEXT_TYPES = frozenset({"String", "ID"})


def _described(description: str, max_length: int) -> str:
    return f"{description} Refused (BAD_USER_INPUT) beyond {max_length:,} characters."


def bounded(description: str, *, max_length: int, **field: Any) -> Any:
    """`strawberry.field(...)` for a text input field of at most `max_length` characters (each
    item's length, for a list); `field` takes `strawberry.field`'s other arguments."""
    return strawberry.field(
        description=_described(description, max_length),
        metadata={_MAX_LENGTH: max_length},
        **field,
    )


def bounded_argument(description: str, *, max_length: int) -> StrawberryArgumentAnnotation:
    """`strawberry.argument(...)` for a text argument of at most `max_length` characters, used
    as `Annotated[str, bounded_argument(...)]`."""
    return strawberry.argument(
        description=_described(description, max_length), metadata={_MAX_LENGTH: max_length}
    )


def max_length_of(definition: GraphQLArgument | GraphQLInputField) -> int | None:
    declared = definition.extensions.get("strawberry-definition")
    metadata: Mapping[Any, Any] = getattr(declared, "metadata", None) or {}
    max_length: int | None = metadata.get(_MAX_LENGTH)
    return max_length


def unbounded_inputs(schema: GraphQLSchema) -> list[str]:
    """`Type.field(argument)` and `Input.field` of every text input without a bound.

    GraphQL's own inputs are not the schema's to bound: the directives a document may use take
    only booleans, and `__type(name:)` (outside production) only looks a name up.
    """

    def holds_text(type_: GraphQLInputType) -> bool:
        named: GraphQLNamedType = get_named_type(type_)
        return named.name in _TEXT_TYPES

    found: list[str] = []
    for type_ in schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            found.extend(
                f"{type_.name}.{name}({argument_name})"
                for name, field in type_.fields.items()
                for argument_name, argument in field.args.items()
                if holds_text(argument.type) and max_length_of(argument) is None
            )
        elif isinstance(type_, GraphQLInputObjectType):
            found.extend(
                f"{type_.name}.{name}"
                for name, field in type_.fields.items()
                if holds_text(field.type) and max_length_of(field) is None
            )
    return found


def _too_long(path: str, max_length: int, node: Node) -> GraphQLError:
    return BadUserInput(f"`{path}` is longer than {max_length:,} characters.", node)


@dataclasses.dataclass(frozen=True, slots=True)
class _Use:
    """A variable used where text is bounded, or where an input object may hold such text."""

    variable: str
    type: GraphQLInputType
    max_length: int | None
    path: str
    node: VariableNode


def _overlong_values(
    value: Any, type_: GraphQLInputType, max_length: int | None, path: str
) -> Iterator[tuple[str, int]]:
    """(path, bound) of every text in a variable's value that is over its bound.

    Values of the wrong shape are skipped: coercion refuses them later with its own message.
    """
    nullable = get_nullable_type(type_)
    if isinstance(nullable, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            yield from _overlong_values(item, nullable.of_type, max_length, f"{path}.{index}")
    elif isinstance(nullable, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, item in value.items():
                field = nullable.fields.get(name)
                if field is not None:
                    yield from _overlong_values(
                        item, field.type, max_length_of(field), f"{path}.{name}"
                    )
    elif max_length is not None and isinstance(value, str) and len(value) > max_length:
        yield path, max_length


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentBounds:
    """What a document's bounds require: errors for its literals, and where its variables go."""

    errors: list[GraphQLError]
    uses: tuple[_Use, ...]

    @classmethod
    def of(cls, schema: GraphQLSchema, document: DocumentNode) -> DocumentBounds:
        """Walks a document that passed validation (unknown fields or types are not expected)."""
        collector = _Collector(TypeInfo(schema))
        visit(document, TypeInfoVisitor(collector.type_info, collector))
        for use in collector.uses:  # a variable's default is a literal like any other
            for default in collector.defaults.get(use.variable, ()):
                collector.literal(default, use.type, use.max_length, use.path)
        return cls(collector.errors, tuple(collector.uses))

    def check(self, variables: Mapping[str, Any] | None) -> list[GraphQLError]:
        """One error for each text in the variables' values that is over its bound."""
        if not self.uses or not variables:
            return []
        return [
            _too_long(path, max_length, use.node)
            for use in self.uses
            if use.variable in variables
            for path, max_length in _overlong_values(
                variables[use.variable], use.type, use.max_length, use.path
            )
        ]


class _Collector(Visitor):
    """One walk of a document: the literals over their bound, the variables' places, and the
    variables' defaults (checked against those places once the walk is done)."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.errors: list[GraphQLError] = []
        self.uses: list[_Use] = []
        self.defaults: dict[str, list[ValueNode]] = {}

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> VisitorAction:
        if node.default_value is not None:
            self.defaults.setdefault(node.variable.name.value, []).append(node.default_value)
        return SKIP

    def enter_argument(self, node: ArgumentNode, *_: Any) -> VisitorAction:
        argument = self.type_info.get_argument()
        if argument is not None:
            self.literal(node.value, argument.type, max_length_of(argument), node.name.value)
        return SKIP  # `literal` has walked the value

    def literal(
        self, node: ValueNode, type_: GraphQLInputType, max_length: int | None, path: str
    ) -> None:
        if isinstance(node, VariableNode):
            if max_length is not None or isinstance(get_named_type(type_), GraphQLInputObjectType):
                self.uses.append(_Use(node.name.value, type_, max_length, path, node))
            return
        nullable = get_nullable_type(type_)
        if isinstance(nullable, GraphQLList):
            items = node.values if isinstance(node, ListValueNode) else (node,)
            for index, item in enumerate(items):
                self.literal(item, nullable.of_type, max_length, f"{path}.{index}")
        elif isinstance(nullable, GraphQLInputObjectType):
            if isinstance(node, ObjectValueNode):
                for field_node in node.fields:
                    name = field_node.name.value
                    field = nullable.fields[name]
                    self.literal(
                        field_node.value, field.type, max_length_of(field), f"{path}.{name}"
                    )
        elif (
            max_length is not None
            and isinstance(node, StringValueNode | IntValueNode)
            and len(node.value) > max_length
        ):
            self.errors.append(_too_long(path, max_length, node))
