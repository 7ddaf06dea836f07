"""Top-level catalogue queries: the category tree and the locations."""

from __future__ import annotations

import strawberry

from graphql_api.context import Info
from graphql_api.db import fetch_all
from graphql_api.ids import uuid_of
from graphql_api.schema.catalog.types import Category, Location
from graphql_api.selection import selected_names
from graphql_api.sql import query

TOP_LEVEL_CATEGORIES = query("top_level_categories")
LOCATIONS_IN_STATE = query("locations_in_state")


@strawberry.type
class CatalogQueries:
    @strawberry.field(description="Top-level categories by name; subcategories through `children`.")
    async def categories(self, info: Info) -> list[Category]:
        async with info.context.pool.connection() as conn:
            categories = await fetch_all(conn, TOP_LEVEL_CATEGORIES, Category, {})
        if "children" in selected_names(info, ()):
            # one batch for every root, ready before the tree's fields resolve
            loader = info.context.loaders.children_by_category_id
            await loader.load_many([uuid_of(category.id) for category in categories])
        return categories

    @strawberry.field(description="The category with this slug, or null.")
    async def category(self, info: Info, slug: str) -> Category | None:
        return await info.context.loaders.category_by_slug.load(slug)

    @strawberry.field(description="All locations, or those of one state, by state then city.")
    async def locations(self, info: Info, state: str | None = None) -> list[Location]:
        async with info.context.pool.connection() as conn:
            return await fetch_all(conn, LOCATIONS_IN_STATE, Location, {"state": state})

    @strawberry.field(description="The location with this slug, or null.")
    async def location(self, info: Info, slug: str) -> Location | None:
        return await info.context.loaders.location_by_slug.load(slug)
