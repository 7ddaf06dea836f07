"""Validation results are cached per parsed document, and never shared across rule sets."""

from __future__ import annotations

import dataclasses

from graphql_api.config import Settings
from graphql_api.schema.root import build_schema

INTROSPECTION = "{ __schema { queryType { name } } }"
INVALID = "{ listings { nope } }"


async def test_the_same_document_is_judged_by_each_schema_s_own_rules(settings: Settings) -> None:
    # given a development schema and a production one (introspection refused) in one process
    development = build_schema(settings)
    production = build_schema(dataclasses.replace(settings, app_env="production"))
    # when both validate the same document, in turns
    first = await development.execute(INTROSPECTION)
    refused = await production.execute(INTROSPECTION)
    again = await development.execute(INTROSPECTION)
    # then each keeps its own verdict
    assert first.errors is None
    assert again.errors is None
    assert refused.errors
    assert "introspection" in refused.errors[0].message.lower()


async def test_an_invalid_document_is_refused_every_time(settings: Settings) -> None:
    schema = build_schema(settings)
    messages = [(await schema.execute(INVALID)).errors for _ in range(2)]
    assert messages[0] is not None
    assert messages[1] is not None
    assert [error.message for error in messages[0]] == [error.message for error in messages[1]]
    assert "nope" in messages[0][0].message
