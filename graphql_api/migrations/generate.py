"""`generate`: a new, empty up/down pair named so it sorts after everything already written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from graphql_api.migrations.errors import MigrationError
from graphql_api.migrations.files import SNAKE_CASE, Kind, folder, shown

_SCHEMA = re.compile(r"[a-z_][a-z0-9_]*")


def generate(
    sql_dir: Path, kind: Kind, name: str, schema: str, now: dt.datetime | None = None
) -> tuple[Path, Path]:
    """Write `<UTC timestamp>_<name>.up.sql` and `.down.sql`; never overwrite either."""
    if not SNAKE_CASE.fullmatch(name):
        raise MigrationError(f"--name {name!r} is not snake_case (e.g. add_listing_color)")
    if not _SCHEMA.fullmatch(schema):
        raise MigrationError(f"--schema {schema!r} is not a plain schema name (e.g. app)")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%d_%H%M%S")
    directory = folder(sql_dir, kind)
    up_path = directory / f"{stamp}_{name}.up.sql"
    down_path = directory / f"{stamp}_{name}.down.sql"
    for path in (up_path, down_path):
        if path.exists():
            raise MigrationError(f"{shown(path)} already exists; not overwriting it")
    if any(directory.glob(f"{stamp}_*.sql")):
        raise MigrationError(f"{kind}/ already has a file stamped {stamp}; try again in a second")
    directory.mkdir(parents=True, exist_ok=True)
    up_path.write_text(f"-- schema: {schema}\n-- <why>\n", encoding="utf-8")
    down_path.write_text(f"-- schema: {schema}\n-- Reverses {up_path.name}\n", encoding="utf-8")
    return up_path, down_path
