"""The `migrate`, `seed` and `generate` verbs as an operator runs them."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from graphql_api.config import Settings
from graphql_api.migrations import MigrationError
from graphql_api.migrations.cli import register
from graphql_api.migrations.generate import generate
from graphql_api.migrations.runner import up
from tests.migrations.helpers import write_pair


def _run(argv: list[str], url: str, sql_dir: Path) -> int:
    parser = argparse.ArgumentParser(prog="graphql-api")
    register(parser.add_subparsers(required=True), sql_dir)
    args = parser.parse_args(argv)
    code: int = args.handler(args, Settings(app_env="test", database_url=url))
    return code


def test_status_check_fails_while_anything_is_pending(
    empty_database_url: str, base_sql_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given: a fresh database, nothing applied
    # when
    before = _run(["migrate", "status", "--check"], empty_database_url, base_sql_dir)
    up_code = _run(["migrate", "up"], empty_database_url, base_sql_dir)
    after = _run(["migrate", "status", "--check"], empty_database_url, base_sql_dir)

    # then
    assert (before, up_code, after) == (3, 0, 0)
    lines = capsys.readouterr().out.splitlines()
    assert "pending      20251125_000000_create_schemas" in lines
    assert "applied      20251125_000000_create_schemas" in lines


def test_status_check_fails_on_a_changed_file_and_up_exits_non_zero(
    empty_database_url: str, base_sql_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    up(empty_database_url, base_sql_dir, "migrate")
    with (base_sql_dir / "migrate" / "20251125_000000_create_schemas.up.sql").open("a") as file:
        file.write("-- an edit after the fact\n")

    # when
    check = _run(["migrate", "status", "--check"], empty_database_url, base_sql_dir)
    plain = _run(["migrate", "status"], empty_database_url, base_sql_dir)
    up_code = _run(["migrate", "up"], empty_database_url, base_sql_dir)

    # then
    assert (check, plain, up_code) == (3, 0, 1)
    captured = capsys.readouterr()
    assert "changed      20251125_000000_create_schemas" in captured.out
    assert captured.err.startswith(
        "graphql-api migrate: migrate/20251125_000000_create_schemas.up.sql: changed"
    )
    assert captured.err.count("\n") == 1


def test_down_steps_on_the_command_line(
    empty_database_url: str, base_sql_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    write_pair(base_sql_dir, "seed", "20990101_000000_a", "-- schema: public\n", "-- a\n")
    write_pair(base_sql_dir, "seed", "20990101_000001_b", "-- schema: public\n", "-- b\n")
    _run(["migrate", "up"], empty_database_url, base_sql_dir)
    _run(["seed", "up"], empty_database_url, base_sql_dir)

    # when
    refused = _run(["migrate", "down"], empty_database_url, base_sql_dir)
    one = _run(["seed", "down", "--steps", "1"], empty_database_url, base_sql_dir)
    _run(["seed", "status"], empty_database_url, base_sql_dir)

    # then
    assert (refused, one) == (1, 0)
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == ["applied      20990101_000000_a", "pending      20990101_000001_b"]


def test_generate_writes_a_pair_that_up_accepts(
    empty_database_url: str, base_sql_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = _run(
        ["generate", "--type=migrate", "--name=add_listing_colour", "--schema=app"],
        empty_database_url,
        base_sql_dir,
    )

    # then
    assert code == 0
    written = sorted((base_sql_dir / "migrate").glob("*_add_listing_colour.*.sql"))
    assert [path.name[16:] for path in written] == [
        "add_listing_colour.down.sql",
        "add_listing_colour.up.sql",
    ]
    assert all(path.read_text().startswith("-- schema: app\n") for path in written)
    stamp = written[0].name[:15]
    assert abs(
        dt.datetime.strptime(stamp + "+0000", "%Y%m%d_%H%M%S%z") - dt.datetime.now(dt.UTC)
    ) < (dt.timedelta(minutes=1))
    assert "wrote" in capsys.readouterr().out
    assert up(empty_database_url, base_sql_dir, "migrate")[-1].endswith("_add_listing_colour")


@pytest.mark.parametrize("name", ["AddColour", "add-colour", "add colour", "_add", "1_add", ""])
def test_generate_refuses_a_name_that_is_not_snake_case(tmp_path: Path, name: str) -> None:
    with pytest.raises(MigrationError, match="not snake_case"):
        generate(tmp_path, "seed", name, "master")
    assert not (tmp_path / "seed").exists()


def test_generate_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given
    now = dt.datetime(2099, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    up_path, _ = generate(tmp_path, "seed", "demo_rows", "master", now=now)
    up_path.write_text("-- schema: master\nSELECT 1;\n")

    # when / then
    with pytest.raises(MigrationError, match=r"^seed/20990102_030405_demo_rows.up.sql already"):
        generate(tmp_path, "seed", "demo_rows", "master", now=now)
    with pytest.raises(MigrationError, match="already has a file stamped 20990102_030405"):
        generate(tmp_path, "seed", "other_rows", "master", now=now)
    assert up_path.read_text() == "-- schema: master\nSELECT 1;\n"


def test_generate_on_the_command_line_reports_a_bad_name_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(["generate", "--type=seed", "--name=Bad", "--schema=master"], "unused", tmp_path)
    assert code == 1
    assert capsys.readouterr().err == (
        "graphql-api seed: --name 'Bad' is not snake_case (e.g. add_listing_color)\n"
    )
