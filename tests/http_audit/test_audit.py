"""graphql-http's GraphQL-over-HTTP audit (the npm package, pinned in package-lock.json) against
the live server: no error and no warning.

The package is installed with `npm ci` into this folder's (git-ignored) node_modules when it is
missing, so a clean clone needs only Node and npm.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import LiveServer

AUDIT_DIR = Path(__file__).parent


@pytest.fixture(scope="module")
def audit_script() -> Path:
    if not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=AUDIT_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AUDIT_DIR / "audit.mjs"


def test_graphql_over_http_audit_finds_no_error_and_no_warning(
    live_server: LiveServer, audit_script: Path
) -> None:
    # when graphql-http audits the endpoint
    audit = subprocess.run(
        ["node", str(audit_script), f"{live_server.url}/graphql"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # then every MUST and SHOULD holds (the report lists any that does not)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert " 0 errors, 0 warnings" in audit.stdout
