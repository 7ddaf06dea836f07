"""Favorites: both writes are idempotent, so a double click or a retry is never an error.

`INSERT ... ON CONFLICT DO NOTHING` against the `(user_id, listing_id)` unique key makes even
concurrent adds leave exactly one row.
"""

from __future__ import annotations

import strawberry

from graphql_api.context import Info
from graphql_api.db import execute
from graphql_api.schema.listings.access import require_viewer
from graphql_api.schema.listings.errors import ListingError, outcome
from graphql_api.schema.listings.mutations import id_arg, reload_listing
from graphql_api.schema.listings.types import Listing
from graphql_api.sql import Query, query

ADD_FAVORITE = query("add_favorite")
REMOVE_FAVORITE = query("remove_favorite")


@strawberry.type(description="The listing after a favorite write, or the errors that refused it.")
class FavoritePayload:
    listing: Listing | None = strawberry.field(
        description="The listing, with `isFavorited` and `favoriteCount` after the write."
    )
    errors: list[ListingError] = strawberry.field(description="Why the write was refused.")


async def _write(info: Info, statement: Query, listing_id_value: str) -> Listing:
    """Run the favorite statement; a listing the viewer may not see is NOT_FOUND either way."""
    viewer_id = require_viewer(info)
    listing_id = id_arg(listing_id_value, "listingId")
    async with info.context.pool.connection() as conn:
        await execute(conn, statement, {"viewer_id": viewer_id, "listing_id": listing_id})
    return await reload_listing(info, listing_id, "listingId")


@strawberry.type
class FavoriteMutations:
    @strawberry.mutation(description="Favorite a listing; favoriting it again changes nothing.")
    async def add_favorite(self, info: Info, listing_id: strawberry.ID) -> FavoritePayload:
        listing, errors = await outcome(_write(info, ADD_FAVORITE, listing_id))
        return FavoritePayload(listing=listing, errors=errors)

    @strawberry.mutation(description="Unfavorite a listing; unfavoriting it again changes nothing.")
    async def remove_favorite(self, info: Info, listing_id: strawberry.ID) -> FavoritePayload:
        listing, errors = await outcome(_write(info, REMOVE_FAVORITE, listing_id))
        return FavoritePayload(listing=listing, errors=errors)
