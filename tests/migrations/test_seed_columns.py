"""The tables of the design document (the seed) exist with every column and type it lists.

Later migrations may add columns. A column they deliberately changed is listed in `REPLACED`
with the migration that changed it, so any other drift from the design fails here.
"""

from __future__ import annotations

import psycopg

from tests.migrations.helpers import history_names

_TS = "timestamp without time zone"

SEED_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "auth.user": [
        ("id", "uuid"),
        ("email", "character varying(255)"),
        ("name", "character varying(255)"),
        ("phone_number", "character varying(20)"),
        ("username", "text"),
        ("password_hash", "text"),
        ("created_at", _TS),
        ("updated_at", _TS),
    ],
    "auth.session": [
        ("id", "text"),
        ("user_id", "uuid"),
        ("expires_at", "timestamp with time zone"),
    ],
    "auth.phone_verifications": [
        ("id", "uuid"),
        ("user_id", "uuid"),
        ("phone_number", "character varying(20)"),
        ("code", "character varying(10)"),
        ("verification_type", "character varying(20)"),
        ("is_used", "boolean"),
        ("expires_at", _TS),
        ("created_at", _TS),
    ],
    "master.categories": [
        ("id", "uuid"),
        ("name", "character varying(100)"),
        ("slug", "character varying(100)"),
        ("parent_id", "uuid"),
        ("created_at", _TS),
    ],
    "master.locations": [
        ("id", "uuid"),
        ("city", "character varying(100)"),
        ("state", "character varying(50)"),
        ("country", "character varying(50)"),
        ("slug", "character varying(150)"),
        ("created_at", _TS),
    ],
    "app.listings": [
        ("id", "uuid"),
        ("user_id", "uuid"),
        ("category_id", "uuid"),
        ("location_id", "uuid"),
        ("title", "character varying(255)"),
        ("description", "text"),
        ("price", "numeric(10,2)"),
        ("is_price_negotiable", "boolean"),
        ("contact_email", "character varying(255)"),
        ("contact_phone", "character varying(20)"),
        ("is_active", "boolean"),
        ("is_flagged", "boolean"),
        ("view_count", "integer"),
        ("created_at", _TS),
        ("updated_at", _TS),
        ("expires_at", _TS),
    ],
    "app.listing_images": [
        ("id", "uuid"),
        ("listing_id", "uuid"),
        ("image_url", "character varying(500)"),
        ("display_order", "integer"),
        ("created_at", _TS),
    ],
    "app.favorites": [
        ("id", "uuid"),
        ("user_id", "uuid"),
        ("listing_id", "uuid"),
        ("created_at", _TS),
    ],
    "public.migration_history": [
        ("id", "integer"),
        ("name", "character varying(255)"),
        ("type", "character varying(50)"),
        ("executed_at", _TS),
    ],
}

# (table, seed column) -> (column now, type now, the migration that changed it on purpose)
REPLACED: dict[tuple[str, str], tuple[str, str, str]] = {
    ("auth.phone_verifications", "code"): (
        "code_hash",
        "character varying(64)",
        "20251127_000001_harden_phone_verifications",
    ),
}

_COLUMNS = """
    SELECT a.attname, format_type(a.atttypid, a.atttypmod)
    FROM pg_attribute a
    WHERE a.attrelid = %(table)s::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum
"""


def _expected(table: str) -> list[tuple[str, str]]:
    return [
        REPLACED.get((table, column), (column, kind))[:2] for column, kind in SEED_COLUMNS[table]
    ]


def test_every_seed_column_exists_with_its_type(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        for table in SEED_COLUMNS:
            # when
            rows = conn.execute(_COLUMNS, {"table": table}).fetchall()
            actual = [(str(name), str(kind)) for name, kind in rows]

            # then: the seed's columns, in the seed's order, possibly with others after or between
            present = [column for column in actual if column in _expected(table)]
            assert present == _expected(table), table


def test_every_replaced_column_names_a_migration_that_ran(database_url: str) -> None:
    applied = set(history_names(database_url))
    assert {migration for _, _, migration in REPLACED.values()} <= applied
