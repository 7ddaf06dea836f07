"""Flagging: one flag per user per listing; enough distinct flags that count hide the listing.

Anyone signed in may flag, but only a flag from an account with a verified phone and at least
`FLAG_MIN_ACCOUNT_AGE_HOURS` old counts towards hiding (decided as it is raised, kept with it):
a handful of fresh accounts cannot hide a listing at once.

The listing row is locked first, so concurrent flags are counted one after another and the
threshold check always sees every committed flag; the flag and the hiding commit together.
"""

from __future__ import annotations

import enum
from typing import Any
from uuid import UUID

import psycopg
import strawberry

from graphql_api.config import Settings
from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_value
from graphql_api.schema.common.refusals import ERRORS_BOUND, payload_or_refusal
from graphql_api.schema.context import Info
from graphql_api.schema.listings.errors import ListingError, ListingErrorCode, no_such_listing
from graphql_api.schema.listings.inputs import ListingId
from graphql_api.schema.listings.types import Listing
from graphql_api.schema.listings.writes import id_arg, limit_rate, reread_listing, writer_of

LOCK_LISTING_FOR_FLAGGING = query("lock_listing_for_flagging")
INSERT_LISTING_FLAG = query("insert_listing_flag")
HIDE_LISTING_AT_FLAG_THRESHOLD = query("hide_listing_at_flag_threshold")

FLAGS_BUCKET = "listing_flags"


@strawberry.enum(description="Why a listing should not be shown.")
class FlagReason(enum.Enum):
    PROHIBITED = strawberry.enum_value("PROHIBITED", description="The item may not be sold.")
    MISCATEGORIZED = strawberry.enum_value(
        "MISCATEGORIZED", description="Posted in the wrong category."
    )
    SPAM = strawberry.enum_value("SPAM", description="Repeated or unsolicited advertising.")
    SCAM = strawberry.enum_value("SCAM", description="Looks like fraud.")
    OTHER = strawberry.enum_value("OTHER", description="Any other problem.")


@strawberry.type(description="The flagged listing, or the errors that refused the flag.")
class FlagListingPayload:
    listing: Listing | None = strawberry.field(
        default=None, description="The listing; null once enough flags have hidden it."
    )
    errors: list[ListingError] = strawberry.field(
        default_factory=list,
        description="Why the flag was refused.",
        metadata=ERRORS_BOUND,
    )


async def _flag_in_transaction(
    conn: psycopg.AsyncConnection[Any],
    viewer_id: UUID,
    listing_id: UUID,
    reason: FlagReason,
    settings: Settings,
) -> None:
    params = {"listing_id": listing_id, "viewer_id": viewer_id}
    async with conn.transaction():
        owner_id = await fetch_value(conn, LOCK_LISTING_FOR_FLAGGING, params)
        if owner_id is None:
            raise no_such_listing()
        if owner_id == viewer_id:
            raise ListingError.refuse(
                ListingErrorCode.CANNOT_FLAG_OWN_LISTING, "You cannot flag your own listing.", "id"
            )
        flag = {
            **params,
            "reason": reason.value,
            "min_account_age_hours": settings.flag_min_account_age_hours,
        }
        await execute(conn, INSERT_LISTING_FLAG, flag)
        threshold = {**params, "threshold": settings.flag_threshold}
        await execute(conn, HIDE_LISTING_AT_FLAG_THRESHOLD, threshold)


async def _flag(info: Info, id: str, reason: FlagReason) -> FlagListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(id)
    settings = info.context.settings
    async with info.context.pool.connection() as conn:
        await limit_rate(conn, FLAGS_BUCKET, viewer_id, settings.flags_per_hour)
        await _flag_in_transaction(conn, viewer_id, listing_id, reason, settings)
    return FlagListingPayload(listing=await reread_listing(info, listing_id))


@strawberry.type
class FlagMutations:
    @strawberry.mutation(
        description=(
            "Report a listing (not your own); flagging it again changes nothing. Enough "
            "distinct flags hide it from everyone but its owner; only flags from accounts with "
            "a verified phone, old enough, count."
        )
    )
    async def flag_listing(
        self, info: Info, id: ListingId, reason: FlagReason
    ) -> FlagListingPayload:
        return await payload_or_refusal(FlagListingPayload, _flag(info, id, reason))
