"""The embedded PostgreSQL: a clear way out when its extra is not installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graphql_api.config import ConfigError
from graphql_api.data.embedded import start_embedded


def test_missing_embedded_extra_says_how_to_fix_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pgserver", None)  # importing it now fails
    with pytest.raises(ConfigError) as refused:
        start_embedded(tmp_path / "pg")
    assert "pip install -e '.[embedded]'" in str(refused.value)
    assert "DATABASE_URL" in str(refused.value)
