"""Who viewed a listing, as view counting needs to know it: the same key for the same viewer,
and nothing more.

A signed-in viewer is their user; an anonymous one is their client address (behind a proxy,
run uvicorn with `--proxy-headers` so that is the client's, not the proxy's). Both become an
HMAC keyed with `SECRET_KEY`, so the stored key neither names the user nor holds the address,
and without the secret cannot be matched against a list of addresses.
"""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

from starlette.requests import Request

_KEY_BYTES = 16


def viewer_key(secret: bytes, viewer_id: UUID | None, request: Request) -> bytes:
    if viewer_id is not None:
        who = f"user\x00{viewer_id}"
    else:
        who = f"address\x00{request.client.host if request.client else 'unknown'}"
    message = f"listing-view-v1\x00{who}".encode()
    return hmac.new(secret, message, hashlib.sha256).digest()[:_KEY_BYTES]
