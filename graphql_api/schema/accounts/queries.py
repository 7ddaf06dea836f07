"""`me`: the signed-in user, or null."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
import strawberry

from graphql_api.context import Info
from graphql_api.db import fetch_one
from graphql_api.schema.accounts.types import Viewer
from graphql_api.sql import query

VIEWER_BY_ID = query("viewer_by_id")


async def fetch_viewer(conn: psycopg.AsyncConnection[Any], user_id: UUID) -> Viewer | None:
    return await fetch_one(conn, VIEWER_BY_ID, Viewer, {"id": user_id})


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in user; null when the request is anonymous.")
    async def me(self, info: Info) -> Viewer | None:
        context = info.context
        if context.viewer_id is None:
            return None
        async with context.pool.connection() as conn:
            return await fetch_viewer(conn, context.viewer_id)
