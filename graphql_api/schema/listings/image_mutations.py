"""Adding, removing and reordering a listing's images: owner-only, transactional, capped at 12.

Each write first locks the viewer's listing row (`... AND user_id = viewer FOR UPDATE`), so
concurrent image writes to one listing run one after another and the cap cannot be overrun;
positions stay 0..n-1 after every write.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import psycopg
import strawberry

from graphql_api.data.queries import query
from graphql_api.data.rows import execute, fetch_value
from graphql_api.engine.input_bounds import bounded_argument
from graphql_api.schema.common.ids import MAX_ID_LENGTH
from graphql_api.schema.common.refusals import payload_or_refusal
from graphql_api.schema.context import Info
from graphql_api.schema.listings.errors import ListingError, ListingErrorCode, no_such_listing
from graphql_api.schema.listings.inputs import ListingId
from graphql_api.schema.listings.validation import (
    MAX_IMAGE_URL_LENGTH,
    MAX_IMAGE_URL_SENT,
    MAX_IMAGES,
    Problems,
    clean_id,
    clean_image_url,
)
from graphql_api.schema.listings.write_types import ListingPayload
from graphql_api.schema.listings.writes import id_arg, limit_rate, reload_listing, writer_of

LOCK_OWNED_LISTING = query("lock_owned_listing")
LOCK_OWNED_LISTING_OF_IMAGE = query("lock_owned_listing_of_image")
IMAGE_IDS_OF_LISTING = query("image_ids_of_listing")
APPEND_LISTING_IMAGES = query("append_listing_images")
DELETE_LISTING_IMAGE = query("delete_listing_image")
SET_LISTING_IMAGE_ORDER = query("set_listing_image_order")

_ImageId = Annotated[strawberry.ID, bounded_argument("The image's id.", max_length=MAX_ID_LENGTH)]

IMAGE_WRITES_BUCKET = "listing_image_writes"


async def _image_ids(conn: psycopg.AsyncConnection[Any], listing_id: UUID) -> list[UUID]:
    async with conn.cursor() as cur:
        await cur.execute(IMAGE_IDS_OF_LISTING.sql, {"listing_id": listing_id})
        return [image_id for (image_id,) in await cur.fetchall()]


async def _count_write(info: Info, conn: psycopg.AsyncConnection[Any], viewer_id: UUID) -> None:
    per_hour = info.context.settings.image_writes_per_hour
    await limit_rate(conn, IMAGE_WRITES_BUCKET, viewer_id, per_hour)


async def _lock_owned(
    conn: psycopg.AsyncConnection[Any], viewer_id: UUID, listing_id: UUID, field: str
) -> None:
    params = {"id": listing_id, "viewer_id": viewer_id}
    if await fetch_value(conn, LOCK_OWNED_LISTING, params) is None:
        raise no_such_listing(field)


async def _add(info: Info, listing_id_value: str, image_url: str) -> ListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(listing_id_value, "listingId")
    problems = Problems()
    url = clean_image_url(problems, "imageUrl", image_url)
    problems.check()
    async with info.context.pool.connection() as conn:
        await _count_write(info, conn, viewer_id)
        async with conn.transaction():
            await _lock_owned(conn, viewer_id, listing_id, "listingId")
            count = len(await _image_ids(conn, listing_id))
            if count >= MAX_IMAGES:
                raise ListingError.refuse(
                    ListingErrorCode.TOO_MANY_IMAGES, f"At most {MAX_IMAGES} images.", "imageUrl"
                )
            params = {"listing_id": listing_id, "first_position": count, "image_urls": [url]}
            await execute(conn, APPEND_LISTING_IMAGES, params)
    return ListingPayload(listing=await reload_listing(info, listing_id, "listingId"))


async def _remove(info: Info, image_id_value: str) -> ListingPayload:
    viewer_id = writer_of(info)
    image_id = id_arg(image_id_value, "id")
    async with info.context.pool.connection() as conn:
        await _count_write(info, conn, viewer_id)
        async with conn.transaction():
            owner = {"image_id": image_id, "viewer_id": viewer_id}
            listing_id = await fetch_value(conn, LOCK_OWNED_LISTING_OF_IMAGE, owner)
            if listing_id is None:
                raise ListingError.refuse(ListingErrorCode.NOT_FOUND, "No such image.", "id")
            image = {"image_id": image_id, "listing_id": listing_id}
            await execute(conn, DELETE_LISTING_IMAGE, image)
            remaining = await _image_ids(conn, listing_id)
            order = {"listing_id": listing_id, "image_ids": remaining}
            await execute(conn, SET_LISTING_IMAGE_ORDER, order)
    return ListingPayload(listing=await reload_listing(info, listing_id, "listingId"))


def _requested_order(image_id_values: list[strawberry.ID]) -> list[UUID]:
    problems = Problems()
    ids = [clean_id(problems, f"imageIds.{i}", value) for i, value in enumerate(image_id_values)]
    problems.check()
    return [image_id for image_id in ids if image_id is not None]


async def _reorder(
    info: Info, listing_id_value: str, image_id_values: list[strawberry.ID]
) -> ListingPayload:
    viewer_id = writer_of(info)
    listing_id = id_arg(listing_id_value, "listingId")
    order = _requested_order(image_id_values)
    async with info.context.pool.connection() as conn:
        await _count_write(info, conn, viewer_id)
        async with conn.transaction():
            await _lock_owned(conn, viewer_id, listing_id, "listingId")
            current = await _image_ids(conn, listing_id)
            if len(order) != len(current) or set(order) != set(current):
                raise ListingError.refuse(
                    ListingErrorCode.IMAGES_MISMATCH,
                    "Name each of the listing's images exactly once.",
                    "imageIds",
                )
            params = {"listing_id": listing_id, "image_ids": order}
            await execute(conn, SET_LISTING_IMAGE_ORDER, params)
    return ListingPayload(listing=await reload_listing(info, listing_id, "listingId"))


@strawberry.type
class ListingImageMutations:
    @strawberry.mutation(description="Add an image after your listing's others (12 at most).")
    async def add_listing_image(
        self,
        info: Info,
        listing_id: ListingId,
        image_url: Annotated[
            str,
            bounded_argument(
                f"An http(s) URL of at most {MAX_IMAGE_URL_LENGTH} characters.",
                max_length=MAX_IMAGE_URL_SENT,
            ),
        ],
    ) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _add(info, listing_id, image_url))

    @strawberry.mutation(description="Remove an image from your listing; the rest close up.")
    async def remove_listing_image(self, info: Info, id: _ImageId) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _remove(info, id))

    @strawberry.mutation(
        description="Put your listing's images in this order; name each of them exactly once."
    )
    async def reorder_listing_images(
        self,
        info: Info,
        listing_id: ListingId,
        image_ids: Annotated[
            list[strawberry.ID],
            bounded_argument("Every image of the listing, each once.", max_length=MAX_ID_LENGTH),
        ],
    ) -> ListingPayload:
        return await payload_or_refusal(ListingPayload, _reorder(info, listing_id, image_ids))
