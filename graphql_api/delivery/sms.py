"""Sending text messages, behind one small interface chosen by `SMS_BACKEND`.

`console` logs the message (development only: the log then holds one-time codes), `outbox`
appends one JSON line per message to a file (tests and demos read codes from it), `webhook`
POSTs the message to a provider bridge with a bearer secret and a timeout.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import httpx

from graphql_api.config import ConfigError, Settings

log = logging.getLogger(__name__)


class SmsDeliveryError(Exception):
    """The message was not accepted for delivery; the message text is safe to log."""


class SmsSender(Protocol):
    async def send(self, to: str, body: str) -> None:
        """Hand `body` over for delivery to `to` (E.164) or raise `SmsDeliveryError`."""


class ConsoleSender:
    async def send(self, to: str, body: str) -> None:
        log.info("SMS to %s: %s", to, body)


class OutboxSender:
    _lock = threading.Lock()  # one line per message, even from concurrent requests

    def __init__(self, path: Path) -> None:
        self.path = path

    async def send(self, to: str, body: str) -> None:
        line = json.dumps({"to": to, "body": body, "sentAt": datetime.now(UTC).isoformat()})
        await asyncio.to_thread(self._append, line)

    def _append(self, line: str) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as outbox:
                outbox.write(line + "\n")


class WebhookSender:
    def __init__(self, url: str, secret: str, timeout_s: float) -> None:
        self.url = url
        self.secret = secret
        self.timeout_s = timeout_s

    async def send(self, to: str, body: str) -> None:
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        try:
            async with httpx.AsyncClient(timeout=self.timeout_s) as client:
                response = await client.post(
                    self.url, json={"to": to, "body": body}, headers=headers
                )
                response.raise_for_status()
        except httpx.HTTPError as exc:
            # The exception names the URL and status, never the message body (it holds a code).
            log.warning("SMS webhook failed: %s", type(exc).__name__)
            raise SmsDeliveryError(f"SMS webhook failed: {type(exc).__name__}") from None


def sender_for(settings: Settings) -> SmsSender:
    if settings.sms_backend == "outbox":
        return OutboxSender(settings.sms_outbox)
    if settings.sms_backend == "webhook":
        if settings.sms_webhook_url is None:
            raise ConfigError("SMS_WEBHOOK_URL is required when SMS_BACKEND=webhook")
        return WebhookSender(
            settings.sms_webhook_url,
            str(settings.sms_webhook_secret),
            settings.sms_webhook_timeout_s,
        )
    if settings.is_production:
        raise ConfigError("SMS_BACKEND=console is not allowed when APP_ENV=production")
    return ConsoleSender()
