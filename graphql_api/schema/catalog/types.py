"""Reference data: the category tree and the locations listings are posted in.

Built from rows once per catalogue snapshot (`catalog.cache`), not per request.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import strawberry

from graphql_api.engine.cost import most_items
from graphql_api.engine.execution import context_only
from graphql_api.schema.catalog.rows import CategoryRow, LocationRow
from graphql_api.schema.catalog.snapshot import catalog_of
from graphql_api.schema.context import Info
from graphql_api.schema.listings.pages import ListingScope
from graphql_api.schema.listings.types import ListingConnection, listings_in_scope

# What the query cost assumes of the catalogue (see engine/cost.py), which multiplies a list's
# bound into everything selected below it: the seeded tree has six sections of at most 15 leaf
# subcategories and 60 locations; the bounds leave room for an operator to add some.
TOP_CATEGORIES_BOUND = most_items(10)
SUBCATEGORIES_BOUND = most_items(20)
ANCESTORS_BOUND = most_items(3)
LOCATIONS_BOUND = most_items(100)

# Category's fields that read the catalogue (declared before `listings`, as in the schema)


def _parent_of(root: Category, info: Info) -> Category | None:
    if root.parent_id is None:
        return None
    return catalog_of(info.context).categories.get(root.parent_id)


@context_only
def _children_of(root: Category, info: Info) -> list[Category]:
    return catalog_of(info.context).children.get(root.id, [])


@context_only
def _ancestors_of(root: Category, info: Info) -> list[Category]:
    return catalog_of(info.context).ancestors(root.id)


@strawberry.type(description="A node of the category tree (for example For Sale > Electronics).")
class Category:
    id: UUID = strawberry.field(graphql_type=strawberry.ID, description="Stable identifier (UUID).")
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="URL-safe unique name, used in filters.")
    created_at: datetime = strawberry.field(description="When the category was created.")
    parent_id: strawberry.Private[UUID | None]

    @classmethod
    def from_row(cls, row: CategoryRow) -> Category:
        return cls(
            id=row.id,
            name=row.name,
            slug=row.slug,
            created_at=row.created_at,
            parent_id=row.parent_id,
        )

    parent: Category | None = strawberry.field(
        resolver=_parent_of, description="The parent category; null for a top-level category."
    )
    children: list[Category] = strawberry.field(
        resolver=_children_of,
        description="Direct subcategories, ordered by name.",
        metadata=SUBCATEGORIES_BOUND,
    )
    ancestors: list[Category] = strawberry.field(
        resolver=_ancestors_of,
        description="Every ancestor from the root down to the parent (breadcrumbs).",
        metadata=ANCESTORS_BOUND,
    )
    listings: ListingConnection = strawberry.field(
        resolver=listings_in_scope,
        description=(
            "Visible listings in this category and all its subcategories. "
            "`filter.categorySlug` is ignored here: the category is this one."
        ),
    )

    def listing_scope(self) -> ListingScope:
        return ListingScope(category_slug=self.slug)


@strawberry.type(description="A city or metro area listings are posted in.")
class Location:
    id: UUID = strawberry.field(graphql_type=strawberry.ID, description="Stable identifier (UUID).")
    city: str = strawberry.field(description="City or metro name.")
    state: str = strawberry.field(description="State or region code, e.g. WA.")
    country: str = strawberry.field(description="Country, e.g. USA.")
    slug: str = strawberry.field(description="URL-safe unique name, used in filters.")
    created_at: datetime = strawberry.field(description="When the location was created.")

    @classmethod
    def from_row(cls, row: LocationRow) -> Location:
        return cls(
            id=row.id,
            city=row.city,
            state=row.state,
            country=row.country,
            slug=row.slug,
            created_at=row.created_at,
        )

    listings: ListingConnection = strawberry.field(
        resolver=listings_in_scope,
        description=(
            "Visible listings in this location. "
            "`filter.locationSlug` is ignored here: the location is this one."
        ),
    )

    def listing_scope(self) -> ListingScope:
        return ListingScope(location_slug=self.slug)
