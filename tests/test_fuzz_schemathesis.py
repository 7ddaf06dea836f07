"""Schemathesis in GraphQL mode over the whole schema: no input may crash the server.

Every query and mutation field gets a bounded number of generated documents, once anonymous and
once signed in with a verified phone. An expected failure must be a typed payload error or a
coded GraphQL error; a 5xx or a masked "Internal server error" fails the test and names the
operation. The fuzzer gets a server and database of its own, so its failed logins and rate-limit
hits never leak into other tests.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err

from graphql_api.config import PROJECT_ROOT, Settings
from graphql_api.engine.masking import INTERNAL_ERROR_MESSAGE
from graphql_api.migrations import upgrade_all
from tests.conftest import LiveServer, start_live_server
from tests.users import sign_up_user, verify_phone

MAX_EXAMPLES = 30
# Ending the fuzzer's own session early would turn the rest of the signed-in run anonymous.
RUN_LAST = ("Mutation.logOut", "Mutation.logOutEverywhere")


@pytest.fixture(scope="module")
def fuzz_outbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-sms") / "outbox.jsonl"


@pytest.fixture(scope="module")
def fuzz_server(
    make_database: Callable[[], str], settings: Settings, fuzz_outbox: Path
) -> Iterator[LiveServer]:

    url = make_database()
    upgrade_all(url, PROJECT_ROOT / "sql")
    server = start_live_server(dataclasses.replace(settings, sms_outbox=fuzz_outbox), url)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fuzz_token(fuzz_server: LiveServer, fuzz_outbox: Path) -> str:
    """A signed-in user with a verified phone, so the fuzzer reaches past the sign-in checks."""
    with httpx.Client(base_url=fuzz_server.url, timeout=30) as client:
        user = sign_up_user(client)
        verify_phone(client, user, fuzz_outbox)
    return user.token


def _operations(server: LiveServer) -> list[Any]:
    schema = schemathesis.graphql.from_url(f"{server.url}/graphql")
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operations.append(result.ok())
    return sorted(operations, key=lambda operation: operation.label in RUN_LAST)


def _masked_errors(response: Any) -> list[dict[str, Any]]:
    body = response.json()
    errors: list[dict[str, Any]] = body.get("errors") or []
    return [error for error in errors if error.get("message") == INTERNAL_ERROR_MESSAGE]


def _fuzz(operation: Any, base_url: str, headers: dict[str, str]) -> None:
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        assert _masked_errors(response) == [], case.as_curl_command(headers=headers)

    run()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_no_generated_request_causes_a_server_error(
    fuzz_server: LiveServer, fuzz_token: str, signed_in: bool
) -> None:
    headers = {"Authorization": f"Bearer {fuzz_token}"} if signed_in else {}
    failures: list[str] = []
    for operation in _operations(fuzz_server):
        try:
            _fuzz(operation, f"{fuzz_server.url}/graphql", headers)
        except Exception as exc:  # collect every failing operation, not only the first
            failures.append(f"{operation.label}: {exc}")
    assert failures == [], "\n\n".join(failures)
