"""Migration and seed files on disk: find them, pair up with down, and refuse a broken folder.

Everything here is checked before a connection is opened, so a typo in a file name never leaves
a database half-migrated.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Literal

from graphql_api.config import PROJECT_ROOT
from graphql_api.migrations.errors import MigrationError

# Not a setting: `sql/queries/` sits beside `migrate/` and `seed/` and is read from the project
# at import time, so moving only the migrations would split the schema from its statements.
SQL_DIR = PROJECT_ROOT / "sql"

Kind = Literal["migrate", "seed"]
KINDS: tuple[Kind, ...] = ("migrate", "seed")

# A seed named `<stamp>_demo_<name>` is demo data; every other seed is reference data.
DEMO_PREFIX = "demo_"

SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_FILE_PATTERN = re.compile(
    rf"(?P<name>\d{{8}}_\d{{6}}_{SNAKE_CASE.pattern})\.(?P<direction>up|down)\.sql"
)


@dataclasses.dataclass(frozen=True, slots=True)
class MigrationFile:
    name: str
    kind: Kind
    up_path: Path
    down_path: Path

    @property
    def version(self) -> str:
        return self.name[:15]

    @property
    def is_demo(self) -> bool:
        """Demo data (accounts with a published password, fake listings): never in production.

        Told by the name, not by a header comment: the runner refuses an applied file whose
        bytes change, so the seeds already applied everywhere could not gain a header line, and
        a name cannot drift from a separate manifest. Every other seed is reference data (the
        category tree, the locations) that every environment needs.
        """
        return self.kind == "seed" and self.name[16:].startswith(DEMO_PREFIX)

    def checksum(self) -> str:
        return checksum_of(self.up_path.read_bytes())


def checksum_of(up_body: bytes) -> str:
    """sha256 of the up file's bytes: what history compares to refuse an edited file."""
    return hashlib.sha256(up_body).hexdigest()


def folder(sql_dir: Path, kind: Kind) -> Path:
    return sql_dir / kind


def discover(sql_dir: Path, kind: Kind) -> list[MigrationFile]:
    """Every up/down pair of `kind`, in name order; a missing folder means no files."""
    directory = folder(sql_dir, kind)
    if not directory.is_dir():
        return []
    ups: dict[str, Path] = {}
    downs: dict[str, Path] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_PATTERN.fullmatch(path.name)
        if match is None:
            raise MigrationError(
                f"{shown(path)}: malformed name, expected "
                "<YYYYMMDD_HHMMSS>_<snake_name>.<up|down>.sql"
            )
        side = ups if match["direction"] == "up" else downs
        side[match["name"]] = path
    _refuse_unpaired(ups, downs)
    files = [
        MigrationFile(name=name, kind=kind, up_path=ups[name], down_path=downs[name])
        for name in sorted(ups)
    ]
    _refuse_duplicate_versions(files)
    return files


def _refuse_unpaired(ups: dict[str, Path], downs: dict[str, Path]) -> None:
    for name in sorted(ups.keys() ^ downs.keys()):
        path, missing = (ups[name], "down") if name in ups else (downs[name], "up")
        raise MigrationError(f"{shown(path)}: no matching {name}.{missing}.sql")


def _refuse_duplicate_versions(files: list[MigrationFile]) -> None:
    """Two files with one timestamp have no meaningful order between them, so refuse them."""
    counts = Counter(file.version for file in files)
    for file in files:
        if counts[file.version] > 1:
            raise MigrationError(
                f"{shown(file.up_path)}: duplicate timestamp {file.version} in {file.kind}/"
            )


def shown(path: Path) -> str:
    """`migrate/<file>`: short enough for one line, enough to find the file."""
    return f"{path.parent.name}/{path.name}"
