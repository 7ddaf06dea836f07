"""Every listing field bound at its edge: the last valid value and the first invalid one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.schema.listings.helpers import Places, codes, create, post_listing, update
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
