"""`graphql-api demo-data`: bulk, realistic users, listings, images and favorites for benchmarks.

The rows are generated inside PostgreSQL by set-based statements (`sql/queries/demo_data.sql`),
a batch at a time, so 100,000 listings take seconds rather than the hours a per-row client
loop would; the batches only exist to report progress. The whole run is one transaction, so an
interrupted run leaves nothing behind. Each run gets a fresh tag that makes its emails, usernames
and ids unique, so runs add up instead of colliding.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import secrets
import sys
import time
from typing import Any, TextIO

import argon2
import psycopg

from graphql_api.config import Settings
from graphql_api.data.database import migration_database_url
from graphql_api.data.queries import query

DEMO_PASSWORD = "marketplace-demo-2025"  # noqa: S105 - the documented password of all demo users
LISTINGS_PER_USER = 20
BATCH_SIZE = 5_000

_COUNT_SOURCES = query("count_demo_data_sources")
_INSERT_USERS = query("insert_demo_users")
_INSERT_LISTINGS = query("insert_demo_listings")
_INSERT_IMAGES = query("insert_demo_listing_images")
_INSERT_FAVORITES = query("insert_demo_favorites")
_ANALYZE = query("analyze_demo_data")

# The OWASP minimum for argon2id, as in the demo users seed.
_HASHER = argon2.PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class MissingSeedsError(Exception):
    """Listings need categories and locations to point at; those come from `seed up`."""


@dataclasses.dataclass(frozen=True, slots=True)
class Generated:
    users: int
    listings: int
    images: int
    favorites: int


def generate(
    url: str,
    listings: int,
    *,
    listing_ttl_days: int = 30,
    batch_size: int = BATCH_SIZE,
    progress: TextIO = sys.stderr,
) -> Generated:
    """Add `listings` listings (and one user per 20 of them) to the database at `url`."""
    users = max(1, math.ceil(listings / LISTINGS_PER_USER))
    run = secrets.token_hex(4)
    bar = _ProgressBar(users + listings, progress)
    inserted = {"users": 0, "listings": 0, "images": 0, "favorites": 0}
    with psycopg.connect(url, autocommit=True) as conn:
        _require_seeds(conn)
        with conn.transaction():
            params: dict[str, Any] = {
                "run": run,
                "users": users,
                "password_hash": _HASHER.hash(DEMO_PASSWORD),
                "ttl_days": listing_ttl_days,
            }
            for first, last in _batches(users, batch_size):
                batch = {**params, "first": first, "last": last}
                inserted["users"] += _execute(conn, _INSERT_USERS.sql, batch)
                bar.advance(last - first + 1, "users")
            for first, last in _batches(listings, batch_size):
                batch = {**params, "first": first, "last": last}
                inserted["listings"] += _execute(conn, _INSERT_LISTINGS.sql, batch)
                inserted["images"] += _execute(conn, _INSERT_IMAGES.sql, batch)
                inserted["favorites"] += _execute(conn, _INSERT_FAVORITES.sql, batch)
                bar.advance(last - first + 1, "listings")
        bar.finish("analyzing")
        conn.execute(_ANALYZE.sql)
    bar.close()
    return Generated(**inserted)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "demo-data",
        help="bulk-generate users, listings, images and favorites for benchmarks",
        description=(
            f"Adds N listings, one user per {LISTINGS_PER_USER} of them (password "
            f"{DEMO_PASSWORD!r}), 0-6 images each and some favorites, over the seeded "
            "categories and locations. Each run adds to what is there."
        ),
    )
    parser.add_argument(
        "--listings", type=_positive_int, required=True, metavar="N", help="listings to add"
    )
    parser.set_defaults(handler=_demo_data)


def _demo_data(args: argparse.Namespace, settings: Settings) -> int:
    if settings.is_production:
        print("graphql-api demo-data: refused, APP_ENV=production", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        made = generate(
            migration_database_url(settings),
            args.listings,
            listing_ttl_days=settings.listing_ttl_days,
        )
    except MissingSeedsError as exc:
        print(f"graphql-api demo-data: {exc}", file=sys.stderr)
        return 1
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        print(f"graphql-api demo-data: database error: {first_line}", file=sys.stderr)
        return 1
    print(
        f"demo-data: added {made.users:,} users, {made.listings:,} listings, "
        f"{made.images:,} images, {made.favorites:,} favorites "
        f"in {time.monotonic() - started:.1f}s"
    )
    return 0


def _require_seeds(conn: psycopg.Connection[Any]) -> None:
    try:
        row = conn.execute(_COUNT_SOURCES.sql).fetchone()
    except psycopg.errors.UndefinedTable:
        row = None
    leaf_categories, locations = (0, 0) if row is None else (int(row[0]), int(row[1]))
    if leaf_categories == 0 or locations == 0:
        raise MissingSeedsError(
            f"found {leaf_categories} leaf categories and {locations} locations: "
            "apply migrations and seeds first (graphql-api migrate up && graphql-api seed up)"
        )


def _execute(conn: psycopg.Connection[Any], sql: str, params: dict[str, Any]) -> int:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.rowcount


def _batches(total: int, size: int) -> list[tuple[int, int]]:
    """1-based inclusive (first, last) ranges covering 1..total."""
    return [(first, min(first + size - 1, total)) for first in range(1, total + 1, size)]


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


class _ProgressBar:
    """One redrawn line on a terminal; a plain line per step otherwise, so logs stay readable."""

    _WIDTH = 30

    def __init__(self, total: int, out: TextIO) -> None:
        self._total = total
        self._done = 0
        self._out = out
        self._tty = out.isatty()
        self._started = time.monotonic()

    def advance(self, step: int, label: str) -> None:
        self._done += step
        self._draw(label)

    def finish(self, label: str) -> None:
        self._draw(label)

    def close(self) -> None:
        self._draw("done")
        if self._tty:
            self._out.write("\n")
        self._out.flush()

    def _draw(self, label: str) -> None:
        filled = self._WIDTH * self._done // max(self._total, 1)
        line = (
            f"[{'#' * filled}{'.' * (self._WIDTH - filled)}] "
            f"{100 * self._done // max(self._total, 1):3d}% {self._done:,}/{self._total:,} "
            f"{time.monotonic() - self._started:6.1f}s {label}"
        )
        self._out.write(f"\r{line:<80}" if self._tty else f"{line}\n")
        self._out.flush()
