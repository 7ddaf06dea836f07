"""Top-level catalogue queries: the category tree and the locations (from the request's
catalogue snapshot, see `catalog.snapshot`)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphql_api.engine.execution import context_only
from graphql_api.engine.input_bounds import bounded_argument
from graphql_api.schema.catalog.snapshot import catalog_of
from graphql_api.schema.catalog.types import (
    LOCATIONS_BOUND,
    TOP_CATEGORIES_BOUND,
    Category,
    Location,
)
from graphql_api.schema.common.ids import MAX_SLUG_LENGTH
from graphql_api.schema.context import Info

MAX_STATE_LENGTH = 100  # the column is VARCHAR(50)

_Slug = Annotated[str, bounded_argument("The slug to look up.", max_length=MAX_SLUG_LENGTH)]


@strawberry.type
class CatalogQueries:
    @strawberry.field(
        description="Top-level categories by name; subcategories through `children`.",
        metadata=TOP_CATEGORIES_BOUND,
    )
    @context_only
    def categories(self, info: Info) -> list[Category]:
        return catalog_of(info.context).children.get(None, [])

    @strawberry.field(description="The category with this slug, or null.")
    def category(self, info: Info, slug: _Slug) -> Category | None:
        return catalog_of(info.context).categories_by_slug.get(slug)

    @strawberry.field(
        description="All locations, or those of one state, by state then city.",
        metadata=LOCATIONS_BOUND,
    )
    @context_only
    def locations(
        self,
        info: Info,
        state: Annotated[
            str | None,
            bounded_argument("A state or region code, e.g. WA.", max_length=MAX_STATE_LENGTH),
        ] = None,
    ) -> list[Location]:
        return catalog_of(info.context).locations_by_state.get(state, [])

    @strawberry.field(description="The location with this slug, or null.")
    def location(self, info: Info, slug: _Slug) -> Location | None:
        return catalog_of(info.context).locations_by_slug.get(slug)
