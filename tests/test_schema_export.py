"""`schema.graphql` is a contract: it must match the code, and every type and field is described."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLObjectType,
    build_schema,
)

from graphql_api.config import Settings
from graphql_api.schema_export import SCHEMA_FILE, render_schema

ROOT_TYPES = {"Query", "Mutation"}


def test_committed_schema_matches_the_code() -> None:
    # given the schema generated from the code
    generated = render_schema(Settings())
    # then the committed file is identical (run `graphql-api export-schema` after a change)
    assert SCHEMA_FILE.read_text() == generated


def test_every_type_and_field_has_a_description() -> None:
    schema = build_schema(SCHEMA_FILE.read_text())
    undescribed: list[str] = []
    for name, type_ in schema.type_map.items():
        if name.startswith("__"):
            continue
        described_kind = isinstance(
            type_, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType
        )
        if described_kind and name not in ROOT_TYPES and not type_.description:
            undescribed.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInputObjectType):
            undescribed += [
                f"{name}.{f}" for f, field in type_.fields.items() if not field.description
            ]
        if isinstance(type_, GraphQLEnumType):
            undescribed += [
                f"{name}.{v}" for v, value in type_.values.items() if not value.description
            ]
    assert undescribed == []
