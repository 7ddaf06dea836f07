"""The embedded PostgreSQL used when `DATABASE_URL` is unset.

`pgserver` ships real PostgreSQL binaries in a wheel, so `make run` and `make test` need no
system database. Its data directory persists, so demo data survives restarts; the server is
stopped when the last process that started it exits.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from graphql_api.config import ConfigError


def start_embedded(data_dir: Path) -> str:
    """Start (or join) the embedded server in `data_dir`; return its maintenance-database URL."""
    logging.getLogger("pgserver").setLevel(logging.WARNING)  # its INFO lines narrate every start
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here
            warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
            import pgserver
    except ImportError as exc:
        raise ConfigError(
            "DATABASE_URL is not set and the embedded PostgreSQL is not installed: "
            "run `pip install -e '.[embedded]'` (make run does this) or set DATABASE_URL"
        ) from exc
    data_dir.mkdir(parents=True, exist_ok=True)
    server: Any = pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    return str(server.get_uri())
