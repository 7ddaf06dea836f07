"""`graphql-api serve` as an operator starts it: what its log says, in JSON when asked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import free_port

TREE = "query ServedTree { categories { slug } }"
# Text with a NUL character cannot be stored: the server logs it (INFO) and refuses the value.
NUL_SEARCH = (
    'query NulSearch { listings(first: 1, filter: {search: "a\\u0000b"}) { nodes { id } } }'
)


def _serve(tmp_path: Path, database_url: str, port: int, **env: str) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("APP_ENV", "HOST", "PORT")}
    environment.update(DATABASE_URL=database_url, **env)
    return subprocess.Popen(
        [sys.executable, "-m", "graphql_api", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_ready(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not become ready")


def test_serve_logs_json_lines_and_the_graphiql_url_in_development(
    tmp_path: Path, database_url: str
) -> None:
    # given a development server logging JSON
    port = free_port()
    process = _serve(tmp_path, database_url, port, APP_ENV="development", LOG_FORMAT="json")
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_ready(url, process)
        # when it serves two requests and stops
        response = httpx.post(f"{url}/graphql", json={"query": TREE})
        assert response.status_code == 200
        refused = httpx.post(f"{url}/graphql", json={"query": NUL_SEARCH})
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)

    # then every line it logged is a JSON object: the GraphiQL URL, uvicorn's, the request's
    lines: list[dict[str, Any]] = [json.loads(line) for line in stderr.splitlines()]
    messages = [line["message"] for line in lines]
    assert f"GraphiQL: http://127.0.0.1:{port}/graphql" in messages
    assert any(m.startswith("Uvicorn running on") for m in messages)
    requests = [line for line in lines if line["logger"] == "graphql_api.requests"]
    assert [(r["operation"], r["request_id"]) for r in requests] == [
        ("ServedTree", response.headers["x-request-id"]),
        ("NulSearch", refused.headers["x-request-id"]),
    ]
    # and a line logged while a request is served carries its id
    (bad_input,) = (line for line in lines if line["logger"] == "graphql_api.errors")
    assert bad_input["request_id"] == refused.headers["x-request-id"]
