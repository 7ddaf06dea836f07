"""The image and the compose file as a deploy uses them (no Docker engine here: .ci/run also
validates docker-compose.yml with docker-compose). The health check and the database init script
run for real, against the live server and the test database."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from psycopg.conninfo import conninfo_to_dict

from graphql_api.config import PROJECT_ROOT
from graphql_api.data.roles import APP_ROLE, EMBEDDED_LOGIN_ROLE
from tests.conftest import LiveServer
from tests.dbutil import sql

DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
# One instruction per line: continuation lines joined.
INSTRUCTIONS = [
    line.strip() for line in DOCKERFILE.replace("\\\n", " ").splitlines() if line.strip()
]
COMPOSE: dict[str, Any] = yaml.safe_load(
    (PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8")
)
SERVICES: dict[str, Any] = COMPOSE["services"]
INIT_SCRIPT = PROJECT_ROOT / "docker" / "initdb" / "10-roles.sh"
_PINNED_TAG = re.compile(r"^[a-z0-9./-]+:\d+\.\d+[\w.-]*$")


def _instructions(keyword: str) -> list[str]:
    return [line for line in INSTRUCTIONS if line.split()[0] == keyword]


def test_the_image_is_built_in_stages_from_pinned_bases_and_runs_unprivileged() -> None:
    # given
    arguments = dict(line.split()[1].split("=", 1) for line in _instructions("ARG"))
    stages = _instructions("FROM")

    # then
    assert len(stages) >= 2
    bases = [
        line.split()[1].replace("${PYTHON_IMAGE}", arguments["PYTHON_IMAGE"]) for line in stages
    ]
    assert all(_PINNED_TAG.match(base) for base in bases), bases
    final_stage = INSTRUCTIONS[INSTRUCTIONS.index(stages[-1]) :]
    users = [line.split()[1] for line in final_stage if line.split()[0] == "USER"]
    assert users
    assert users[-1] not in ("root", "0")
    assert not any("apt-get" in line or "gcc" in line for line in final_stage)


def test_the_image_health_check_asks_readyz(live_server: LiveServer) -> None:
    # given
    (healthcheck,) = _instructions("HEALTHCHECK")
    command = healthcheck.split(" CMD ", 1)[1]
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"

    def check(port: int) -> int:
        env = {**os.environ, "PATH": path, "PORT": str(port)}
        return subprocess.run(["sh", "-c", command], env=env, check=False, timeout=30).returncode

    # when / then
    assert "/readyz" in command
    assert check(live_server.port) == 0
    assert check(_closed_port()) != 0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_compose_pins_every_image_and_restarts_the_long_running_services() -> None:
    images = {name: service.get("image") for name, service in SERVICES.items()}
    assert images["db"].startswith("postgres:")
    assert all(_PINNED_TAG.match(image) or image.endswith(":local") for image in images.values())
    assert SERVICES["db"]["restart"] == SERVICES["api"]["restart"] == "unless-stopped"
    assert SERVICES["migrate"]["restart"] == "no"


def test_compose_requires_a_secret_key_and_publishes_on_loopback_unless_told() -> None:
    api = SERVICES["api"]
    assert api["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert api["environment"]["APP_ENV"] == "${APP_ENV:-production}"
    assert [port.startswith("${API_BIND:-127.0.0.1}:") for port in api["ports"]] == [True]
    assert "ports" not in SERVICES["db"]


def test_compose_migrates_as_the_owner_once_before_the_api_serves_as_its_login_role() -> None:
    migrate, api = SERVICES["migrate"], SERVICES["api"]
    assert "migrate up" in " ".join(migrate["command"])
    assert migrate["environment"]["MIGRATION_DATABASE_URL"].startswith("postgresql://classifieds:")
    assert api["environment"]["DATABASE_URL"].startswith(f"postgresql://{EMBEDDED_LOGIN_ROLE}:")
    assert "MIGRATION_DATABASE_URL" not in api["environment"]
    assert api["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert "./docker/initdb:/docker-entrypoint-initdb.d:ro" in SERVICES["db"]["volumes"]


def test_the_database_init_script_makes_the_login_role_and_can_run_again(
    database_url: str, make_database: Callable[[], str]
) -> None:
    # given (`database_url` first: the application role exists, as the script may find it)
    login = f"gqlapi_test_login_{secrets.token_hex(4)}"
    params = conninfo_to_dict(make_database())
    env = {
        **os.environ,
        "PATH": f"{_psql_directory()}{os.pathsep}{os.environ['PATH']}",
        "PGHOST": str(params.get("host", "")),
        "PGPORT": str(params.get("port", "5432")),
        "PGPASSWORD": str(params.get("password", "")),
        "POSTGRES_USER": str(params["user"]),
        "POSTGRES_DB": str(params["dbname"]),
        "API_DB_USER": login,
        "API_DB_PASSWORD": "it's a secret",
    }

    # when
    try:
        runs = [
            subprocess.run(["sh", str(INIT_SCRIPT)], env=env, capture_output=True, check=False)
            for _ in range(2)
        ]
        role = sql(database_url, _LOGIN_ROLE, [APP_ROLE, login])
    finally:
        sql(database_url, f'DROP ROLE IF EXISTS "{login}"')

    # then
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert role == [(True, True, True)]
    assert SERVICES["db"]["environment"]["API_DB_USER"] == EMBEDDED_LOGIN_ROLE


_LOGIN_ROLE = """
    SELECT r.rolcanlogin, pg_has_role(r.rolname, %s, 'MEMBER'), a.rolpassword IS NOT NULL
    FROM pg_catalog.pg_roles AS r JOIN pg_catalog.pg_authid AS a ON a.oid = r.oid
    WHERE r.rolname = %s
"""


def _psql_directory() -> Path:
    """The system's psql, else the one the embedded server's wheel ships."""
    found = shutil.which("psql")
    if found:
        return Path(found).parent
    spec = importlib.util.find_spec("pgserver")
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin).parent / "pginstall" / "bin"
