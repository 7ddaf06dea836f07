"""The webhook SMS backend against small HTTP servers started by the test: one up, one failing."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest
from starlette.datastructures import Secret

from graphql_api.config import Settings
from graphql_api.delivery.sms import SmsDeliveryError, WebhookSender
from tests.client import data_of, gql
from tests.conftest import start_live_server
from tests.dbutil import sql
from tests.users import REQUEST_PHONE_VERIFICATION, random_phone_number, sign_up_user

SECRET = "webhook-secret"


@dataclasses.dataclass
class Received:
    status: int
    requests: list[tuple[dict[str, str], dict[str, Any]]] = dataclasses.field(default_factory=list)


def _serve(status: int) -> Iterator[tuple[str, Received]]:
    received = Received(status)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.requests.append((dict(self.headers), json.loads(self.rfile.read(length))))
            self.send_response(received.status)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sms", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def provider() -> Iterator[tuple[str, Received]]:
    yield from _serve(202)


@pytest.fixture
def failing_provider() -> Iterator[tuple[str, Received]]:
    yield from _serve(503)


async def test_the_webhook_gets_the_message_with_the_bearer_secret(
    provider: tuple[str, Received],
) -> None:
    url, received = provider
    await WebhookSender(url, SECRET, timeout_s=5).send("+12125550123", "123456 is your code.")
    [(headers, body)] = received.requests
    assert headers["Authorization"] == f"Bearer {SECRET}"
    assert body == {"to": "+12125550123", "body": "123456 is your code."}


async def test_a_failing_or_unreachable_webhook_raises(
    failing_provider: tuple[str, Received],
) -> None:
    url, _ = failing_provider
    with pytest.raises(SmsDeliveryError):
        await WebhookSender(url, SECRET, timeout_s=5).send("+12125550123", "body")
    with pytest.raises(SmsDeliveryError):
        await WebhookSender("http://127.0.0.1:9/none", SECRET, timeout_s=1).send("+1", "body")


@pytest.fixture
def webhook_http(
    settings: Settings, database_url: str, failing_provider: tuple[str, Received]
) -> Iterator[httpx.Client]:
    url, _ = failing_provider
    webhook_settings = dataclasses.replace(
        settings, sms_backend="webhook", sms_webhook_url=url, sms_webhook_secret=Secret(SECRET)
    )
    server = start_live_server(webhook_settings, database_url)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield client
    finally:
        server.stop()


def test_a_delivery_failure_is_reported_and_voids_the_code(
    webhook_http: httpx.Client, database_url: str
) -> None:
    # given a user asking for a code while the provider is down
    user = sign_up_user(webhook_http)
    variables = {"input": {"phoneNumber": random_phone_number()}}
    payload = data_of(gql(webhook_http, REQUEST_PHONE_VERIFICATION, variables, token=user.token))
    # then the failure is data, and the stored code can never be used
    errors = payload["requestPhoneVerification"]["errors"]
    assert [error["code"] for error in errors] == ["SMS_DELIVERY_FAILED"]
    rows = sql(
        database_url, "SELECT is_used FROM auth.phone_verifications WHERE user_id = %s", [user.id]
    )
    assert rows == [(True,)]
