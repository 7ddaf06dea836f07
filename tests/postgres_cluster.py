"""A throwaway PostgreSQL cluster for a test that stops and starts its database.

The suite's own server is shared by every test, so it is never stopped; a test that needs an
outage gets a cluster of its own: `initdb` in a temporary directory, a free port, no Unix
socket. PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

# The system's PostgreSQL 15 (the production version), else the binaries `pgserver` ships.
_BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"),)


def _bin_dir() -> Path:
    for candidate in _BIN_DIRS:
        if (candidate / "pg_ctl").exists():
            return candidate
    import pgserver  # the `embedded` extra, which `make test` installs

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PostgresCluster:
    def __init__(self, root: Path) -> None:
        self._bin = _bin_dir()
        self._data = root / "data"
        self._log = root / "postgres.log"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self._data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                "unix_socket_directories = ''\nfsync = off\n"
            )

    def start(self) -> None:
        """Returns once the server accepts connections."""
        self._run("pg_ctl", "-D", str(self._data), "-l", str(self._log), "-w", "start")

    def kill(self) -> None:
        """Stop at once, as a crash would: no checkpoint, clients cut off mid-statement."""
        self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self._bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A started cluster, killed and deleted afterwards."""
    root = Path(tempfile.mkdtemp(prefix="gqlapi-cluster-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    cluster = PostgresCluster(root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.kill()
        shutil.rmtree(root, ignore_errors=True)
