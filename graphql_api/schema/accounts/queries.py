"""`me`: the signed-in user, or null."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
import strawberry

from graphql_api.data.queries import query
from graphql_api.data.rows import fetch_one
from graphql_api.schema.accounts.rows import ViewerRow
from graphql_api.schema.accounts.types import Viewer
from graphql_api.schema.context import Info

VIEWER_BY_ID = query("viewer_by_id")


async def fetch_viewer(conn: psycopg.AsyncConnection[Any], user_id: UUID) -> Viewer | None:
    row = await fetch_one(conn, VIEWER_BY_ID, ViewerRow, {"id": user_id})
    return None if row is None else Viewer.from_row(row)


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in user; null when the request is anonymous.")
    async def me(self, info: Info) -> Viewer | None:
        context = info.context
        if context.viewer_id is None:
            return None
        async with context.pool.connection() as conn:
            return await fetch_viewer(conn, context.viewer_id)
