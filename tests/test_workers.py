"""`graphql-api serve --workers N`: processes on one port, each with its own catalogue, all of them
following the database; SIGTERM lets the requests in flight finish and accepts no new ones."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest

from graphql_api.config import PROJECT_ROOT
from graphql_api.migrations import upgrade_all
from tests.conftest import as_api_role, free_port
from tests.dbutil import run

CATEGORY = "query($slug: String!) { category(slug: $slug) { name } }"
TREE = "{ categories { slug } }"
PAGE = """query($after: String) {
  listings(first: 1, after: $after) { nodes { id } pageInfo { endCursor } }
}"""
PROCESS = "x-server-process"


class Served:
    """A `serve` subprocess and where it answers."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log


@pytest.fixture
def owner_url(make_database: Callable[[], str]) -> str:
    """A migrated database of this test's own, so the only servers on it are the test's."""
    url = make_database()
    upgrade_all(url, PROJECT_ROOT / "sql")
    return url


@pytest.fixture
def serve(owner_url: str, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str, **env: str) -> Served:
        port, log = free_port(), tmp_path / f"server-{len(started)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": as_api_role(owner_url),
            "APP_ENV": "test",
            "SMS_BACKEND": "outbox",
            "SMS_OUTBOX": str(tmp_path / "outbox.jsonl"),
            **env,
        }
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "graphql_api", "serve", "--port", str(port), *args],
                cwd=tmp_path,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        served = Served(process, f"http://127.0.0.1:{port}", log)
        _wait_until_ready(served)
        return served

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_ready(served: Served) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert served.process.poll() is None, served.log.read_text()
        try:
            if httpx.get(f"{served.url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"serve was not ready within 60 s: {served.log.read_text()}")


def _post(url: str, document: str, variables: dict[str, str]) -> httpx.Response:
    """One request on a connection of its own, so the kernel may hand it to any worker."""
    response = httpx.post(
        f"{url}/graphql", json={"query": document, "variables": variables}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response


def _responses(
    url: str, document: str, variables: dict[str, str], count: int
) -> list[httpx.Response]:
    with ThreadPoolExecutor(max_workers=4) as clients:
        return list(clients.map(lambda _: _post(url, document, variables), range(count)))


def test_a_category_change_reaches_every_worker(
    serve: Callable[..., Served], owner_url: str
) -> None:
    # given two workers, each with a catalogue snapshot of its own (a response that ran no SQL
    # was served from it)
    server = serve("--workers", "2")
    slug = f"workers-{uuid.uuid4().hex[:8]}"
    warm: set[str] = set()
    deadline = time.monotonic() + 30
    while len(warm) < 2:
        assert time.monotonic() < deadline, f"workers warmed: {warm}"
        for response in _responses(server.url, CATEGORY, {"slug": slug}, 8):
            assert response.json()["data"] == {"category": None}
            if response.headers["x-sql-statements"] == "0":
                warm.add(response.headers[PROCESS])

    # when the tables' owner adds a category
    run(owner_url, "INSERT INTO master.categories (name, slug) VALUES ('Workers', %s)", [slug])
    time.sleep(1.0)

    # then every response of both workers shows it
    answered: set[str] = set()
    while answered != warm:
        assert time.monotonic() < deadline + 30, f"workers answering: {answered}"
        for response in _responses(server.url, CATEGORY, {"slug": slug}, 8):
            assert response.json()["data"] == {"category": {"name": "Workers"}}
            answered.add(response.headers[PROCESS])


def test_workers_come_from_web_concurrency(serve: Callable[..., Served]) -> None:
    # given
    server = serve(WEB_CONCURRENCY="2")

    # when
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while len(seen) < 2 and time.monotonic() < deadline:
        seen |= {r.headers[PROCESS] for r in _responses(server.url, TREE, {}, 8)}

    # then
    assert len(seen) == 2
    assert server.process.pid not in {int(pid) for pid in seen}


def test_every_worker_reads_the_cursors_of_every_other(serve: Callable[..., Served]) -> None:
    # given workers whose SECRET_KEY is generated at start (none is set)
    server = serve("--workers", "2", SECRET_KEY="")
    first = _post(server.url, PAGE, {}).json()["data"]["listings"]
    cursor = first["pageInfo"]["endCursor"]

    # when the next page is asked of both workers
    answered: set[str] = set()
    deadline = time.monotonic() + 30
    while len(answered) < 2:
        assert time.monotonic() < deadline, f"workers answering: {answered}"
        for response in _responses(server.url, PAGE, {"after": cursor}, 8):
            # then each reads the cursor (they sign with one key)
            assert "errors" not in response.json(), response.json()
            answered.add(response.headers[PROCESS])


def test_sigterm_lets_a_request_in_flight_finish_and_accepts_no_new_ones(
    serve: Callable[..., Served], owner_url: str
) -> None:
    # given a request waiting for a lock the test holds (a slow request in flight)
    server = serve("--workers", "2", LOCK_TIMEOUT_MS="20000", STATEMENT_TIMEOUT_MS="20000")
    slug = f"in-flight-{uuid.uuid4().hex[:8]}"
    run(owner_url, "INSERT INTO master.categories (name, slug) VALUES ('Slow', %s)", [slug])
    answer: list[httpx.Response] = []
    with psycopg.connect(owner_url) as lock_holder:
        lock_holder.execute("LOCK TABLE master.categories IN ACCESS EXCLUSIVE MODE")
        in_flight = threading.Thread(
            target=lambda: answer.append(_post(server.url, CATEGORY, {"slug": slug}))
        )
        in_flight.start()
        _wait_for_a_waiting_statement(owner_url)

        # when the server is told to stop, and then the lock is released
        server.process.terminate()
        time.sleep(1.0)
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{server.url}/healthz", timeout=1)
    in_flight.join(timeout=30)

    # then the request in flight got its full answer, and the server exited cleanly
    assert answer[0].json()["data"] == {"category": {"name": "Slow"}}
    assert server.process.wait(timeout=30) == 0


def _wait_for_a_waiting_statement(owner_url: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with psycopg.connect(owner_url, autocommit=True) as conn:
            waiting = conn.execute(
                """SELECT count(*) FROM pg_catalog.pg_stat_activity
                   WHERE datname = current_database() AND wait_event_type = 'Lock'"""
            ).fetchone()
        if waiting is not None and waiting[0] > 0:
            return
        time.sleep(0.05)
    pytest.fail("no request waited for the lock")
