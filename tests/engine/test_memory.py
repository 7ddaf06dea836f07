"""Unique documents cannot grow the server's memory: every per-document cache is bounded, and
what the caches let go of is freed at once.

Measured on `graphql-api serve` in a process of its own, as it runs in production (its garbage
collector tuned for throughput, see `cli`), with clients in this process sending in parallel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.client import data_of, gql
from tests.conftest import free_port

UNIQUE_DOCUMENTS = 10_000
WARM_UP = 200
CLIENTS = 4
MAX_GROWTH_BYTES = 50 * 1024 * 1024


def _document(n: int) -> str:
    """A document of its own (its aliases) with a small answer from the in-memory catalogue (no
    SQL), for which the fast executor compiles programs that later executions may share."""
    return f"""{{ c{n}: category(slug: "electronics") {{ id name slug createdAt
                    parent {{ id name slug createdAt }} ancestors {{ id name slug createdAt }} }}
                 l{n}: location(slug: "seattle-wa") {{ id city state country slug createdAt }} }}"""


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "APP_ENV": "test",
        "SMS_BACKEND": "outbox",
        "SMS_OUTBOX": str(tmp_path / "outbox.jsonl"),
        "WEB_CONCURRENCY": "1",  # the RSS measured is this one process's
    }
    with (tmp_path / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphql_api", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _ready(url):
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz").status_code == 200
    except httpx.TransportError:
        return False


def _resident_bytes(process: subprocess.Popen[bytes]) -> int:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in the server's /proc status")


def _send(url: str, numbers: range) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        for n in numbers:
            data_of(gql(client, _document(n)))


def test_ten_thousand_unique_documents_grow_memory_by_less_than_50_mb(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, url = server
    # given a server that has answered a few hundred documents
    _send(url, range(UNIQUE_DOCUMENTS, UNIQUE_DOCUMENTS + WARM_UP))
    before = _resident_bytes(process)
    # when it is sent 10,000 documents it has never seen
    with ThreadPoolExecutor(CLIENTS) as clients:
        shares = [range(i, UNIQUE_DOCUMENTS, CLIENTS) for i in range(CLIENTS)]
        for done in [clients.submit(_send, url, share) for share in shares]:
            done.result()
    # then its memory grew by less than 50 MB
    grown = _resident_bytes(process) - before
    assert grown < MAX_GROWTH_BYTES, f"grew by {grown / 2**20:.0f} MB"
