"""Compare files on disk with history rows: the one place that decides what each file's state is."""

from __future__ import annotations

import dataclasses
from typing import Literal

from graphql_api.migrations.files import Kind, MigrationFile
from graphql_api.migrations.history import HistoryRow

State = Literal["applied", "pending", "skipped", "changed", "missing-file"]

# Migrations whose work the runner took over; their rows in older databases are neither applied
# files nor missing ones. 000001 created the history table, which `history.ensure_table` owns now.
_RETIRED = frozenset({"20251125_000001_create_migration_history"})


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    name: str
    state: State
    file: MigrationFile | None


def compare(
    files: list[MigrationFile], rows: dict[str, HistoryRow], kind: Kind, *, demo: bool = True
) -> list[Entry]:
    """One entry per file and per history row of `kind` without a file, in name order.

    A row without a checksum was written by another tool; it counts as applied, since there is
    nothing to compare it with. A row of a `_RETIRED` migration is left out. Without `demo`, a
    demo seed not yet applied is `skipped` rather than pending: nothing is owed.
    """
    own = {name: row for name, row in rows.items() if row.kind == kind and name not in _RETIRED}
    entries = [_entry(file, own.get(file.name), demo) for file in files]
    names = {file.name for file in files}
    entries += [
        Entry(name=name, state="missing-file", file=None) for name in own if name not in names
    ]
    return sorted(entries, key=lambda entry: entry.name)


def _entry(file: MigrationFile, row: HistoryRow | None, demo: bool) -> Entry:
    if row is None:
        state: State = "skipped" if file.is_demo and not demo else "pending"
        return Entry(name=file.name, state=state, file=file)
    if row.checksum is not None and row.checksum != file.checksum():
        return Entry(name=file.name, state="changed", file=file)
    return Entry(name=file.name, state="applied", file=file)
