"""What `up` and `down` refuse, and what a failing file leaves behind: nothing."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from graphql_api.migrations import MigrationError, upgrade_all
from graphql_api.migrations.runner import down, status, up
from tests.migrations.helpers import history_names, regclass, write_pair

BROKEN_UP = """-- schema: app
CREATE TABLE app.half_done (id integer);
INSERT INTO app.half_done (id) VALUES (1);

SELECT id FROM
  app.no_such_table;
"""


def test_a_failing_file_leaves_no_trace_and_names_file_and_line(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given
    write_pair(base_sql_dir, "migrate", "20990101_000000_broken", BROKEN_UP, "-- schema: app\n")

    # when
    with pytest.raises(MigrationError) as raised:
        up(empty_database_url, base_sql_dir, "migrate")

    # then
    assert str(raised.value) == (
        'migrate/20990101_000000_broken.up.sql, line 6: relation "app.no_such_table" does not exist'
    )
    assert regclass(empty_database_url, "app.half_done") is None
    assert history_names(empty_database_url) == ["20251125_000000_create_schemas"]


def test_a_runtime_error_without_a_position_still_names_the_file(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given
    up_sql = "-- schema: app\nCREATE TABLE app.half_done (id integer);\nSELECT 1 / 0;\n"
    write_pair(base_sql_dir, "migrate", "20990101_000000_divide", up_sql, "-- schema: app\n")

    # when
    with pytest.raises(MigrationError, match=r"^migrate/20990101_000000_divide.up.sql: division"):
        up(empty_database_url, base_sql_dir, "migrate")

    # then
    assert regclass(empty_database_url, "app.half_done") is None
    assert "20990101_000000_divide" not in history_names(empty_database_url)


def test_an_edited_applied_file_is_refused(empty_database_url: str, base_sql_dir: Path) -> None:
    # given
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000000_add_thing",
        "-- schema: app\nCREATE TABLE app.thing (id integer);\n",
        "-- schema: app\nDROP TABLE app.thing;\n",
    )
    write_pair(base_sql_dir, "migrate", "20990101_000001_later", "-- schema: app\n", "-- x\n")
    up(empty_database_url, base_sql_dir, "migrate")
    (base_sql_dir / "migrate" / "20990101_000000_add_thing.up.sql").write_text(
        "-- schema: app\nCREATE TABLE app.thing (id bigint);\n"
    )
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000002_pending",
        "-- schema: app\nCREATE TABLE app.pending (id integer);\n",
        "-- schema: app\nDROP TABLE app.pending;\n",
    )

    # when
    with pytest.raises(MigrationError, match=r"^migrate/20990101_000000_add_thing.up.sql: changed"):
        up(empty_database_url, base_sql_dir, "migrate")

    # then: refused before anything ran
    assert regclass(empty_database_url, "app.pending") is None
    states = {
        entry.name: entry.state for entry in status(empty_database_url, base_sql_dir, "migrate")
    }
    assert states["20990101_000000_add_thing"] == "changed"
    assert states["20990101_000002_pending"] == "pending"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            ["20990101_000000_lonely.up.sql"],
            r"^migrate/20990101_000000_lonely.up.sql: no matching 20990101_000000_lonely.down.sql",
        ),
        (
            ["20990101_000000_orphan.down.sql"],
            r"^migrate/20990101_000000_orphan.down.sql: no matching .*orphan.up.sql",
        ),
        (["2099_bad.up.sql", "2099_bad.down.sql"], r"^migrate/2099_bad.down.sql: malformed name"),
        (
            ["20990101_000000_CamelCase.up.sql", "20990101_000000_CamelCase.down.sql"],
            r"^migrate/20990101_000000_CamelCase.down.sql: malformed name",
        ),
        (["20990101_000000_no_direction.sql"], r"malformed name"),
        (
            [
                "20990101_000000_first.up.sql",
                "20990101_000000_first.down.sql",
                "20990101_000000_second.up.sql",
                "20990101_000000_second.down.sql",
            ],
            r"^migrate/20990101_000000_first.up.sql: duplicate timestamp 20990101_000000",
        ),
    ],
)
def test_a_broken_folder_is_refused_before_touching_the_database(
    empty_database_url: str, base_sql_dir: Path, files: list[str], message: str
) -> None:
    # given
    for name in files:
        (base_sql_dir / "migrate" / name).write_text("-- schema: app\n")

    # when
    with pytest.raises(MigrationError, match=message):
        up(empty_database_url, base_sql_dir, "migrate")

    # then
    assert regclass(empty_database_url, "public.migration_history") is None


def test_migrate_down_is_refused_while_seeds_are_applied(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given
    write_pair(
        base_sql_dir,
        "seed",
        "20990101_000000_demo_schema_row",
        "-- schema: public\nCREATE TABLE public.demo_rows (id integer);\n",
        "-- schema: public\nDROP TABLE public.demo_rows;\n",
    )
    upgrade_all(empty_database_url, base_sql_dir)

    # when / then
    with pytest.raises(MigrationError, match=re.escape("run `seed down` before `migrate down`")):
        down(empty_database_url, base_sql_dir, "migrate")
    assert regclass(empty_database_url, "public.migration_history") is not None
    assert down(empty_database_url, base_sql_dir, "seed") == ["20990101_000000_demo_schema_row"]
    assert down(empty_database_url, base_sql_dir, "migrate") == ["20251125_000000_create_schemas"]


def test_rows_written_by_other_tools_are_reported_not_refused(
    empty_database_url: str, base_sql_dir: Path
) -> None:
    # given: a benchmark's data script recorded names it has no files for, without checksums
    up(empty_database_url, base_sql_dir, "migrate")
    with psycopg.connect(empty_database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO public.migration_history (name, type) VALUES "
            "('20251124_000000_create_schemas', 'migrate'), ('bench_synthetic_data', 'seed')"
        )
        conn.execute(
            "UPDATE public.migration_history SET checksum = NULL "
            "WHERE name = '20251125_000000_create_schemas'"
        )
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000000_add_thing",
        "-- schema: app\nCREATE TABLE app.thing (id integer);\n",
        "-- schema: app\nDROP TABLE app.thing;\n",
    )

    # when
    applied = up(empty_database_url, base_sql_dir, "migrate")

    # then
    assert applied == ["20990101_000000_add_thing"]
    migrate_states = [
        (entry.name, entry.state) for entry in status(empty_database_url, base_sql_dir, "migrate")
    ]
    assert migrate_states == [
        ("20251124_000000_create_schemas", "missing-file"),
        ("20251125_000000_create_schemas", "applied"),
        ("20990101_000000_add_thing", "applied"),
    ]
    seed_states = [
        (entry.name, entry.state) for entry in status(empty_database_url, base_sql_dir, "seed")
    ]
    assert seed_states == [("bench_synthetic_data", "missing-file")]


def test_down_steps_rolls_back_only_the_newest(empty_database_url: str, base_sql_dir: Path) -> None:
    # given
    write_pair(
        base_sql_dir,
        "migrate",
        "20990101_000000_add_thing",
        "-- schema: app\nCREATE TABLE app.thing (id integer);\n",
        "-- schema: app\nDROP TABLE app.thing;\n",
    )
    up(empty_database_url, base_sql_dir, "migrate")

    # when
    rolled_back = down(empty_database_url, base_sql_dir, "migrate", steps=1)

    # then
    assert rolled_back == ["20990101_000000_add_thing"]
    assert regclass(empty_database_url, "app.thing") is None
    assert history_names(empty_database_url) == ["20251125_000000_create_schemas"]
    assert up(empty_database_url, base_sql_dir, "migrate") == ["20990101_000000_add_thing"]
