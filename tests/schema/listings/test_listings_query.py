"""`listings`: visibility, filters, sort orders and keyset paging, compared with the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.client import data_of, error_codes, gql
from tests.dbutil import rows

PAGE = """
query($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
  listings(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { cursor node { id price createdAt } }
    nodes { id title price createdAt contactEmail contactPhone category { slug } location { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
COUNT = "query($filter: ListingFilter) { listings(filter: $filter) { totalCount } }"
VISIBLE = """
SELECT l.id::text AS id, l.price, l.created_at
FROM app.listings AS l
WHERE l.is_active AND NOT l.is_flagged
  AND (l.expires_at IS NULL OR l.expires_at > now() AT TIME ZONE 'UTC')
"""


def _walk(http: httpx.Client, sort: str, filter_: dict[str, Any] | None, first: int) -> list[str]:
    """Every id of a result, page by page, following endCursor."""
    ids: list[str] = []
    after = None
    while True:
        page = data_of(
            gql(http, PAGE, {"filter": filter_, "sort": sort, "first": first, "after": after})
        )["listings"]
        ids += [node["id"] for node in page["nodes"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize(
    ("sort", "order_by"),
    [
        ("NEWEST", "l.created_at DESC, l.id DESC"),
        ("OLDEST", "l.created_at ASC, l.id ASC"),
        ("PRICE_ASC", "l.price ASC NULLS LAST, l.id ASC"),
        ("PRICE_DESC", "l.price DESC NULLS LAST, l.id DESC"),
    ],
)
def test_paging_through_every_sort_returns_each_visible_listing_once_in_order(
    http: httpx.Client, database_url: str, sort: str, order_by: str
) -> None:
    # given the visible listings of one top-level category, ordered by the database
    filter_ = {"categorySlug": "for-sale"}
    expected = rows(
        database_url,
        VISIBLE
        + """ AND l.category_id IN (SELECT id FROM master.categories
                WHERE slug = 'for-sale' OR parent_id = (SELECT id FROM master.categories
                                                         WHERE slug = 'for-sale'))
            ORDER BY """
        + order_by,
    )
    assert len(expected) > 7
    # when paging 7 at a time
    ids = _walk(http, sort, filter_, 7)
    # then every listing comes once, in the database's order
    assert ids == [row["id"] for row in expected]


def test_only_visible_listings_are_listed(http: httpx.Client, database_url: str) -> None:
    listed = set(_walk(http, "NEWEST", None, 100))
    assert listed == {row["id"] for row in rows(database_url, VISIBLE)}


def test_filters_combine(http: httpx.Client, database_url: str) -> None:
    # given a location and a price window
    location = rows(database_url, "SELECT slug FROM master.locations ORDER BY slug LIMIT 1")[0]
    filter_ = {
        "locationSlug": location["slug"],
        "minPrice": "10",
        "maxPrice": "5000",
        "hasImages": True,
        "postedAfter": "2000-01-01T00:00:00Z",
    }
    expected = rows(
        database_url,
        VISIBLE
        + """ AND l.location_id = (SELECT id FROM master.locations WHERE slug = %(slug)s)
              AND l.price BETWEEN 10 AND 5000
              AND EXISTS (SELECT 1 FROM app.listing_images i WHERE i.listing_id = l.id)""",
        {"slug": location["slug"]},
    )
    # when
    ids = _walk(http, "PRICE_ASC", filter_, 100)
    # then
    assert sorted(ids) == sorted(row["id"] for row in expected)
    assert data_of(gql(http, COUNT, {"filter": filter_}))["listings"]["totalCount"] == len(ids)


def test_without_images_and_price_bounds_are_inclusive(http: httpx.Client) -> None:
    cheapest = data_of(gql(http, PAGE, {"sort": "PRICE_ASC", "first": 1}))["listings"]["nodes"]
    price = cheapest[0]["price"]
    exact = {"minPrice": price, "maxPrice": price}
    nodes = data_of(gql(http, PAGE, {"filter": exact, "first": 100}))["listings"]["nodes"]
    assert nodes
    assert {Decimal(node["price"]) for node in nodes} == {Decimal(price)}
    without = data_of(gql(http, PAGE, {"filter": {"hasImages": False}, "first": 100}))
    assert "errors" not in without


def test_search_matches_title_and_ranks_by_relevance(http: httpx.Client) -> None:
    # given a word from some listing's title
    title = data_of(gql(http, PAGE, {"first": 1}))["listings"]["nodes"][0]["title"]
    word = max(title.split(), key=len)
    # when searching it by relevance
    found = data_of(
        gql(http, PAGE, {"filter": {"search": word}, "sort": "RELEVANCE", "first": 100})
    )["listings"]["nodes"]
    # then that listing is among the results
    assert title in {node["title"] for node in found}
    paged = _walk(http, "RELEVANCE", {"search": word}, 2)
    assert paged == [node["id"] for node in found]


@pytest.mark.parametrize("sort", ["NEWEST", "RELEVANCE"])
def test_search_of_20_words_passes_and_21_is_bad_user_input(http: httpx.Client, sort: str) -> None:
    # given searches of 20 and 21 words (runs of letters and digits; `-`, quotes and spaces
    # separate them), well under 200 characters
    twenty = '"red bike" -broken ' + " ".join(f"w{n}" for n in range(17))
    twenty_one = twenty.replace("w0", "w-0")
    # when each is searched
    accepted = gql(http, PAGE, {"filter": {"search": twenty}, "sort": sort})
    refused = gql(http, PAGE, {"filter": {"search": twenty_one}, "sort": sort})
    # then only the longer one is refused
    assert "errors" not in accepted, accepted
    assert error_codes(refused) == ["BAD_USER_INPUT"]
    assert refused["errors"][0]["message"] == "`filter.search` has more than 20 words."


@pytest.mark.parametrize("price", ["9e999999999", "1e-1000000", "1e32", "0.1e-32", 1e300])
def test_a_price_filter_has_at_most_32_digits_before_and_after_the_point(
    http: httpx.Client, price: object
) -> None:
    # given the widest and the finest bounds allowed, then one with more digits (a number
    # PostgreSQL's numeric cannot hold used to fail the query: an internal error)
    widest = "9" * 32 + "." + "9" * 32
    finest = "0." + "0" * 31 + "1"
    # then the first two are answered and the other refused, as a variable or a literal
    assert data_of(gql(http, PAGE, {"filter": {"minPrice": widest}}))["listings"]["nodes"] == []
    assert data_of(gql(http, PAGE, {"filter": {"minPrice": finest}}))["listings"]["nodes"]
    for bound in ("minPrice", "maxPrice"):
        body = gql(http, PAGE, {"filter": {bound: price}})
        assert error_codes(body) == ["BAD_USER_INPUT"], body
    literal = gql(http, f'{{ listings(filter: {{minPrice: "{price}"}}) {{ nodes {{ id }} }} }}')
    assert error_codes(literal) == ["BAD_USER_INPUT"], literal


def test_unknown_slugs_give_an_empty_result(http: httpx.Client) -> None:
    for filter_ in ({"categorySlug": "nope"}, {"locationSlug": "nowhere-zz"}):
        page = data_of(gql(http, PAGE, {"filter": filter_}))["listings"]
        assert page["nodes"] == []
        assert page["pageInfo"]["hasNextPage"] is False
        assert page["pageInfo"]["endCursor"] is None


def test_contacts_are_hidden_from_anonymous_viewers(http: httpx.Client) -> None:
    nodes = data_of(gql(http, PAGE, {"first": 50}))["listings"]["nodes"]
    assert nodes
    assert all(node["contactEmail"] is None and node["contactPhone"] is None for node in nodes)


@pytest.mark.parametrize("first", [0, 1, 100])
def test_first_at_its_bounds(http: httpx.Client, first: int) -> None:
    page = data_of(gql(http, PAGE, {"first": first}))["listings"]
    assert len(page["nodes"]) == first
    assert page["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("first", [-1, 101])
def test_first_out_of_range_is_bad_user_input(http: httpx.Client, first: int) -> None:
    assert error_codes(gql(http, PAGE, {"first": first})) == ["BAD_USER_INPUT"]


def test_tampered_malformed_and_foreign_cursors_are_bad_user_input(http: httpx.Client) -> None:
    cursor = data_of(gql(http, PAGE, {"first": 1}))["listings"]["pageInfo"]["endCursor"]
    tampered = cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    for after, sort in ((tampered, "NEWEST"), ("not a cursor", "NEWEST"), (cursor, "PRICE_ASC")):
        body = gql(http, PAGE, {"after": after, "sort": sort})
        assert error_codes(body) == ["BAD_USER_INPUT"], body


def test_relevance_without_search_is_bad_user_input(http: httpx.Client) -> None:
    body = gql(http, PAGE, {"sort": "RELEVANCE"})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    blank = gql(http, PAGE, {"sort": "RELEVANCE", "filter": {"search": "   "}})
    assert error_codes(blank) == ["BAD_USER_INPUT"]


def test_total_count_matches_the_database(http: httpx.Client, database_url: str) -> None:
    total = data_of(gql(http, COUNT))["listings"]["totalCount"]
    assert total == len(rows(database_url, VISIBLE))
