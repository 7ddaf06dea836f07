"""The in-memory catalogue follows the database: a change is visible to the next requests."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx

from graphql_api.schema.catalog.cache import LISTENER_NAME
from tests.client import data_of, gql
from tests.dbutil import rows, run

CATEGORY = "query($slug: String!) { category(slug: $slug) { name parent { slug } } }"
LOCATION = "query($slug: String!) { location(slug: $slug) { city } }"


def _eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def test_added_renamed_and_removed_categories_show_up(
    http: httpx.Client, database_url: str
) -> None:
    slug = f"test-{uuid.uuid4().hex[:8]}"

    def category() -> dict[str, object] | None:
        found: dict[str, object] | None = data_of(gql(http, CATEGORY, {"slug": slug}))["category"]
        return found

    assert category() is None
    # when an operator adds a subcategory
    run(
        database_url,
        """INSERT INTO master.categories (name, slug, parent_id)
           SELECT 'Test things', %s, id FROM master.categories WHERE slug = 'for-sale'""",
        [slug],
    )
    try:
        # then it is served, with its parent
        assert _eventually(
            lambda: category() == {"name": "Test things", "parent": {"slug": "for-sale"}}
        )
        # and a rename is served too
        run(database_url, "UPDATE master.categories SET name = 'Renamed' WHERE slug = %s", [slug])
        assert _eventually(lambda: (category() or {}).get("name") == "Renamed")
    finally:
        run(database_url, "DELETE FROM master.categories WHERE slug = %s", [slug])
    assert _eventually(lambda: category() is None)


def test_added_location_shows_up(http: httpx.Client, database_url: str) -> None:
    slug = f"testville-{uuid.uuid4().hex[:6]}"
    run(
        database_url,
        "INSERT INTO master.locations (city, state, slug) VALUES ('Testville', 'ZZ', %s)",
        [slug],
    )
    try:
        assert _eventually(
            lambda: (
                data_of(gql(http, LOCATION, {"slug": slug}))["location"] == {"city": "Testville"}
            )
        )
    finally:
        run(database_url, "DELETE FROM master.locations WHERE slug = %s", [slug])


def test_changes_still_show_up_after_the_listener_loses_its_connection(
    http: httpx.Client, database_url: str
) -> None:
    # given the listener's connection is killed by the database
    killed = rows(
        database_url,
        """SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = %s""",
        [LISTENER_NAME],
    )
    assert killed
    assert all(row["killed"] for row in killed)
    slug = f"after-reconnect-{uuid.uuid4().hex[:8]}"
    # when a category is added
    run(database_url, "INSERT INTO master.categories (name, slug) VALUES ('R', %s)", [slug])
    try:
        # then it is served (by per-request reads while disconnected, then by the new listener)
        assert _eventually(
            lambda: data_of(gql(http, CATEGORY, {"slug": slug}))["category"] is not None
        )
    finally:
        run(database_url, "DELETE FROM master.categories WHERE slug = %s", [slug])
    assert _eventually(lambda: data_of(gql(http, CATEGORY, {"slug": slug}))["category"] is None)
