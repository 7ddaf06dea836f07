"""Reference data: the category tree and the locations listings are posted in."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from graphql_api.context import Info
from graphql_api.execution import context_only
from graphql_api.ids import uuid_of
from graphql_api.schema.listings.inputs import ListingFilter, ListingSort

if TYPE_CHECKING:
    from graphql_api.schema.listings.types import ListingConnection

_ListingConnection = Annotated[
    "ListingConnection", strawberry.lazy("graphql_api.schema.listings.types")
]


@strawberry.type(description="A node of the category tree (for example For Sale > Electronics).")
class Category:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="URL-safe unique name, used in filters.")
    created_at: datetime = strawberry.field(description="When the category was created.")
    parent_id: strawberry.Private[UUID | None]

    @strawberry.field(description="The parent category; null for a top-level category.")
    def parent(self, info: Info) -> Category | None:
        if self.parent_id is None:
            return None
        return info.context.catalog.categories.get(self.parent_id)

    @strawberry.field(description="Direct subcategories, ordered by name.")
    @context_only
    def children(self, info: Info) -> list[Category]:
        return info.context.catalog.children.get(uuid_of(self.id), [])

    @strawberry.field(description="Every ancestor from the root down to the parent (breadcrumbs).")
    @context_only
    def ancestors(self, info: Info) -> list[Category]:
        return info.context.catalog.ancestors(uuid_of(self.id))

    @strawberry.field(
        description=(
            "Visible listings in this category and all its subcategories. "
            "`filter.categorySlug` is ignored here: the category is this one."
        )
    )
    async def listings(
        self,
        info: Info,
        filter: ListingFilter | None = None,
        sort: ListingSort = ListingSort.NEWEST,
        first: int = 20,
        after: str | None = None,
    ) -> _ListingConnection:
        from graphql_api.schema.listings.connection import visible_listings_connection

        return await visible_listings_connection(
            info, filter, sort, first, after, category_slug=self.slug
        )


@strawberry.type(description="A city or metro area listings are posted in.")
class Location:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    city: str = strawberry.field(description="City or metro name.")
    state: str = strawberry.field(description="State or region code, e.g. WA.")
    country: str = strawberry.field(description="Country, e.g. USA.")
    slug: str = strawberry.field(description="URL-safe unique name, used in filters.")
    created_at: datetime = strawberry.field(description="When the location was created.")

    @strawberry.field(
        description=(
            "Visible listings in this location. "
            "`filter.locationSlug` is ignored here: the location is this one."
        )
    )
    async def listings(
        self,
        info: Info,
        filter: ListingFilter | None = None,
        sort: ListingSort = ListingSort.NEWEST,
        first: int = 20,
        after: str | None = None,
    ) -> _ListingConnection:
        from graphql_api.schema.listings.connection import visible_listings_connection

        return await visible_listings_connection(
            info, filter, sort, first, after, location_slug=self.slug
        )
