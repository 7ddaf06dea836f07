from __future__ import annotations

from pathlib import Path

import pytest

from tests.migrations.helpers import copy_pair


@pytest.fixture
def base_sql_dir(tmp_path: Path) -> Path:
    """A throwaway sql folder holding only the first two real migrations: schemas and history."""
    sql_dir = tmp_path / "sql"
    for name in ("20251125_000000_create_schemas", "20251125_000001_create_migration_history"):
        copy_pair(name, sql_dir)
    return sql_dir
