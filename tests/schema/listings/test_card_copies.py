"""The two statements that spell the listing card out (for planning speed, see bench/RESULTS.md)
return exactly what `app.listing_card` and `app.listing_images_json` define."""

from __future__ import annotations

from graphql_api.data.queries import query
from tests.dbutil import rows

CARD = """
SELECT card.*, app.listing_images_json(l.id) AS images_json
FROM app.listings AS l CROSS JOIN LATERAL app.listing_card(l) AS card
WHERE l.id = %(id)s
"""
NEWEST = query("visible_listings_newest")
BY_IDS = query("listings_by_ids_for_viewer")
NO_FILTER = dict.fromkeys(
    [
        "category_id",
        "category_ids",
        "location_slug",
        "user_id",
        "search",
        "min_price",
        "max_price",
        "has_images",
        "posted_after",
        "after_id",
        "after_created_at",
    ]
)


def test_the_browse_and_detail_statements_match_the_card_definition(database_url: str) -> None:
    # given the newest visible listing as the browse statement returns it
    [browsed] = rows(database_url, NEWEST.sql, {**NO_FILTER, "limit": 1, "with_images": True})
    # when the card function and the detail statement read the same listing
    [card] = rows(database_url, CARD, {"id": browsed["id"]})
    [detail] = rows(database_url, BY_IDS.sql, {"ids": [browsed["id"]], "viewer_id": None})
    # then all three agree, column for column (the detail adds only the seller)
    assert browsed == card
    assert {name: value for name, value in detail.items() if name != "seller_json"} == card
