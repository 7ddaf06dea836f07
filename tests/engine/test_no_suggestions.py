"""Production suggests nothing: no "Did you mean" for fields, enum values, arguments, input
fields, type names or selections, whether validation or the variables' values find the typo."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from graphql_api.config import Settings
from graphql_api.schema.root import build_schema

TYPOS = [
    pytest.param("{ categorie { slug } }", None, id="field"),
    pytest.param("{ listings(sort: NEWST) { nodes { id } } }", None, id="enum value"),
    pytest.param("{ listings(frist: 1) { nodes { id } } }", None, id="argument"),
    pytest.param(
        '{ listings(filter: {categorySlg: "bikes"}) { nodes { id } } }', None, id="input field"
    ),
    pytest.param(
        "query($f: ListingFiltr) { listings(filter: $f) { nodes { id } } }", None, id="type name"
    ),
    pytest.param("{ listings }", None, id="selection"),
    pytest.param(
        "query($f: ListingFilter) { listings(filter: $f) { nodes { id } } }",
        {"f": {"categorySlg": "bikes"}},
        id="input field in variables",
    ),
    pytest.param(
        "query($s: ListingSort!) { listings(sort: $s) { nodes { id } } }",
        {"s": "NEWST"},
        id="enum value in variables",
    ),
]


async def _messages(settings: Settings, document: str, variables: Any) -> list[str]:
    result = await build_schema(settings).execute(document, variable_values=variables)
    assert result.errors
    return [error.message for error in result.errors]


@pytest.mark.parametrize(("document", "variables"), TYPOS)
async def test_production_suggests_nothing(
    settings: Settings, document: str, variables: Any
) -> None:
    # given a typo that development answers with a suggestion
    assert any("Did you mean" in m for m in await _messages(settings, document, variables))
    # when production answers it
    production = dataclasses.replace(settings, app_env="production")
    messages = await _messages(production, document, variables)
    # then the error says what is wrong, and suggests nothing
    assert messages
    assert not any("Did you mean" in message for message in messages), messages
