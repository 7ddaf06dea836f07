"""Listings as clients see them: the listing, its images, its seller and the pages of listings.

Every type here is built from rows (`listings.rows`) in its `from_row`, the one place that maps
columns onto fields. They share one module because they reference each other (a seller's
listings, a listing's seller) and are built from each other's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar
from uuid import UUID

import strawberry

from graphql_api.data.loaders import load_then
from graphql_api.engine.cost import most_items
from graphql_api.engine.errors import BadUserInput
from graphql_api.engine.execution import context_only, resolved_later
from graphql_api.schema.catalog.snapshot import Catalog, catalog_of, reload_catalog
from graphql_api.schema.context import Info
from graphql_api.schema.listings.dataloaders import (
    favorite_count_by_listing_id,
    images_by_listing_id,
    is_favorited_by_listing_id,
    user_by_id,
)
from graphql_api.schema.listings.inputs import AfterCursor, ListingFilter, ListingSort
from graphql_api.schema.listings.pages import ListingScope, visible_listings_page
from graphql_api.schema.listings.pagination import ListingPage
from graphql_api.schema.listings.rows import ImageRow, ListingRow, UserRow
from graphql_api.schema.listings.validation import MAX_IMAGES

if TYPE_CHECKING:
    from graphql_api.schema.catalog.types import Category, Location

Found = TypeVar("Found")
_Category = Annotated["Category", strawberry.lazy("graphql_api.schema.catalog.types")]
_Location = Annotated["Location", strawberry.lazy("graphql_api.schema.catalog.types")]


@strawberry.type(description="A photo of a listing.")
class ListingImage:
    id: strawberry.ID = strawberry.field(description="Stable identifier (UUID).")
    image_url: str = strawberry.field(description="Absolute http(s) URL of the image.")
    display_order: int = strawberry.field(
        description="Position among the listing's images, 0 first."
    )
    created_at: datetime = strawberry.field(description="When the image was added.")

    def __init__(
        self, id: strawberry.ID, image_url: str, display_order: int, created_at: datetime
    ) -> None:
        """Positional, unlike Strawberry's keyword-only one: a page builds hundreds of images,
        and the keyword call cost more than the rest of their building (bench/RESULTS.md)."""
        self.id = id
        self.image_url = image_url
        self.display_order = display_order
        self.created_at = created_at

    @classmethod
    def from_row(cls, row: ImageRow) -> ListingImage:
        return cls(strawberry.ID(str(row.id)), row.image_url, row.display_order, row.created_at)

    @classmethod
    def from_json(cls, items: list[list[Any]]) -> list[ListingImage]:
        """A listing's images as page statements bring them along: one compact
        `[id, image_url, display_order, created_at]` array each (no repeated keys)."""
        parse_timestamp = datetime.fromisoformat
        return [
            cls(image_id, image_url, display_order, parse_timestamp(created_at))
            for image_id, image_url, display_order, created_at in items
        ]


def _images_of(rows: list[ImageRow]) -> list[ListingImage]:
    return [ListingImage.from_row(row) for row in rows]


@strawberry.type(description="A user's public profile: never their email, phone or password.")
class User:
    id: UUID = strawberry.field(graphql_type=strawberry.ID, description="Stable identifier (UUID).")
    name: str | None = strawberry.field(description="Display name.")
    username: str | None = strawberry.field(description="Unique handle.")
    created_at: datetime = strawberry.field(description="When the user signed up.")

    @classmethod
    def from_row(cls, row: UserRow) -> User:
        return cls(
            id=row.id,
            name=row.name,
            username=row.username,
            created_at=row.created_at,
        )

    @strawberry.field(description="The user's visible listings, newest first.")
    async def listings(
        self, info: Info, first: int = 20, after: AfterCursor = None
    ) -> ListingConnection:
        scope = ListingScope(user_id=self.id)
        page = await visible_listings_page(info, None, ListingSort.NEWEST, first, after, scope)
        return ListingConnection.from_page(page)


async def _after_catalog_reload(info: Info, pick: Callable[[Catalog], Found | None]) -> Found:
    """The request's catalogue snapshot predates a category or location just added: what
    `pick` finds in a fresh one."""
    found = pick(await reload_catalog(info.context))
    if found is None:
        raise LookupError("a listing's category or location row is missing")
    return found


def _seller_of(row: UserRow | None) -> User:
    """A listing's seller exists (a foreign key); a missing row is a bug, reported as such."""
    if row is None:
        raise LookupError("a listing's seller row is missing")
    return User.from_row(row)


