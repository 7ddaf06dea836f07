"""`graphql-api serve` as a deploy runs it: migrations as the tables' owner, the server as a member
of the application role, and in production a refusal to serve as anything more powerful."""

from __future__ import annotations

import dataclasses
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql as pgsql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from graphql_api.config import Settings
from graphql_api.data.database import drop_database
from graphql_api.migrations.runner import up
from tests.conftest import API_ROLE, as_api_role
from tests.dbutil import sql
from tests.migrations.helpers import REAL_SQL_DIR

_SETTINGS_ENV = {field.metadata["env"] for field in dataclasses.fields(Settings)}
_ROWS = "SELECT (SELECT count(*) FROM master.categories), (SELECT count(*) FROM auth.user)"
_CLIENTS = """
    SELECT DISTINCT usename::text FROM pg_catalog.pg_stat_activity
    WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()
"""


def _production(tmp_path: Path, **values: str) -> dict[str, str]:
    """This process's environment without any setting, plus a production configuration."""
    env = {key: value for key, value in os.environ.items() if key not in _SETTINGS_ENV}
    env.update(
        APP_ENV="production",
        SECRET_KEY="a-production-key-of-at-least-32-bytes",
        SMS_BACKEND="outbox",
        SMS_OUTBOX=str(tmp_path / "outbox.jsonl"),
        **values,
    )
    return env


def _serve(env: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphql_api", "serve", "--port", str(free_port()), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def owner_url(database_url: str, make_database: Callable[[], str], admin_url: str) -> Iterator[str]:
    """A database migrated by an owner that is no superuser, as production would have it.

    (`database_url` first: the application role exists once any database was migrated; an owner
    without CREATEROLE grants it rights but cannot create it.)
    """
    owner, password = f"gqlapi_test_owner_{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    url = make_database()
    database = str(conninfo_to_dict(url)["dbname"])
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            pgsql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                pgsql.Identifier(owner), pgsql.Literal(password)
            )
        )
        conn.execute(
            pgsql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                pgsql.Identifier(database), pgsql.Identifier(owner)
            )
        )
    url = make_conninfo(url, user=owner, password=password)
    up(url, REAL_SQL_DIR, "migrate")
    yield url
    drop_database(admin_url, database)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(pgsql.SQL("DROP ROLE {}").format(pgsql.Identifier(owner)))


def test_production_refuses_to_serve_as_a_superuser(database_url: str, tmp_path: Path) -> None:
    # given
    ((superuser,),) = sql(database_url, "SELECT current_user::text")

    # when
    result = _serve(_production(tmp_path, DATABASE_URL=database_url), tmp_path)

    # then
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"graphql-api: configuration error: DATABASE_URL connects as {superuser}, a superuser; "
        "with APP_ENV=production serve connects as a member of classifieds_app (README: Roles)"
    ]


def test_production_refuses_to_serve_as_the_tables_owner(owner_url: str, tmp_path: Path) -> None:
    # given
    owner = conninfo_to_dict(owner_url)["user"]

    # when
    result = _serve(_production(tmp_path, DATABASE_URL=owner_url), tmp_path)

    # then
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"graphql-api: configuration error: DATABASE_URL connects as {owner}, which owns the "
        "tables; with APP_ENV=production serve connects as a member of classifieds_app and the "
        "owner goes in MIGRATION_DATABASE_URL (README: Roles)"
    ]


def test_production_serve_migrate_migrates_as_the_owner_and_serves_as_the_application_role(
    database_url: str, make_database: Callable[[], str], tmp_path: Path
) -> None:
    # given a fresh database: its owner's URL for migrations, the application role's to serve
    owner = make_database()
    port = free_port()
    env = _production(tmp_path, MIGRATION_DATABASE_URL=owner, DATABASE_URL=as_api_role(owner))
    log = tmp_path / "server.log"

    # when
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "graphql_api", "serve", "--migrate", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        _wait_until_ready(f"http://127.0.0.1:{port}/readyz", server, log)
        (categories, users), *_ = sql(owner, _ROWS)
        clients = sql(owner, _CLIENTS, [conninfo_to_dict(owner)["dbname"]])
    finally:
        server.terminate()
        server.wait(timeout=30)

    # then: reference seeds applied, demo seeds not, and the server is the application role
    assert categories > 0
    assert users == 0
    assert clients == [(API_ROLE,)]


def _wait_until_ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve exited with {server.returncode}: {log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"serve was not ready within 60 s: {log.read_text()}")
