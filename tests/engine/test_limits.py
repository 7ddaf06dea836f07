"""Abuse limits: query depth, aliases and tokens, each tested at the limit and one above, each
refusal with its own code."""

from __future__ import annotations

import httpx

from graphql_api.config import Settings
from tests.client import error_codes, gql


def _nested_parents(levels: int) -> str:
    """Nested `parent` objects: nested `children` lists would multiply the query cost (see
    test_query_cost.py) far past its limit before the depth limit."""
    selection = "slug"
    for _ in range(levels):
        selection = f"parent {{ {selection} }}"
    return f"{{ categories {{ {selection} }} }}"


def _aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: categories {{ slug }}" for i in range(count)) + " }"


def _tokens(count: int) -> str:
    """A valid document of exactly `count` tokens.

    `{ categories { ... } }` is 5 tokens; `slug @include(if: true)` is 8, a bare `slug` is 1.
    (Thousands of bare repeated fields would trip graphql-core's own validation guard first.)
    """
    directives, bare = divmod(count - 5, 8)
    fields = "slug @include(if: true) " * directives + "slug " * bare
    return f"{{ categories {{ {fields}}} }}"


def _has_limit_error(body: dict[str, object]) -> bool:
    errors = body.get("errors")
    return isinstance(errors, list) and bool(errors)


def test_depth_at_the_limit_passes_and_one_above_fails(
    http: httpx.Client, settings: Settings
) -> None:
    # `categories { parent^n { slug } }` is n + 1 levels deep below the root
    at_limit = gql(http, _nested_parents(settings.max_query_depth - 1))
    assert not _has_limit_error(at_limit)
    above = gql(http, _nested_parents(settings.max_query_depth))
    assert "exceeds maximum operation depth" in above["errors"][0]["message"]
    assert error_codes(above) == ["QUERY_TOO_DEEP"]


def test_aliases_at_the_limit_pass_and_one_above_fails(
    http: httpx.Client, settings: Settings
) -> None:
    assert not _has_limit_error(gql(http, _aliases(settings.max_aliases)))
    above = gql(http, _aliases(settings.max_aliases + 1))
    assert "aliases found" in above["errors"][0]["message"]
    assert error_codes(above) == ["TOO_MANY_ALIASES"]


def test_tokens_at_the_limit_pass_and_one_above_fails(
    http: httpx.Client, settings: Settings
) -> None:
    assert not _has_limit_error(gql(http, _tokens(settings.max_tokens)))
    above = gql(http, _tokens(settings.max_tokens + 1))
    assert "token" in above["errors"][0]["message"].lower()
    assert error_codes(above) == ["TOO_MANY_TOKENS"]