@strawberry.type(description="A classified ad posted by a user.")
class Listing:
    id: UUID = strawberry.field(graphql_type=strawberry.ID, description="Stable identifier (UUID).")
    title: str = strawberry.field(description="Headline, 3 to 255 characters.")
    description: str = strawberry.field(description="Body text.")
    price: Decimal | None = strawberry.field(
        description="Asking price, exact, as a decimal string; null when not given."
    )
    is_price_negotiable: bool = strawberry.field(description="Whether the seller takes offers.")
    is_active: bool = strawberry.field(description="False once sold or taken down.")
    hidden_by_flags: bool = strawberry.field(
        description=(
            "True once flags have hidden the listing from everyone but its owner (so only its "
            "owner ever sees it true)."
        )
    )
    view_count: int = strawberry.field(
        description="Views counted: once per viewer a day, never the owner's."
    )
    created_at: datetime = strawberry.field(description="When the listing was posted.")
    updated_at: datetime = strawberry.field(description="When the listing last changed.")
    expires_at: datetime | None = strawberry.field(
        description="When the listing stops being shown unless renewed."
    )
    user_id: strawberry.Private[UUID]
    category_id: strawberry.Private[UUID]
    location_id: strawberry.Private[UUID]
    contact_email_value: strawberry.Private[str | None]
    contact_phone_value: strawberry.Private[str | None]
    # the images, when the listing's statement brought them along (else the image loader)
    prefetched_images: strawberry.Private[list[ListingImage] | None]

    @classmethod
    def from_row(cls, row: ListingRow) -> Listing:
        images_json = row.images_json
        return cls(
            id=row.id,
            title=row.title,
            description=row.description,
            price=row.price,
            is_price_negotiable=row.is_price_negotiable,
            is_active=row.is_active,
            hidden_by_flags=row.is_flagged,
            view_count=row.view_count,
            created_at=row.created_at,
            updated_at=row.updated_at,
            expires_at=row.expires_at,
            user_id=row.user_id,
            category_id=row.category_id,
            location_id=row.location_id,
            contact_email_value=row.contact_email_value,
            contact_phone_value=row.contact_phone_value,
            prefetched_images=None if images_json is None else ListingImage.from_json(images_json),
        )

    @strawberry.field(description="Contact email; null for anonymous viewers (anti-scraping).")
    def contact_email(self, info: Info) -> str | None:
        return self.contact_email_value if info.context.viewer_id is not None else None

    @strawberry.field(description="Contact phone (E.164); null for anonymous viewers.")
    def contact_phone(self, info: Info) -> str | None:
        return self.contact_phone_value if info.context.viewer_id is not None else None

    @strawberry.field(description="The (leaf) category the listing is posted in.")
    @context_only
    def category(self, info: Info) -> _Category:
        found = catalog_of(info.context).categories.get(self.category_id)
        if found is not None:
            return found
        key = self.category_id
        return resolved_later(_after_catalog_reload(info, lambda fresh: fresh.categories.get(key)))

    @strawberry.field(description="Where the listing is.")
    @context_only
    def location(self, info: Info) -> _Location:
        found = catalog_of(info.context).locations.get(self.location_id)
        if found is not None:
            return found
        key = self.location_id
        return resolved_later(_after_catalog_reload(info, lambda fresh: fresh.locations.get(key)))

    @strawberry.field(description="The user who posted the listing (public profile only).")
    @context_only
    def seller(self, info: Info) -> User:
        return load_then(info.context.loaders.get(user_by_id), self.user_id, _seller_of)

    @strawberry.field(
        description="Images in display order; `first` limits how many.",
        metadata=most_items(MAX_IMAGES),
    )
    @context_only
    def images(self, info: Info, first: int | None = None) -> list[ListingImage]:
        if first is not None and first < 0:
            raise BadUserInput("`first` must not be negative")
        images = self.prefetched_images
        if images is not None:
            return images if first is None else images[:first]
        loader = info.context.loaders.get(images_by_listing_id)
        if first is None:
            return load_then(loader, self.id, _images_of)
        return load_then(loader, self.id, lambda rows: _images_of(rows[:first]))

    @strawberry.field(description="Whether the viewer favorited the listing; false when anonymous.")
    async def is_favorited(self, info: Info) -> bool:
        if info.context.viewer_id is None:
            return False
        return await info.context.loaders.get(is_favorited_by_listing_id).load(self.id)

    @strawberry.field(description="How many users favorited the listing.")
    async def favorite_count(self, info: Info) -> int:
        return await info.context.loaders.get(favorite_count_by_listing_id).load(self.id)


@strawberry.type(description="A listing in a page of results, with the cursor that points at it.")
class ListingEdge:
    node: Listing = strawberry.field(description="The listing.")
    row: strawberry.Private[ListingRow]
    page: strawberry.Private[ListingPage]

    @strawberry.field(description="Pass as `after` to continue after this listing.")
    def cursor(self) -> str:
        """Signed only when asked for: most clients page with `pageInfo.endCursor` alone."""
        return self.page.cursor_of(self.row)


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
    page = root.page
    return [
        ListingEdge(node=node, row=row, page=page)
        for node, row in zip(root.nodes, page.rows, strict=True)
    ]


@strawberry.type(description="One page of listings, paged forward with keyset cursors.")
class ListingConnection:
    """Edges are built only when selected: a page read through `nodes` needs none."""

    edges: list[ListingEdge] = strawberry.field(
        description="The listings with their cursors.", resolver=_edges_of
    )
    page_info: PageInfo = strawberry.field(description="Paging information.")
    nodes: list[Listing] = strawberry.field(
        description="The listings of this page (same order as `edges`)."
    )
    page: strawberry.Private[ListingPage]

    @classmethod
    def from_page(cls, page: ListingPage) -> ListingConnection:
        rows = page.rows
        return cls(
            nodes=[Listing.from_row(row) for row in rows],
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.after is not None,
                start_cursor=page.cursor_of(rows[0]) if rows else None,
                end_cursor=page.cursor_of(rows[-1]) if rows else None,
            ),
            page=page,
        )

    @strawberry.field(description="How many listings match in all; computed only when asked.")
    async def total_count(self) -> int:
        if self.page.count is None:
            return len(self.nodes)
        return await self.page.count()


class _InScope(Protocol):
    def listing_scope(self) -> ListingScope: ...


async def listings_in_scope(
    root: _InScope,
    info: Info,
    filter: ListingFilter | None = None,
    sort: ListingSort = ListingSort.NEWEST,
    first: int = 20,
    after: AfterCursor = None,
) -> ListingConnection:
    """The `listings` field of a type that scopes them (a category, a location)."""
    page = await visible_listings_page(info, filter, sort, first, after, root.listing_scope())
    return ListingConnection.from_page(page)
