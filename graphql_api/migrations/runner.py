"""Apply and roll back files: one transaction per file, one runner at a time per database.

Each file runs together with its history row in one transaction, so a failure leaves neither
half a file nor a row claiming it ran. A session-level advisory lock makes a second runner wait,
then re-read history, so two deploys starting together apply every file exactly once.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import psycopg

from graphql_api.data.queries import query
from graphql_api.migrations import history
from graphql_api.migrations.errors import MigrationError
from graphql_api.migrations.files import Kind, MigrationFile, checksum_of, discover, shown
from graphql_api.migrations.status import Entry, compare

_ACQUIRE_LOCK = query("acquire_migration_lock")
_RELEASE_LOCK = query("release_migration_lock")

log = logging.getLogger(__name__)


def upgrade_all(url: str, sql_dir: Path, *, demo: bool = True) -> None:
    """Pending migrations, then pending seeds: what a fresh or updated deploy needs.

    Without `demo` only reference seeds are applied (production: see `MigrationFile.is_demo`).
    """
    up(url, sql_dir, "migrate")
    up(url, sql_dir, "seed", demo=demo)


def up(url: str, sql_dir: Path, kind: Kind, *, demo: bool = True) -> list[str]:
    """Apply every pending file of `kind`; return their names. Refuses an edited applied file.

    Without `demo`, demo seeds are left out (and stay pending for a later run that wants them).
    """
    files = discover(sql_dir, kind)
    with _locked(url) as conn:
        history.ensure_table(conn)
        entries = compare(files, history.read(conn), kind, demo=demo)
        for entry in entries:
            if entry.state == "changed" and entry.file is not None:
                raise MigrationError(
                    f"{shown(entry.file.up_path)}: changed since it was applied "
                    "(checksum differs); add a new migration instead of editing this one"
                )
        pending = [entry.file for entry in entries if entry.state == "pending" and entry.file]
        for entry in entries:
            if entry.state == "skipped" and entry.file is not None:
                log.info("left out %s: demo data", shown(entry.file.up_path))
        for file in pending:
            _apply(conn, file)
        return [file.name for file in pending]


def down(url: str, sql_dir: Path, kind: Kind, steps: int | None = None) -> list[str]:
    """Roll back the last `steps` applied files of `kind` (all when None), newest first."""
    files = discover(sql_dir, kind)
    with _locked(url) as conn:
        rows = history.read(conn)
        if kind == "migrate" and any(row.kind == "seed" for row in rows.values()):
            raise MigrationError("seeds are applied: run `seed down` before `migrate down`")
        applied = [
            entry.file
            for entry in compare(files, rows, kind)
            if entry.state in ("applied", "changed") and entry.file is not None
        ]
        chosen = applied[::-1][:steps]
        for file in chosen:
            _roll_back(conn, file)
        return [file.name for file in chosen]


def status(url: str, sql_dir: Path, kind: Kind, *, demo: bool = True) -> list[Entry]:
    files = discover(sql_dir, kind)
    with psycopg.connect(url, autocommit=True) as conn:
        return compare(files, history.read(conn), kind, demo=demo)


@contextlib.contextmanager
def _locked(url: str) -> Iterator[history.Connection]:
    """A connection holding the runner lock; closing it on error releases the lock too."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_ACQUIRE_LOCK.sql)
        yield conn
        conn.execute(_RELEASE_LOCK.sql)


def _apply(conn: history.Connection, file: MigrationFile) -> None:
    body = file.up_path.read_bytes()
    checksum = checksum_of(body)
    try:
        with conn.transaction():
            conn.execute(body)
            history.record(conn, file, checksum)
    except psycopg.Error as exc:
        raise _failure(file.up_path, body, exc) from exc
    log.info("applied %s", shown(file.up_path))


def _roll_back(conn: history.Connection, file: MigrationFile) -> None:
    body = file.down_path.read_bytes()
    try:
        with conn.transaction():
            conn.execute(body)
            history.forget(conn, file)
    except psycopg.Error as exc:
        raise _failure(file.down_path, body, exc) from exc
    log.info("rolled back %s", shown(file.down_path))


def _failure(path: Path, body: bytes, exc: psycopg.Error) -> MigrationError:
    """Name the file, the line PostgreSQL points at (when it points), and its message."""
    message = exc.diag.message_primary or str(exc).splitlines()[0]
    position = exc.diag.statement_position
    if position is None or not position.isdigit():
        return MigrationError(f"{shown(path)}: {message}")
    text = body.decode("utf-8", errors="replace")
    line = text.count("\n", 0, int(position) - 1) + 1
    return MigrationError(f"{shown(path)}, line {line}: {message}")
