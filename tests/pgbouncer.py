"""Debian's PgBouncer in transaction mode, in front of the test server (`TEST_THROUGH_PGBOUNCER=1`).

Only the live servers go through it, as a deployment behind PgBouncer would: their pool connects
to PgBouncer, their catalogue listener straight to PostgreSQL (`LISTEN_DATABASE_URL`), and they
run without server-side prepared statements. Migrations and the tests' own reads and writes keep
connecting directly.

PgBouncer checks the live server's password itself (SCRAM, from its `auth_file`) and logs in to
PostgreSQL with the same one, so it works with the embedded server (trust) and with a server that
wants passwords alike. It will not run as root: started by root, it switches to the owner of the
server's socket directory (which it must reach) or to `nobody`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ENABLED = os.environ.get("TEST_THROUGH_PGBOUNCER", "") in {"1", "true"}


class PgBouncer:
    def __init__(self, server_url: str, role: str, password: str, directory: Path) -> None:
        server = conninfo_to_dict(server_url)
        self._host = str(server.get("host") or "localhost")
        self._port = str(server.get("port") or 5432)
        self.port = free_port()
        self._directory = directory
        self._role = role
        self._password = password
        self._process: subprocess.Popen[bytes] | None = None

    def fronts(self, url: str) -> bool:
        """Whether `url` is on the server this PgBouncer sits in front of."""
        params = conninfo_to_dict(url)
        return (str(params.get("host") or "localhost"), str(params.get("port") or 5432)) == (
            self._host,
            self._port,
        )

    def url_for(self, url: str) -> str:
        """`url`'s database and role, through PgBouncer."""
        return make_conninfo(url, host="127.0.0.1", port=str(self.port))

    def start(self) -> None:
        executable = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        if not Path(executable).exists():
            raise RuntimeError(
                "TEST_THROUGH_PGBOUNCER=1 needs PgBouncer: apt-get install pgbouncer"
            )
        self._directory.chmod(0o755)
        (self._directory / "userlist.txt").write_text(f'"{self._role}" "{self._password}"\n')
        config = self._directory / "pgbouncer.ini"
        config.write_text(self._config())
        for written in self._directory.iterdir():
            written.chmod(0o644)
        with (self._directory / "pgbouncer.log").open("wb") as log:
            self._process = subprocess.Popen([executable, str(config)], stdout=log, stderr=log)
        self._wait_until_serving()

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def _config(self) -> str:
        run_as = f"user = {self._unix_user()}\n" if os.geteuid() == 0 else ""
        return (
            "[databases]\n"
            f"* = host={self._host} port={self._port}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "pool_mode = transaction\n"
            "auth_type = scram-sha-256\n"
            f"auth_file = {self._directory / 'userlist.txt'}\n"
            "max_client_conn = 1000\n"
            "default_pool_size = 20\n" + run_as
        )

    def _unix_user(self) -> str:
        if self._host.startswith("/"):
            return pwd.getpwuid(Path(self._host).stat().st_uid).pw_name
        return "nobody"

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + 15
        url = make_conninfo(
            "", host="127.0.0.1", port=str(self.port), dbname="postgres", user=self._role
        )
        while True:
            try:
                with psycopg.connect(url, password=self._password, connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                assert self._process is not None
                if self._process.poll() is not None or time.monotonic() > deadline:
                    log = (self._directory / "pgbouncer.log").read_text()
                    raise RuntimeError(f"PgBouncer did not start:\n{log}") from None
                time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
