"""`graphql-api demo-data` on fresh databases: what it adds, and that every row is one the API
could have written."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import argon2
import psycopg
import pytest

from graphql_api.cli import build_parser
from graphql_api.config import Settings
from graphql_api.demo_data import DEMO_PASSWORD
from graphql_api.migrations import upgrade_all
from graphql_api.migrations.runner import up

LISTINGS = 2_000

COUNT_ROWS = """
SELECT (SELECT count(*) FROM auth.user), (SELECT count(*) FROM app.listings),
       (SELECT count(*) FROM app.listing_images), (SELECT count(*) FROM app.favorites)
"""

# Generated users' emails carry the run tag after a plus sign; the seeded demo users' do not.
LISTINGS_BREAKING_RULES = """
SELECT count(*) FROM app.listings AS listing
JOIN auth.user AS owner ON owner.id = listing.user_id
WHERE position('+' IN owner.email) > 0
  AND (btrim(listing.title) = '' OR btrim(listing.description) = '' OR listing.price < 0
   OR listing.created_at > now() OR listing.created_at < now() - interval '35 days'
   OR listing.expires_at <> listing.created_at + %(ttl_days)s * interval '1 day'
   OR EXISTS (SELECT 1 FROM master.categories AS child WHERE child.parent_id = listing.category_id))
"""

LEAF_CATEGORIES = """
SELECT count(*) FROM master.categories AS c
WHERE NOT EXISTS (SELECT 1 FROM master.categories AS child WHERE child.parent_id = c.id)
"""
LOCATIONS = "SELECT count(*) FROM master.locations"

LISTINGS_WITH_BAD_IMAGES = """
SELECT count(*) FROM (
  SELECT listing_id FROM app.listing_images
  GROUP BY listing_id
  HAVING count(*) > 6 OR min(display_order) <> 0 OR max(display_order) <> count(*) - 1
) AS bad
"""

CATEGORIES_USED = "SELECT count(DISTINCT category_id) FROM app.listings"
LOCATIONS_USED = "SELECT count(DISTINCT location_id) FROM app.listings"

A_GENERATED_PASSWORD_HASH = (
    "SELECT password_hash FROM auth.user WHERE position('+' IN email) > 0 LIMIT 1"
)


@pytest.fixture
def seeded_url(make_database: Callable[[], str], sql_dir: Path) -> str:
    url = make_database()
    upgrade_all(url, sql_dir)
    return url


def _run(settings: Settings, url: str, *argv: str) -> int:
    args = build_parser().parse_args(["demo-data", *argv])
    code: int = args.handler(args, dataclasses.replace(settings, database_url=url))
    return code


def _counts(url: str) -> tuple[int, int, int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(COUNT_ROWS).fetchone()
    assert row is not None
    return row[0], row[1], row[2], row[3]


def _scalar(url: str, sql: str, params: dict[str, int] | None = None) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql, params).fetchone()
    assert row is not None
    value: int = row[0]
    return value


def test_adds_listings_users_images_and_favorites(settings: Settings, seeded_url: str) -> None:
    # given
    users_before, listings_before, images_before, favorites_before = _counts(seeded_url)

    # when
    code = _run(settings, seeded_url, "--listings", str(LISTINGS))

    # then
    assert code == 0
    users, listings, images, favorites = _counts(seeded_url)
    assert users - users_before == LISTINGS // 20
    assert listings - listings_before == LISTINGS
    assert 2 * LISTINGS < images - images_before < 4 * LISTINGS  # 0-6 each, 3 on average
    assert LISTINGS // 2 < favorites - favorites_before < 3 * LISTINGS // 2  # 0-2 each


def test_generated_rows_keep_the_rules_the_api_keeps(settings: Settings, seeded_url: str) -> None:
    # when
    assert _run(settings, seeded_url, "--listings", str(LISTINGS)) == 0

    # then
    rules = {"ttl_days": settings.listing_ttl_days}
    assert _scalar(seeded_url, LISTINGS_BREAKING_RULES, rules) == 0
    assert _scalar(seeded_url, LISTINGS_WITH_BAD_IMAGES) == 0
    leaf_categories, locations = (
        _scalar(seeded_url, LEAF_CATEGORIES),
        _scalar(seeded_url, LOCATIONS),
    )
    assert _scalar(seeded_url, CATEGORIES_USED) == leaf_categories
    assert _scalar(seeded_url, LOCATIONS_USED) == locations


def test_generated_users_sign_in_with_the_demo_password(
    settings: Settings, seeded_url: str
) -> None:
    # when
    assert _run(settings, seeded_url, "--listings", "40") == 0

    # then
    with psycopg.connect(seeded_url) as conn:
        row = conn.execute(A_GENERATED_PASSWORD_HASH).fetchone()
    assert row is not None
    assert argon2.PasswordHasher().verify(row[0], DEMO_PASSWORD)


def test_two_runs_add_up_instead_of_colliding(settings: Settings, seeded_url: str) -> None:
    # given
    assert _run(settings, seeded_url, "--listings", "100") == 0
    users, listings, _, _ = _counts(seeded_url)

    # when
    code = _run(settings, seeded_url, "--listings", "100")

    # then
    assert code == 0
    assert _counts(seeded_url)[:2] == (users + 5, listings + 100)


@pytest.mark.parametrize("migrated", [True, False], ids=["migrated", "empty"])
def test_refuses_without_seeds(
    settings: Settings,
    make_database: Callable[[], str],
    sql_dir: Path,
    capsys: pytest.CaptureFixture[str],
    migrated: bool,
) -> None:
    # given
    url = make_database()
    if migrated:
        up(url, sql_dir, "migrate")

    # when
    code = _run(settings, url, "--listings", "10")

    # then
    assert code == 1
    assert "graphql-api seed up" in capsys.readouterr().err
    if migrated:
        assert _counts(url) == (0, 0, 0, 0)


def test_refuses_in_production(settings: Settings, seeded_url: str) -> None:
    # when
    code = _run(dataclasses.replace(settings, app_env="production"), seeded_url, "--listings", "10")

    # then
    assert code == 1
