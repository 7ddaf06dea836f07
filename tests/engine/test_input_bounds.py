"""Text inputs have a longest value, declared next to the field and stated in its description;
longer text is BAD_USER_INPUT before any resolver runs, however it is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

import httpx
import pytest
import strawberry
from graphql import (
    GraphQLArgument,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from graphql_api.config import Settings
from graphql_api.engine.input_bounds import bounded_argument, max_length_of
from graphql_api.engine.schema import build_engine_schema
from graphql_api.schema.root import build_schema
from tests.client import error_codes, gql

SEARCH_LIMIT = 200  # ListingFilter.search
SLUG_LIMIT = 200  # Query.category(slug)

SEARCH_LITERAL = "{ listings(filter: {search: %s}) { nodes { id } } }"
SEARCH_VARIABLE = "query($search: String) { listings(filter: {search: $search}) { nodes { id } } }"
FILTER_VARIABLE = "query($filter: ListingFilter) { listings(filter: $filter) { nodes { id } } }"
SEARCH_DEFAULT = (
    "query($search: String = %s) { listings(filter: {search: $search}) { nodes { id } } }"
)
CATEGORY_BY_SLUG = "query($slug: String!) { category(slug: $slug) { id } }"


def _words(characters: int) -> str:
    """Search text of exactly `characters` characters and few words."""
    return ("abcdefghi " * characters)[:characters]


Request = Callable[[str], tuple[str, dict[str, Any]]]
WAYS_TO_SEND: dict[str, Request] = {
    "literal": lambda text: (SEARCH_LITERAL % f'"{text}"', {}),
    "variable": lambda text: (SEARCH_VARIABLE, {"search": text}),
    "inside an input object variable": lambda text: (FILTER_VARIABLE, {"filter": {"search": text}}),
    "variable default": lambda text: (SEARCH_DEFAULT % f'"{text}"', {}),
}


@pytest.mark.parametrize("request_of", WAYS_TO_SEND.values(), ids=WAYS_TO_SEND.keys())
def test_text_at_its_bound_passes_and_one_character_more_is_bad_user_input(
    http: httpx.Client, request_of: Request
) -> None:
    # given search text at the bound and one character over it
    at_limit, over = _words(SEARCH_LIMIT), _words(SEARCH_LIMIT + 1)
    # when each is sent
    accepted = gql(http, *request_of(at_limit))
    refused = gql(http, *request_of(over))
    # then the first is answered and the second refused, naming the input and its bound
    assert "errors" not in accepted, accepted
    assert error_codes(refused) == ["BAD_USER_INPUT"]
    assert "data" not in refused  # a request error: execution never began
    assert refused["errors"][0]["message"] == "`filter.search` is longer than 200 characters."


def test_an_over_long_argument_never_reaches_its_resolver(http: httpx.Client) -> None:
    # an unknown slug is answered with null; an over-long one is refused before the lookup
    assert gql(http, CATEGORY_BY_SLUG, {"slug": "x" * SLUG_LIMIT})["data"] == {"category": None}
    body = gql(http, CATEGORY_BY_SLUG, {"slug": "x" * (SLUG_LIMIT + 1)})
    assert error_codes(body) == ["BAD_USER_INPUT"]


def _text_inputs(
    schema: GraphQLSchema,
) -> Iterator[tuple[str, GraphQLArgument | GraphQLInputField]]:
    for type_ in schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        if isinstance(type_, GraphQLObjectType):
            for name, field in type_.fields.items():
                for argument_name, argument in field.args.items():
                    yield f"{type_.name}.{name}({argument_name})", argument
        elif isinstance(type_, GraphQLInputObjectType):
            for name, input_field in type_.fields.items():
                yield f"{type_.name}.{name}", input_field


def test_every_text_input_states_its_bound_in_its_description(settings: Settings) -> None:
    # given every String and ID argument and input field of the schema
    schema = build_schema(settings)._schema
    text_inputs = [
        (name, definition)
        for name, definition in _text_inputs(schema)
        if get_named_type(definition.type).name in ("String", "ID")
    ]
    assert len(text_inputs) > 30
    # then each declares a bound, and its description says it
    for name, definition in text_inputs:
        max_length = max_length_of(definition)
        assert max_length is not None, name
        assert (definition.description or "").endswith(
            f"Refused (BAD_USER_INPUT) beyond {max_length:,} characters."
        ), name


def test_a_schema_with_an_unbounded_text_input_is_not_built(settings: Settings) -> None:
    # given a schema whose `echo(text:)` declares no bound
    @strawberry.type
    class Query:
        @strawberry.field
        def echo(self, text: str) -> str:
            return text

        @strawberry.field
        def bounded_echo(
            self, text: Annotated[str, bounded_argument("Any text.", max_length=10)]
        ) -> str:
            return text

    @strawberry.type
    class Mutation:
        @strawberry.mutation
        def noop(self) -> bool:
            return True

    # when it is built, then it is refused, naming the argument
    with pytest.raises(TypeError, match=r"Query\.echo\(text\)$"):
        build_engine_schema(Query, Mutation, settings)
