"""Every listing field bound at its edge: the last valid value and the first invalid one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.client import data_of, error_codes, gql
from tests.schema.listings.helpers import (
    CREATE_LISTING,
    Places,
    codes,
    create,
    listing_input,
    post_listing,
    update,
)
from tests.users import SignedInUser

URL_PREFIX = "https://img.example.com/"


def url_of_length(length: int) -> str:
    return URL_PREFIX + "x" * (length - len(URL_PREFIX))


BOUNDS: list[tuple[str, dict[str, Any], str | None]] = [
    # (case, input overrides, field of the expected INVALID error or None when valid)
    ("title 3 after trim", {"title": "  abc  "}, None),
    ("title 2 after trim", {"title": "  ab  "}, "input.title"),
    ("title 255", {"title": "t" * 255}, None),
    ("title 256", {"title": "t" * 256}, "input.title"),
    ("description 1", {"description": "d"}, None),
    ("description blank", {"description": "   "}, "input.description"),
    ("description 20000", {"description": "d" * 20_000}, None),
    ("description 20001", {"description": "d" * 20_001}, "input.description"),
    ("price 0", {"price": "0"}, None),
    ("price -0.01", {"price": "-0.01"}, "input.price"),
    ("price max", {"price": "99999999.99"}, None),
    ("price over max", {"price": "100000000.00"}, "input.price"),
    ("price 2 decimals", {"price": "12.34"}, None),
    ("price 3 decimals", {"price": "12.345"}, "input.price"),
    ("price NaN", {"price": "NaN"}, "input.price"),
    ("price null", {"price": None}, None),
    ("email ok", {"contactEmail": "a@example.com"}, None),
    ("email malformed", {"contactEmail": "a@"}, "input.contactEmail"),
    ("phone E.164", {"contactPhone": "+44 20 7946 0958"}, None),
    ("phone malformed", {"contactPhone": "12345"}, "input.contactPhone"),
    ("12 images", {"imageUrls": [f"{URL_PREFIX}{n}.jpg" for n in range(12)]}, None),
    ("url 500", {"imageUrls": [url_of_length(500)]}, None),
    ("url 501", {"imageUrls": [url_of_length(501)]}, "input.imageUrls.0"),
    ("url not http", {"imageUrls": ["ftp://img.example.com/a.jpg"]}, "input.imageUrls.0"),
    ("url without host", {"imageUrls": ["https:///a.jpg"]}, "input.imageUrls.0"),
    ("text with NUL", {"title": "bad\x00title"}, "input.title"),
]


@pytest.mark.parametrize(
    ("overrides", "invalid_field"), [case[1:] for case in BOUNDS], ids=[c[0] for c in BOUNDS]
)
def test_create_listing_bound(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    overrides: dict[str, Any],
    invalid_field: str | None,
) -> None:
    payload = create(http, verified_user, places, **overrides)
    if invalid_field is None:
        assert payload["errors"] == []
        assert payload["listing"] is not None
    else:
        assert codes(payload) == [(invalid_field, "INVALID")]
        assert payload["listing"] is None


def test_thirteen_images_are_too_many(
    http: httpx.Client, verified_user: SignedInUser, places: Places
) -> None:
    urls = [f"{URL_PREFIX}{n}.jpg" for n in range(13)]
    payload = create(http, verified_user, places, imageUrls=urls)
    assert codes(payload) == [("input.imageUrls", "TOO_MANY_IMAGES")]


@pytest.mark.parametrize(
    ("patch", "invalid_field"),
    [
        ({"title": "ab"}, "input.title"),
        ({"description": ""}, "input.description"),
        ({"price": "0.001"}, "input.price"),
        ({"contactEmail": "not an email"}, "input.contactEmail"),
        ({"contactPhone": "+1 555"}, "input.contactPhone"),
    ],
)
def test_update_listing_applies_the_same_rules(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    patch: dict[str, Any],
    invalid_field: str,
) -> None:
    listing = post_listing(http, verified_user, places)
    payload = update(http, verified_user, listing["id"], **patch)
    assert codes(payload) == [(invalid_field, "INVALID")]


# (input path, the input overrides that make it n characters long, the schema's ceiling on it)
CEILINGS: list[tuple[str, Callable[[int], dict[str, Any]], int]] = [
    ("input.title", lambda n: {"title": "t" * n}, 1_000),
    ("input.description", lambda n: {"description": "d" * n}, 25_000),
    ("input.contactEmail", lambda n: {"contactEmail": "e" * n}, 1_000),
    ("input.contactPhone", lambda n: {"contactPhone": "5" * n}, 64),
    ("input.categoryId", lambda n: {"categoryId": "c" * n}, 64),
    ("input.imageUrls.1", lambda n: {"imageUrls": [URL_PREFIX, url_of_length(n)]}, 1_000),
]


@pytest.mark.parametrize(
    ("field", "overrides", "ceiling"), CEILINGS, ids=[case[0] for case in CEILINGS]
)
def test_text_up_to_the_ceiling_is_the_mutations_to_judge_and_beyond_it_bad_user_input(
    http: httpx.Client,
    verified_user: SignedInUser,
    places: Places,
    field: str,
    overrides: Callable[[int], dict[str, Any]],
    ceiling: int,
) -> None:
    # given a value at the schema's ceiling (too long for the listing) and one over it
    # when each is sent
    judged = gql(
        http,
        CREATE_LISTING,
        {"input": listing_input(places, **overrides(ceiling))},
        token=verified_user.token,
    )
    refused = gql(
        http,
        CREATE_LISTING,
        {"input": listing_input(places, **overrides(ceiling + 1))},
        token=verified_user.token,
    )
    # then the first is refused by the mutation, naming the field; the second never reaches it
    assert (field, "INVALID") in codes(data_of(judged)["createListing"])
    assert error_codes(refused) == ["BAD_USER_INPUT"]
    assert refused["errors"][0]["message"] == f"`{field}` is longer than {ceiling:,} characters."
