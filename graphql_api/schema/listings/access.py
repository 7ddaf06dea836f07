"""Who may write: a signed-in viewer, with a verified phone to post, within the rate limits.

Ownership is not checked here: every owner-only statement carries `user_id = viewer` in its
WHERE, so "not yours" and "does not exist" are the same empty result and the same `NOT_FOUND`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import psycopg

from graphql_api.context import Info
from graphql_api.db import fetch_value
from graphql_api.schema.listings.errors import ListingErrorCode, refuse
from graphql_api.security.rate_limits import Limit, hit
from graphql_api.sql import query

VIEWER_PHONE_VERIFIED = query("viewer_phone_verified")
RATE_WINDOW = timedelta(hours=1)


def require_viewer(info: Info) -> UUID:
    viewer_id = info.context.viewer_id
    if viewer_id is None:
        raise refuse(ListingErrorCode.UNAUTHENTICATED, "Sign in first.")
    return viewer_id


async def require_verified_phone(
    conn: psycopg.AsyncConnection[Any], info: Info, viewer_id: UUID
) -> None:
    """Posting needs a verified phone unless configuration turns the rule off."""
    if not info.context.settings.require_verified_phone:
        return
    if not await fetch_value(conn, VIEWER_PHONE_VERIFIED, {"viewer_id": viewer_id}):
        raise refuse(ListingErrorCode.PHONE_NOT_VERIFIED, "Verify a phone number before posting.")


async def limit_rate(
    conn: psycopg.AsyncConnection[Any], bucket: str, viewer_id: UUID, per_hour: int
) -> None:
    """Count one write of this kind for the viewer; refuse it past `per_hour` in the last hour."""
    decision = await hit(conn, [(Limit(bucket, per_hour, RATE_WINDOW), str(viewer_id))])
    if not decision.allowed:
        raise refuse(
            ListingErrorCode.RATE_LIMITED,
            f"Too many such writes lately; retry in {decision.retry_after_seconds} seconds.",
        )
