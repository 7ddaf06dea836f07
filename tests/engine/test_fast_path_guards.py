"""Fields the fast executor must leave to graphql-core, because Strawberry does more than read
an attribute or call the resolver for them: permission classes, field extensions, and a
schema-wide default resolver other than `getattr`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
import strawberry
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission
from strawberry.schema.config import StrawberryConfig

from graphql_api.config import Settings
from graphql_api.engine.execution import context_only
from tests.engine.executors import execute_both


@dataclasses.dataclass
class _Context:
    profile: Any  # a `Profile`, or a dict read by `_DICT_READING`
    extended: list[str] = dataclasses.field(default_factory=list)  # fields `Recorded` ran for


Info = strawberry.Info[_Context, None]


class Deny(BasePermission):
    message = "denied"
    error_extensions = {"code": "FORBIDDEN"}  # an uncoded error would be masked

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return False


class Recorded(FieldExtension):
    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        info.context.extended.append(info.field_name)
        return next_(source, info, **kwargs)


@strawberry.type
class Badge:
    name: str


@context_only
def _badge_of(root: Profile) -> Badge:
    return root.badge


@strawberry.type
class Profile:
    name: str
    badge: Badge
    secret: str | None = strawberry.field(permission_classes=[Deny])
    denied_badge: Badge = strawberry.field(permission_classes=[Deny])
    denied_resolved_badge: Badge = strawberry.field(resolver=_badge_of, permission_classes=[Deny])
    recorded_name: str = strawberry.field(extensions=[Recorded()])
    recorded_badge: Badge = strawberry.field(extensions=[Recorded()])
    recorded_resolved_badge: Badge = strawberry.field(resolver=_badge_of, extensions=[Recorded()])


@strawberry.type
class Query:
    @strawberry.field
    def profile(self, info: Info) -> Profile | None:
        profile: Profile = info.context.profile
        return profile


def _profile() -> _Context:
    badge = Badge(name="gold")
    return _Context(
        Profile(
            name="ann",
            badge=badge,
            secret="s",
            denied_badge=badge,
            recorded_name="ann",
            recorded_badge=badge,
        )
    )


@pytest.mark.parametrize(
    ("selection", "field"),
    [
        ("secret", "secret"),
        ("deniedBadge { name }", "deniedBadge"),
        ("deniedResolvedBadge { name }", "deniedResolvedBadge"),
    ],
)
async def test_a_field_with_permission_classes_is_checked(
    settings: Settings, selection: str, field: str
) -> None:
    # when a field whose permission class denies everyone is read
    document = f"{{ profile {{ name {selection} }} }}"
    result, _ = await execute_both(Query, settings, document, _profile)
    # then it is denied, at its path
    assert result.errors is not None
    assert [(error.message, error.path) for error in result.errors] == [
        ("denied", ["profile", field])
    ]


@pytest.mark.parametrize(
    "selection",
    ["recordedName", "recordedBadge { name }", "recordedResolvedBadge { name }"],
)
async def test_a_field_extension_runs(settings: Settings, selection: str) -> None:
    # when a field with a field extension is read, for two aliases
    document = f"{{ profile {{ name one: {selection} two: {selection} }} }}"
    result, context = await execute_both(Query, settings, document, _profile)
    # then the extension ran for each
    assert result.errors is None
    field = selection.split()[0]
    assert context.extended == [field, field]


def _item_or_attribute(source: Any, name: str) -> object:
    return source[name] if isinstance(source, dict) else getattr(source, name)


_DICT_READING = StrawberryConfig(default_resolver=_item_or_attribute)


async def test_a_schema_wide_default_resolver_reads_the_fields(settings: Settings) -> None:
    # given a schema whose default resolver reads dicts, and a profile that is a dict
    def profile() -> _Context:
        return _Context({"name": "ann", "badge": {"name": "gold"}})

    # when its attribute-backed leaves and objects are read
    document = "{ profile { name badge { name } } }"
    result, _ = await execute_both(
        Query, settings, document, profile, _DICT_READING, takes_fast_path=False
    )
    # then they come from the default resolver
    assert result.errors is None
    assert result.data == {"profile": {"name": "ann", "badge": {"name": "gold"}}}
