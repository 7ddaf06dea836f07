"""Two deploys starting together: the advisory lock makes the second wait, then find nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psycopg

from graphql_api.config import PROJECT_ROOT
from graphql_api.data.queries import query
from tests.migrations.helpers import history_names, migration_names

_ACQUIRE_LOCK = query("acquire_migration_lock")
_WAITING_FOR_ADVISORY_LOCK = (
    "SELECT count(*) FROM pg_locks "
    "WHERE locktype = 'advisory' AND NOT granted AND database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database())"
)


def _migrate_up(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "graphql_api", "migrate", "up"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_waiting(conn: psycopg.Connection[tuple[int]], count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        row = conn.execute(_WAITING_FOR_ADVISORY_LOCK).fetchone()
        if row is not None and row[0] >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{count} runners never queued on the migration lock")


def test_two_runners_at_once_apply_each_file_once_and_both_succeed(
    empty_database_url: str,
) -> None:
    # given: both runners queue on the lock the test holds, so they really start together
    with psycopg.connect(empty_database_url, autocommit=True) as holder:
        holder.execute(_ACQUIRE_LOCK.sql)
        runners = [_migrate_up(empty_database_url), _migrate_up(empty_database_url)]
        _wait_until_waiting(holder, 2)

    # when: the holder's session ends, releasing the lock
    results = [runner.communicate(timeout=120) for runner in runners]

    # then
    assert [runner.returncode for runner in runners] == [0, 0], results
    outputs = sorted(stdout.strip() for stdout, _ in results)
    assert outputs == [f"migrate: applied {len(migration_names())}", "migrate: nothing pending"]
    assert history_names(empty_database_url) == migration_names()
