"""Favorites: both writes are idempotent, so a double click or a retry is never an error.

`INSERT ... ON CONFLICT DO NOTHING` against the `(user_id, listing_id)` unique key makes even
concurrent adds leave exactly one row.
"""

from __future__ import annotations

import strawberry

from graphql_api.data.queries import Query, query
from graphql_api.data.rows import execute
from graphql_api.schema.common.refusals import ERRORS_BOUND, payload_or_refusal
from graphql_api.schema.context import Info
from graphql_api.schema.listings.errors import ListingError
from graphql_api.schema.listings.inputs import ListingId
from graphql_api.schema.listings.types import Listing
from graphql_api.schema.listings.writes import id_arg, reload_listing, writer_of

ADD_FAVORITE = query("add_favorite")
REMOVE_FAVORITE = query("remove_favorite")


@strawberry.type(description="The listing after a favorite write, or the errors that refused it.")
class FavoritePayload:
    listing: Listing | None = strawberry.field(
        default=None,
        description="The listing, with `isFavorited` and `favoriteCount` after the write.",
    )
    errors: list[ListingError] = strawberry.field(
        default_factory=list,
        description="Why the write was refused.",
        metadata=ERRORS_BOUND,
    )


async def _write(info: Info, statement: Query, listing_id_value: str) -> FavoritePayload:
    """Run the favorite statement; a listing the viewer may not see is NOT_FOUND either way."""
    viewer_id = writer_of(info)
    listing_id = id_arg(listing_id_value, "listingId")
    async with info.context.pool.connection() as conn:
        await execute(conn, statement, {"viewer_id": viewer_id, "listing_id": listing_id})
    return FavoritePayload(listing=await reload_listing(info, listing_id, "listingId"))


@strawberry.type
class FavoriteMutations:
    @strawberry.mutation(description="Favorite a listing; favoriting it again changes nothing.")
    async def add_favorite(self, info: Info, listing_id: ListingId) -> FavoritePayload:
        return await payload_or_refusal(FavoritePayload, _write(info, ADD_FAVORITE, listing_id))

    @strawberry.mutation(description="Unfavorite a listing; unfavoriting it again changes nothing.")
    async def remove_favorite(self, info: Info, listing_id: ListingId) -> FavoritePayload:
        return await payload_or_refusal(FavoritePayload, _write(info, REMOVE_FAVORITE, listing_id))
