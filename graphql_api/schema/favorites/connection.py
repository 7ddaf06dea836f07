"""`Viewer.favorites`: favorited listings the viewer may still see, newest favorite first."""

from __future__ import annotations

from uuid import UUID

from graphql_api.context import Info
from graphql_api.schema.listings.keyset import NewestFirst, newest_first_page
from graphql_api.schema.listings.types import ListingConnection
from graphql_api.sql import query

FAVORITES = NewestFirst(
    name="FAVORITED_NEWEST",
    page=query("viewer_favorites_newest"),
    count=query("count_viewer_favorites"),
)


async def favorites_connection(
    info: Info, viewer_id: UUID, first: int, after: str | None
) -> ListingConnection:
    return await newest_first_page(info, FAVORITES, {"viewer_id": viewer_id}, first, after)
