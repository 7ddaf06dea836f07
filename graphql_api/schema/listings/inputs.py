"""Arguments of the listing queries and mutations: the filter, the sort orders, listing ids and
cursors, each with the longest text it takes (`engine.input_bounds`)."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry

from graphql_api.engine.input_bounds import bounded, bounded_argument
from graphql_api.schema.common.ids import MAX_ID_LENGTH, MAX_SLUG_LENGTH
from graphql_api.schema.listings.pagination import MAX_CURSOR_LENGTH

# Full-text search over a long text costs the database CPU (and a 90 KB one its stack) for every
# request that sends it; nobody types more than this into a search box.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 20

ListingId = Annotated[
    strawberry.ID, bounded_argument("The listing's id.", max_length=MAX_ID_LENGTH)
]
AfterCursor = Annotated[
    str | None,
    bounded_argument(
        "Start after this cursor (`pageInfo.endCursor` or an edge's `cursor`).",
        max_length=MAX_CURSOR_LENGTH,
    ),
]


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
    category_slug: str | None = bounded(
        "A category; matches it and all its subcategories.",
        max_length=MAX_SLUG_LENGTH,
        default=None,
    )
    location_slug: str | None = bounded("A location.", max_length=MAX_SLUG_LENGTH, default=None)
    search: str | None = bounded(
        "Full-text search over title and description, web-search syntax: "
        f'`"exact phrase"`, `or`, `-excluded`; more than {MAX_SEARCH_WORDS} words (runs of '
        "letters and digits) are refused (BAD_USER_INPUT).",
        max_length=MAX_SEARCH_LENGTH,
        default=None,
    )
    min_price: Decimal | None = strawberry.field(default=None, description="Lowest price.")
    max_price: Decimal | None = strawberry.field(default=None, description="Highest price.")
    has_images: bool | None = strawberry.field(
        default=None, description="true: only with images; false: only without."
    )
    posted_after: datetime | None = strawberry.field(
        default=None, description="Only listings posted after this instant."
    )
