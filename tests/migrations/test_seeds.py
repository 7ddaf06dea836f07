"""Seeds run after migrations, once: a second `seed up` adds no row anywhere."""

from __future__ import annotations

from pathlib import Path

import psycopg

from graphql_api.migrations import upgrade_all
from graphql_api.migrations.runner import down, up
from tests.migrations.helpers import REAL_SQL_DIR, migration_names, write_pair

_TABLES = (
    "SELECT table_schema || '.' || table_name FROM information_schema.tables "
    "WHERE table_schema IN ('auth', 'master', 'app') AND table_type = 'BASE TABLE' ORDER BY 1"
)


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [row[0] for row in conn.execute(_TABLES).fetchall()]
        return {
            table: conn.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(
                    psycopg.sql.Identifier(*table.split("."))
                )
            ).fetchone()[0]  # type: ignore[index]
            for table in tables
        }


def test_a_small_seed_applied_twice_adds_nothing(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000000_create_colours",
        "-- schema: master\nCREATE TABLE master.colours (name TEXT PRIMARY KEY);\n",
        "-- schema: master\nDROP TABLE master.colours;\n",
    )
    write_pair(
        base_sql_dir,
        "seed",
        "20990101_000000_default_colours",
        "-- schema: master\nINSERT INTO master.colours (name) VALUES ('red'), ('blue');\n",
        "-- schema: master\nDELETE FROM master.colours WHERE name IN ('red', 'blue');\n",
    )
    upgrade_all(empty_database_url, base_sql_dir)
    first = _row_counts(empty_database_url)

    # when
    applied = up(empty_database_url, base_sql_dir, "seed")

    # then
    assert applied == []
    assert _row_counts(empty_database_url) == first == {"master.colours": 2}
    assert down(empty_database_url, base_sql_dir, "seed") == ["20990101_000000_default_colours"]
    assert _row_counts(empty_database_url) == {"master.colours": 0}


def test_the_real_seeds_applied_twice_add_nothing(empty_database_url: str) -> None:
    # given
    upgrade_all(empty_database_url, REAL_SQL_DIR)
    first = _row_counts(empty_database_url)

    # when
    applied = up(empty_database_url, REAL_SQL_DIR, "seed")

    # then
    assert applied == []
    assert _row_counts(empty_database_url) == first
    if migration_names(kind="seed"):
        assert sum(first.values()) > 0


def test_seed_down_then_up_restores_the_same_rows(empty_database_url: str) -> None:
    # given
    upgrade_all(empty_database_url, REAL_SQL_DIR)
    first = _row_counts(empty_database_url)

    # when
    down(empty_database_url, REAL_SQL_DIR, "seed")
    emptied = _row_counts(empty_database_url)
    up(empty_database_url, REAL_SQL_DIR, "seed")

    # then
    assert set(emptied.values()) <= {0}
    assert _row_counts(empty_database_url) == first
