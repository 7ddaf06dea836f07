"""Shared fixtures: a real PostgreSQL (embedded, or the one DATABASE_URL names) and a live server.

Each test session works in databases of its own (`gqlapi_test_<random>`), created on the server
and dropped afterwards, so a developer's data and a CI server's other databases are never touched.
Migrations and the tests' own reads and writes run as the owner (the server's superuser); the live
server logs in as `API_ROLE`, a member of the application role, as it does in production, so a
statement the application role may not run fails the test that reaches it. With
`TEST_THROUGH_PGBOUNCER=1` the live servers reach PostgreSQL through PgBouncer in transaction
mode (`tests/pgbouncer.py`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import uvicorn
from psycopg import sql
from psycopg.conninfo import make_conninfo

from graphql_api.app import create_app
from graphql_api.cli import proxy_header_options
from graphql_api.config import PROJECT_ROOT, Settings, load_settings
from graphql_api.data.database import drop_database, ensure_database, with_database
from graphql_api.data.embedded import start_embedded
from graphql_api.data.roles import APP_ROLE
from graphql_api.migrations import upgrade_all
from tests.pgbouncer import ENABLED as THROUGH_PGBOUNCER
from tests.pgbouncer import PgBouncer

TEST_DATA_DIR = PROJECT_ROOT / ".data" / "test-postgres"

# Roles belong to the cluster, so each session has its own (sessions may share a server).
API_ROLE = f"gqlapi_test_api_{secrets.token_hex(4)}"
_API_PASSWORD = secrets.token_urlsafe(16)


# With TEST_THROUGH_PGBOUNCER=1, the PgBouncer in front of the session's server (`admin_url`).
_pgbouncer: PgBouncer | None = None


@pytest.fixture(scope="session")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A URL to the server's maintenance database, from which test databases are created.

    It also makes `API_ROLE` for the session and drops it at the end (after the databases), and
    starts PgBouncer in front of the server when the session runs through it.
    """
    global _pgbouncer
    settings = load_settings(env_file=None)
    url = settings.database_url or start_embedded(TEST_DATA_DIR)
    with psycopg.connect(url, autocommit=True) as conn:
        _create_api_role(conn)
    if THROUGH_PGBOUNCER:
        _pgbouncer = PgBouncer(url, API_ROLE, _API_PASSWORD, tmp_path_factory.mktemp("pgbouncer"))
        _pgbouncer.start()
        assert _pgbouncer.fronts(url), "the session's databases would bypass PgBouncer"
    yield url
    if _pgbouncer is not None:
        _pgbouncer.stop()
        _pgbouncer = None
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(API_ROLE)))


def _role_exists(conn: psycopg.Connection[Any], name: str) -> bool:
    found = conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [name])
    return found.fetchone() is not None


def _create_api_role(conn: psycopg.Connection[Any]) -> None:
    conn.execute(
        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(API_ROLE), sql.Literal(_API_PASSWORD)
        )
    )


def as_api_role(owner_url: str) -> str:
    """`owner_url`'s database as `API_ROLE`, a member of the application role once it exists.

    The application role is made by the first migration run on the server, so a server started
    on a database that was never migrated logs in without it (and has nothing to read anyway).
    """
    with psycopg.connect(owner_url, autocommit=True) as conn:
        if not _role_exists(conn, API_ROLE):  # a cluster of a test's own (see postgres_cluster)
            _create_api_role(conn)
        found = conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [APP_ROLE])
        if found.fetchone() is not None:
            conn.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), sql.Identifier(API_ROLE))
            )
    return make_conninfo(owner_url, user=API_ROLE, password=_API_PASSWORD)


@pytest.fixture(scope="session")
def make_database(admin_url: str) -> Iterator[Callable[[], str]]:
    """Create empty databases on demand; all are dropped when the session ends."""
    created: list[str] = []

    def make() -> str:
        name = f"gqlapi_test_{secrets.token_hex(4)}"
        ensure_database(admin_url, name)
        created.append(name)
        return with_database(admin_url, name)

    yield make
    for name in created:
        drop_database(admin_url, name)


@pytest.fixture
def empty_database_url(make_database: Callable[[], str]) -> str:
    return make_database()


@pytest.fixture(scope="session")
def database_url(make_database: Callable[[], str]) -> str:
    """One database for the session, with every migration and seed applied."""

    url = make_database()
    upgrade_all(url, PROJECT_ROOT / "sql")
    return url


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    outbox = tmp_path_factory.mktemp("sms") / "outbox.jsonl"
    return dataclasses.replace(
        load_settings(env_file=None),
        app_env="test",
        sms_backend="outbox",
        sms_outbox=outbox,
        cors_origins=("https://app.example.com",),
        # Every test signs up and texts from 127.0.0.1; the limits' own tests start a server
        # with low ones.
        signups_per_ip_per_hour=100_000,
        sms_per_ip_per_hour=100_000,
        sms_per_hour=100_000,
        # a transaction pooler cannot keep a prepared statement with its client
        prepared_statements=not THROUGH_PGBOUNCER,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """The real app under uvicorn in a background thread, reached over real HTTP."""

    def __init__(self, settings: Settings, database_url: str, **app_options: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings, database_url, **app_options),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            **proxy_header_options(settings),
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("live server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def start_live_server(
    settings: Settings, database_url: str, *, direct: bool = False, **app_options: Any
) -> LiveServer:
    """A server on `database_url`'s database (an owner's URL), logged in as `API_ROLE`.

    When the session runs through PgBouncer, its pool connects through it and its catalogue
    listener directly (for a database on the session's server; a test's own cluster has none),
    unless `direct`: a test about the pool's own server connections (counting, ending them).
    `app_options` go to `create_app`.
    """
    url = as_api_role(database_url)
    if _pgbouncer is not None and _pgbouncer.fronts(url) and not direct:
        settings = dataclasses.replace(
            settings, listen_database_url=settings.listen_database_url or url
        )
        url = _pgbouncer.url_for(url)
    server = LiveServer(settings, url, **app_options)
    server.start()
    return server


@contextlib.contextmanager
def another_server(
    settings: Settings, database_url: str, fresh_buckets: Sequence[str] = (), **changes: Any
) -> Iterator[httpx.Client]:
    """A client of a second server on the same database, its settings with `changes`.

    Rate-limit counters live in that shared database, so the buckets a test counts on are emptied
    before and after (tests run one at a time).
    """

    def empty_buckets() -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(
                "DELETE FROM auth.rate_limit_hits WHERE bucket = ANY(%s)", [list(fresh_buckets)]
            )

    empty_buckets()
    server = start_live_server(dataclasses.replace(settings, **changes), database_url)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield client
    finally:
        server.stop()
        empty_buckets()


@pytest.fixture(scope="session")
def live_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    server = start_live_server(settings, database_url)
    yield server
    server.stop()


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def sql_dir() -> Path:
    return PROJECT_ROOT / "sql"
