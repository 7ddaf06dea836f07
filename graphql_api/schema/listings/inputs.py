"""Arguments of the listing queries: the filter and the sort orders."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import strawberry


@strawberry.enum(description="Orders for listing results; each ends with the id as tie-breaker.")
class ListingSort(enum.Enum):
    NEWEST = strawberry.enum_value("NEWEST", description="Most recently posted first.")
    OLDEST = strawberry.enum_value("OLDEST", description="Least recently posted first.")
    PRICE_ASC = strawberry.enum_value(
        "PRICE_ASC", description="Cheapest first; listings without a price last."
    )
    PRICE_DESC = strawberry.enum_value(
        "PRICE_DESC", description="Most expensive first; listings without a price last."
    )
    RELEVANCE = strawberry.enum_value(
        "RELEVANCE", description="Best full-text match first; requires `filter.search`."
    )


@strawberry.input(description="Narrows listing results; every given condition must hold.")
class ListingFilter:
    category_slug: str | None = strawberry.field(
        default=None, description="A category; matches it and all its subcategories."
    )
    location_slug: str | None = strawberry.field(default=None, description="A location.")
    search: str | None = strawberry.field(
        default=None,
        description=(
            "Full-text search over title and description, web-search syntax: "
            '`"exact phrase"`, `or`, `-excluded`.'
        ),
    )
    min_price: Decimal | None = strawberry.field(default=None, description="Lowest price.")
    max_price: Decimal | None = strawberry.field(default=None, description="Highest price.")
    has_images: bool | None = strawberry.field(
        default=None, description="true: only with images; false: only without."
    )
    posted_after: datetime | None = strawberry.field(
        default=None, description="Only listings posted after this instant."
    )
