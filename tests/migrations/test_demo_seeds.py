"""Seeds are reference data (every environment needs them) or demo data (never in production)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from graphql_api.config import AppEnv, Settings
from graphql_api.migrations.cli import register
from graphql_api.migrations.files import discover
from tests.dbutil import sql
from tests.migrations.helpers import REAL_SQL_DIR

_DEMO_SEEDS = ["20251201_000002_demo_users", "20251201_000003_demo_listings"]

_ROWS = """
    SELECT (SELECT count(*) FROM master.categories), (SELECT count(*) FROM master.locations),
           (SELECT count(*) FROM auth.user), (SELECT count(*) FROM app.listings)
"""


def _run(argv: list[str], url: str, app_env: AppEnv) -> int:
    parser = argparse.ArgumentParser(prog="graphql-api")
    register(parser.add_subparsers(required=True), REAL_SQL_DIR)
    args = parser.parse_args(argv)
    code: int = args.handler(args, Settings(app_env=app_env, database_url=url))
    return code


def _counts(url: str) -> dict[str, int]:
    ((categories, locations, users, listings),) = sql(url, _ROWS)
    return {"categories": categories, "locations": locations, "users": users, "listings": listings}


def test_categories_and_locations_are_reference_data_users_and_listings_demo_data() -> None:
    # when
    kinds = {file.name: file.is_demo for file in discover(REAL_SQL_DIR, "seed")}

    # then
    assert kinds == {
        "20251201_000000_default_categories": False,
        "20251201_000001_default_locations": False,
        "20251201_000002_demo_users": True,
        "20251201_000003_demo_listings": True,
    }


def test_seed_up_in_production_applies_the_reference_seeds_only(
    empty_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    _run(["migrate", "up"], empty_database_url, "production")

    # when
    code = _run(["seed", "up"], empty_database_url, "production")
    check = _run(["seed", "status", "--check"], empty_database_url, "production")

    # then
    assert (code, check) == (0, 0)
    counts = _counts(empty_database_url)
    assert counts["categories"] > 0
    assert counts["locations"] > 0
    assert (counts["users"], counts["listings"]) == (0, 0)
    out = capsys.readouterr().out.splitlines()
    assert "seed: applied 2" in out
    assert [f"skipped      {name}" for name in _DEMO_SEEDS] == out[-2:]


def test_demo_seeds_left_out_in_production_are_applied_by_a_later_development_run(
    empty_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    _run(["migrate", "up"], empty_database_url, "production")
    _run(["seed", "up"], empty_database_url, "production")
    capsys.readouterr()

    # when
    code = _run(["seed", "up"], empty_database_url, "development")

    # then
    assert code == 0
    assert capsys.readouterr().out == "seed: applied 2\n"
    assert _counts(empty_database_url)["users"] == 4


def test_a_demo_seed_is_refused_in_production_with_one_line(
    empty_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    _run(["migrate", "up"], empty_database_url, "production")
    capsys.readouterr()

    # when
    code = _run(["seed", "up", "--demo"], empty_database_url, "production")

    # then
    assert code == 1
    assert capsys.readouterr().err == (
        "graphql-api seed: demo seeds are never applied when APP_ENV=production; "
        "`seed up` applies the reference seeds\n"
    )
    assert _counts(empty_database_url) == {
        "categories": 0,
        "locations": 0,
        "users": 0,
        "listings": 0,
    }


def test_no_demo_leaves_the_demo_seeds_out_anywhere(
    empty_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    _run(["migrate", "up"], empty_database_url, "development")

    # when
    code = _run(["seed", "up", "--no-demo"], empty_database_url, "development")

    # then
    assert code == 0
    assert _counts(empty_database_url)["users"] == 0
    assert _counts(empty_database_url)["categories"] > 0


def test_a_seed_named_demo_in_a_throwaway_folder_is_demo_data(tmp_path: Path) -> None:
    # given
    folder = tmp_path / "seed"
    folder.mkdir()
    for name in ("20990101_000000_demo_rows", "20990101_000001_demonstration_rows"):
        for direction in ("up", "down"):
            (folder / f"{name}.{direction}.sql").write_text("-- schema: public\n")

    # when
    kinds = {file.name: file.is_demo for file in discover(tmp_path, "seed")}

    # then: the prefix is the word `demo_`, not any name starting with those letters
    assert kinds == {
        "20990101_000000_demo_rows": True,
        "20990101_000001_demonstration_rows": False,
    }
