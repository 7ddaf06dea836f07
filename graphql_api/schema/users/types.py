"""The public face of a user: what any visitor may see about a seller."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from graphql_api.context import Info
from graphql_api.ids import uuid_of

if TYPE_CHECKING:
    from graphql_api.schema.listings.types import ListingConnection

_ListingConnection = Annotated[
    "ListingConnection", strawberry.lazy("graphql_api.schema.listings.types")
]


@strawberry.type(description="A user's public profile: never their email, phone or password.")
class User:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    name: str | None = strawberry.field(description="Display name.")
    username: str | None = strawberry.field(description="Unique handle.")
    created_at: datetime = strawberry.field(description="When the user signed up.")

    @strawberry.field(description="The user's visible listings, newest first.")
    async def listings(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> _ListingConnection:
        from graphql_api.schema.listings.connection import visible_listings_connection
        from graphql_api.schema.listings.inputs import ListingSort

        return await visible_listings_connection(
            info, None, ListingSort.NEWEST, first, after, user_id=uuid_of(self.id)
        )
