"""Up, down and up again leave the same database; every down undoes exactly its own up."""

from __future__ import annotations

from pathlib import Path

from graphql_api.migrations import upgrade_all
from graphql_api.migrations.runner import down, up
from tests.migrations.helpers import (
    REAL_SQL_DIR,
    catalogue,
    copy_pair,
    history_names,
    migration_names,
    regclass,
)


def test_up_down_up_gives_the_same_catalogue_and_down_leaves_only_the_history_table(
    empty_database_url: str,
) -> None:
    # given
    empty = catalogue(empty_database_url, with_history=False)
    upgrade_all(empty_database_url, REAL_SQL_DIR)
    first = catalogue(empty_database_url)

    # when
    down(empty_database_url, REAL_SQL_DIR, "seed")
    down(empty_database_url, REAL_SQL_DIR, "migrate")
    after_down = catalogue(empty_database_url, with_history=False)
    history_after_down = history_names(empty_database_url)
    history_table_after_down = regclass(empty_database_url, "public.migration_history")
    upgrade_all(empty_database_url, REAL_SQL_DIR)
    second = catalogue(empty_database_url)

    # then
    assert after_down == empty
    assert after_down["schemas"] == [("public",)]
    assert history_after_down == []
    assert history_table_after_down == "migration_history"
    assert second == first
    assert {("public", "migration_history", "r"), ("app", "listings", "r")} <= set(
        first["relations"]
    )


def test_each_down_reverses_exactly_its_own_up(empty_database_url: str, tmp_path: Path) -> None:
    sql_dir = tmp_path / "sql"
    for name in migration_names():
        # given: every earlier migration applied
        before = catalogue(empty_database_url, with_history=False)
        copy_pair(name, sql_dir)

        # when
        assert up(empty_database_url, sql_dir, "migrate")[-1:] == [name]
        assert down(empty_database_url, sql_dir, "migrate", steps=1) == [name]

        # then
        assert catalogue(empty_database_url, with_history=False) == before, name
        up(empty_database_url, sql_dir, "migrate")
    assert history_names(empty_database_url) == migration_names()
