"""The runner owns `public.migration_history`; databases from before that still upgrade cleanly."""

from __future__ import annotations

from pathlib import Path

import psycopg

from graphql_api.migrations.runner import down, status, up
from tests.migrations.helpers import history_names, regclass

# The row the retired migration left behind: its name, kind and the checksum of its up file.
_RETIRED_ROW = (
    "20251125_000001_create_migration_history",
    "migrate",
    "1c61c7a8e804cf7dc8a43c703447b02d31b9ea39cbd86386d24829efb263d668",
)


def test_up_creates_the_history_table_before_the_first_migration(
    empty_database_url: str, tmp_path: Path
) -> None:
    # when: there is not even a migration to run
    applied = up(empty_database_url, tmp_path / "sql", "migrate")

    # then
    assert applied == []
    assert regclass(empty_database_url, "public.migration_history") == "migration_history"


def test_a_database_that_ran_the_retired_history_migration_upgrades_cleanly(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given: a database migrated while 000001 still created the history table
    up(empty_database_url, base_sql_dir, "migrate")
    with psycopg.connect(empty_database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO public.migration_history (name, type, checksum) VALUES (%s, %s, %s)",
            _RETIRED_ROW,
        )

    # when
    applied = up(empty_database_url, base_sql_dir, "migrate")
    states = [
        (entry.name, entry.state) for entry in status(empty_database_url, base_sql_dir, "migrate")
    ]
    rolled_back = down(empty_database_url, base_sql_dir, "migrate")

    # then: its row is neither pending, missing nor rolled back, and it stays for older runners
    assert applied == []
    assert states == [("20251125_000000_create_schemas", "applied")]
    assert rolled_back == ["20251125_000000_create_schemas"]
    assert history_names(empty_database_url) == [_RETIRED_ROW[0]]
