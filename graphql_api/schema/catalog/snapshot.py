"""One consistent view of the category tree and the locations, shared by a request's fields.

The view reads the process's current snapshot (see `catalog.cache`) once per request and primes
it here; fields then look categories and locations up without SQL and without awaiting.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from uuid import UUID

from graphql_api.schema.context import Context
from graphql_api.schema.loaders import Loaders

if TYPE_CHECKING:
    from graphql_api.schema.catalog.types import Category, Location


@dataclasses.dataclass(frozen=True, slots=True)
class Catalog:
    """One consistent view of both tables; lists keep the database's order (its collation)."""

    categories: dict[UUID, Category]
    categories_by_slug: dict[str, Category]
    children: dict[UUID | None, list[Category]]
    locations: dict[UUID, Location]
    locations_by_slug: dict[str, Location]
    locations_by_state: dict[str | None, list[Location]]
    reload: Callable[[], Awaitable[Catalog]]  # a fresher snapshot, from the cache that made this

    @classmethod
    def build(
        cls,
        categories: list[Category],
        locations: list[Location],
        reload: Callable[[], Awaitable[Catalog]],
    ) -> Catalog:
        children: defaultdict[UUID | None, list[Category]] = defaultdict(list)
        for category in categories:
            children[category.parent_id].append(category)
        by_state: defaultdict[str | None, list[Location]] = defaultdict(list)
        for location in locations:
            by_state[None].append(location)
            by_state[location.state].append(location)
        return cls(
            categories={category.id: category for category in categories},
            categories_by_slug={category.slug: category for category in categories},
            children=dict(children),
            locations={location.id: location for location in locations},
            locations_by_slug={location.slug: location for location in locations},
            locations_by_state=dict(by_state),
            reload=reload,
        )

    def ancestors(self, category_id: UUID) -> list[Category]:
        """Root first, for breadcrumbs."""
        chain: list[Category] = []
        current = self.categories.get(category_id)
        while current is not None and current.parent_id is not None:
            current = self.categories.get(current.parent_id)
            if current is None or len(chain) > len(self.categories):
                break
            chain.append(current)
        return chain[::-1]

    def subtree(self, slug: str) -> list[Category]:
        """The category with this slug and all its descendants; empty when the slug is unknown."""
        root = self.categories_by_slug.get(slug)
        if root is None:
            return []
        found = [root]
        for category in found:
            found.extend(self.children.get(category.id, []))
        return found


def _primed_by_the_view(loaders: Loaders) -> Catalog:
    raise LookupError("the view primes each request's catalogue snapshot (use_catalog)")


def use_catalog(loaders: Loaders, catalog: Catalog) -> None:
    """Make `catalog` the snapshot this request's fields read."""
    loaders.prime(_primed_by_the_view, catalog)


def catalog_of(context: Context) -> Catalog:
    return context.loaders.get(_primed_by_the_view)


async def reload_catalog(context: Context) -> Catalog:
    """For a category or location this request's snapshot lacks: it changed a moment ago."""
    fresh = await catalog_of(context).reload()
    use_catalog(context.loaders, fresh)
    return fresh
