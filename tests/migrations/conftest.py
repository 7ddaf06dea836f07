from __future__ import annotations

from pathlib import Path

import pytest

from tests.migrations.helpers import copy_pair


@pytest.fixture
def base_sql_dir(tmp_path: Path) -> Path:
    """A throwaway sql folder holding only the first real migration, which creates the schemas."""
    sql_dir = tmp_path / "sql"
    copy_pair("20251125_000000_create_schemas", sql_dir)
    return sql_dir
