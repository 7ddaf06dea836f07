"""`Viewer.favorites`: favorited listings the viewer may still see, newest favorite first."""

from __future__ import annotations

from uuid import UUID

from graphql_api.data.queries import query
from graphql_api.schema.context import Info
from graphql_api.schema.listings.keyset_pages import NewestFirst, newest_first_page
from graphql_api.schema.listings.types import ListingConnection

FAVORITES = NewestFirst(
    name="FAVORITED_NEWEST",
    page=query("viewer_favorites_newest"),
    count=query("count_viewer_favorites"),
)


async def favorites_connection(
    info: Info, viewer_id: UUID, first: int, after: str | None
) -> ListingConnection:
    page = await newest_first_page(info, FAVORITES, {"viewer_id": viewer_id}, first, after)
    return ListingConnection.from_page(page)
