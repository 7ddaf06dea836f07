"""What a query selects below the current field, looking through fragments.

List resolvers use it to fetch related rows for a whole page up front (through the same
DataLoaders, so the statement count is unchanged), which lets the per-row fields resolve
synchronously instead of as one awaitable each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def selected_names(info: strawberry.Info[Any, Any], *paths: tuple[str, ...]) -> set[str]:
    """Names of the fields selected at any of `paths` below the current field.

    `selected_names(info, ("nodes",), ("edges", "node"))` gives the listing fields a
    connection's caller asked for, whichever of the two shapes it used.
    """
    names: set[str] = set()
    for path in paths:
        # `selected_fields` starts at the current field itself
        level = [
            child for own in _fields(info.selected_fields) for child in _fields(own.selections)
        ]
        for step in path:
            level = [
                child
                for field in level
                if field.name == step
                for child in _fields(field.selections)
            ]
        names.update(field.name for field in level)
    return names
