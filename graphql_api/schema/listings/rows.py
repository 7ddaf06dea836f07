"""Rows as the listing statements return them: what the database says, before any GraphQL type.

Column names equal field names (`data.rows` fills them); the GraphQL types are built from these
in one place each (`Listing.from_row`, `ListingImage.from_json`, `User.from_row`).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID


@dataclasses.dataclass
class ListingRow:
    """A listing card: every column of `app.listings` a client may see, plus what some
    statements bring along."""

    id: UUID
    user_id: UUID
    category_id: UUID
    location_id: UUID
    title: str
    description: str
    price: Decimal | None
    is_price_negotiable: bool
    contact_email_value: str | None
    contact_phone_value: str | None
    is_active: bool
    is_flagged: bool
    view_count: int
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    # with `with_images`: one `[id, image_url, display_order, created_at]` array per image
    images_json: list[list[Any]] | None = None
    # from `listings_by_ids_for_viewer`: the seller's public profile
    seller_json: dict[str, Any] | None = None
    # from the nested-page statements: which parent's page the row belongs to
    scope_key: Any = None
    # from the relevance statement: the full-text rank (the cursor's sort key)
    rank: float | None = None


@dataclasses.dataclass
class ImageRow:
    id: UUID
    listing_id: UUID
    image_url: str
    display_order: int
    created_at: datetime


@dataclasses.dataclass
class UserRow:
    """A user's public columns only: never email, phone or password hash."""

    id: UUID
    name: str | None
    username: str | None
    created_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class KeysetRow:
    """One entry of a newest-first list of listing ids (own listings, favorites)."""

    id: UUID
    sort_at: datetime
