"""Listings as clients see them, with their images and the connection that pages them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, cast
from uuid import UUID

import strawberry

from graphql_api.context import Info
from graphql_api.errors import BadUserInput
from graphql_api.execution import context_only
from graphql_api.ids import uuid_of
from graphql_api.loaders import load_list_now, load_now
from graphql_api.schema.catalog.types import Category, Location
from graphql_api.schema.listings.pagination import Position, encode_cursor
from graphql_api.schema.users.types import User

CountQuery = Callable[[], Awaitable[int]]


async def _first_of(
    pending: Awaitable[list[ListingImage]], first: int | None
) -> list[ListingImage]:
    images = await pending
    return images if first is None else images[:first]


@strawberry.type(description="A photo of a listing.")
class ListingImage:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    image_url: str = strawberry.field(description="Absolute http(s) URL of the image.")
    display_order: int = strawberry.field(
        description="Position among the listing's images, 0 first."
    )
    created_at: datetime = strawberry.field(description="When the image was added.")
    listing_id: strawberry.Private[UUID]


@strawberry.type(description="A classified ad posted by a user.")
class Listing:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    title: str = strawberry.field(description="Headline, 3 to 255 characters.")
    description: str = strawberry.field(description="Body text.")
    price: Decimal | None = strawberry.field(
        description="Asking price, exact, as a decimal string; null when not given."
    )
    is_price_negotiable: bool = strawberry.field(description="Whether the seller takes offers.")
    is_active: bool = strawberry.field(description="False once sold or taken down.")
    view_count: int = strawberry.field(description="How often the listing was viewed.")
    created_at: datetime = strawberry.field(description="When the listing was posted.")
    updated_at: datetime = strawberry.field(description="When the listing last changed.")
    expires_at: datetime | None = strawberry.field(
        description="When the listing stops being shown unless renewed."
    )
    user_id: strawberry.Private[UUID]
    category_id: strawberry.Private[UUID]
    location_id: strawberry.Private[UUID]
    is_flagged: strawberry.Private[bool]
    contact_email_value: strawberry.Private[str | None]
    contact_phone_value: strawberry.Private[str | None]
    rank: strawberry.Private[float | None] = None
    scope_key: strawberry.Private[Any] = None  # which parent a nested page's row belongs to
    # the images as JSON, from statements that bring them along (see `attach_images`)
    images_json: strawberry.Private[list[list[Any]] | None] = None
    attached_images: strawberry.Private[list[ListingImage] | None] = None
    # filled only by `listings_by_ids_for_viewer`; primes the seller loader (see
    # `loaders.listings_with_related`)
    seller_json: strawberry.Private[dict[str, Any] | None] = None

    @strawberry.field(description="Contact email; null for anonymous viewers (anti-scraping).")
    def contact_email(self, info: Info) -> str | None:
        return self.contact_email_value if info.context.viewer_id is not None else None

    @strawberry.field(description="Contact phone (E.164); null for anonymous viewers.")
    def contact_phone(self, info: Info) -> str | None:
        return self.contact_phone_value if info.context.viewer_id is not None else None

    @strawberry.field(description="The (leaf) category the listing is posted in.")
    @context_only
    def category(self, info: Info) -> Category:
        category = info.context.catalog.categories.get(self.category_id)
        if category is not None:
            return category
        return cast("Category", self._after_catalog_reload(info, "categories", self.category_id))

    @strawberry.field(description="Where the listing is.")
    @context_only
    def location(self, info: Info) -> Location:
        location = info.context.catalog.locations.get(self.location_id)
        if location is not None:
            return location
        return cast("Location", self._after_catalog_reload(info, "locations", self.location_id))

    @staticmethod
    async def _after_catalog_reload(
        info: Info, table: Literal["categories", "locations"], key: UUID
    ) -> Category | Location:
        """The snapshot predates a category or location just added: read them again."""
        catalog = await info.context.reload_catalog()
        found: Category | Location = getattr(catalog, table)[key]
        return found

    @strawberry.field(description="The user who posted the listing (public profile only).")
    @context_only
    def seller(self, info: Info) -> User:
        return load_now(info.context.loaders.user_by_id, self.user_id)

    @strawberry.field(description="Images in display order; `first` limits how many.")
    @context_only
    def images(self, info: Info, first: int | None = None) -> list[ListingImage]:
        if first is not None and first < 0:
            raise BadUserInput("`first` must not be negative")
        images = self.attached_images
        if images is None:
            images = load_list_now(info.context.loaders.images_by_listing_id, uuid_of(self.id))
        if isinstance(images, list):
            return images if first is None else images[:first]
        # not prefetched: graphql-core awaits the coroutine
        return cast("list[ListingImage]", _first_of(images, first))

    @strawberry.field(description="Whether the viewer favorited the listing; false when anonymous.")
    async def is_favorited(self, info: Info) -> bool:
        if info.context.viewer_id is None:
            return False
        return await info.context.loaders.is_favorited_by_listing_id.load(uuid_of(self.id))

    @strawberry.field(description="How many users favorited the listing.")
    async def favorite_count(self, info: Info) -> int:
        return await info.context.loaders.favorite_count_by_listing_id.load(uuid_of(self.id))


def attach_images(listings: list[Listing]) -> None:
    """Turn the images that listing rows brought along as JSON (`images_json`: one
    `[id, image_url, display_order, created_at]` array per image, from the statements that take
    `with_images`) into their `images`, so no statement and no loader is needed for them; a row
    without that column (None) is left to the image loader.

    Each image's attributes are set as a row's are in `db._rows_as`, without the keyword call
    per image (which cost 4% of a browse request).
    """
    new = object.__new__
    parse_timestamp = datetime.fromisoformat
    for listing in listings:
        if listing.images_json is None:
            continue
        listing_id = uuid_of(listing.id)
        images: list[ListingImage] = []
        for image_id, image_url, display_order, created_at in listing.images_json:
            image = new(ListingImage)
            image.__dict__ = {
                "id": image_id,
                "image_url": image_url,
                "display_order": display_order,
                "created_at": parse_timestamp(created_at),
                "listing_id": listing_id,
            }
            images.append(image)
        listing.attached_images = images
        listing.images_json = None


@strawberry.type(description="A listing in a page of results, with the cursor that points at it.")
class ListingEdge:
    node: Listing = strawberry.field(description="The listing.")
    position: strawberry.Private[Position]
    order: strawberry.Private[str]
    secret: strawberry.Private[bytes]

    @strawberry.field(description="Pass as `after` to continue after this listing.")
    def cursor(self) -> str:
        """Signed only when asked for: most clients page with `pageInfo.endCursor` alone."""
        return encode_cursor(self.secret, self.order, self.position)


@strawberry.type(description="Where a page sits in the whole result.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More results follow this page.")
    has_previous_page: bool = strawberry.field(
        description="This page was requested with `after`, so results precede it."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge.")


@context_only
def _edges_of(root: ListingConnection) -> list[ListingEdge]:
    return [
        ListingEdge(
            node=node, position=root.position_of(node), order=root.order, secret=root.secret
        )
        for node in root.nodes
    ]


@strawberry.type(description="One page of listings, paged forward with keyset cursors.")
class ListingConnection:
    """Edges (and the sort position behind each cursor) are built only when selected: a page
    read through `nodes` needs neither (measured: a twentieth of a 50-listing page)."""

    edges: list[ListingEdge] = strawberry.field(
        description="The listings with their cursors.", resolver=_edges_of
    )
    page_info: PageInfo = strawberry.field(description="Paging information.")
    nodes: list[Listing] = strawberry.field(
        description="The listings of this page (same order as `edges`)."
    )
    position_of: strawberry.Private[Callable[[Listing], Position]]
    order: strawberry.Private[str]
    secret: strawberry.Private[bytes]
    count_query: strawberry.Private[CountQuery | None] = None

    @classmethod
    def of(
        cls,
        page: list[Listing],
        position_of: Callable[[Listing], Position],
        *,
        order: str,
        secret: bytes,
        has_next_page: bool,
        after: str | None,
        count_query: CountQuery | None,
    ) -> ListingConnection:
        """A page of listings; `position_of` tells where a listing sits in `order` (for its
        cursor)."""
        return cls(
            nodes=page,
            page_info=PageInfo(
                has_next_page=has_next_page,
                has_previous_page=after is not None,
                start_cursor=encode_cursor(secret, order, position_of(page[0])) if page else None,
                end_cursor=encode_cursor(secret, order, position_of(page[-1])) if page else None,
            ),
            position_of=position_of,
            order=order,
            secret=secret,
            count_query=count_query,
        )

    @strawberry.field(description="How many listings match in all; computed only when asked.")
    async def total_count(self, info: Info) -> int:
        if self.count_query is None:
            return len(self.nodes)
        return await self.count_query()
