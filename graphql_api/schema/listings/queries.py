"""Top-level listing queries."""

from __future__ import annotations

import strawberry

from graphql_api.schema.common.ids import parse_id
from graphql_api.schema.context import Info
from graphql_api.schema.listings.dataloaders import listing_by_id
from graphql_api.schema.listings.inputs import AfterCursor, ListingFilter, ListingId, ListingSort
from graphql_api.schema.listings.pages import visible_listings_page
from graphql_api.schema.listings.types import Listing, ListingConnection


@strawberry.type
class ListingQueries:
    @strawberry.field(
        description=(
            "One listing; null when it does not exist or is not visible "
            "(inactive, flagged or expired), except to its owner."
        )
    )
    async def listing(self, info: Info, id: ListingId) -> Listing | None:
        row = await info.context.loaders.get(listing_by_id).load(parse_id(id))
        return None if row is None else Listing.from_row(row)

    @strawberry.field(
        description=(
            "Visible listings (active, not flagged, not expired) matching `filter`, "
            "paged forward with `first` (0 to 100) and `after`."
        )
    )
    async def listings(
        self,
        info: Info,
        filter: ListingFilter | None = None,
        sort: ListingSort = ListingSort.NEWEST,
        first: int = 20,
        after: AfterCursor = None,
    ) -> ListingConnection:
        page = await visible_listings_page(info, filter, sort, first, after)
        return ListingConnection.from_page(page)
