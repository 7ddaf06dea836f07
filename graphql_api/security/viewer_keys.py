"""Who viewed a listing, as view counting needs to know it: the same key for the same viewer,
and nothing more.

A signed-in viewer is their user; an anonymous one is their client address (as
`schema.common.client_address` finds it). Both become an HMAC keyed with `SECRET_KEY`, so the
stored key neither names the user nor holds the address, and without the secret cannot be
matched against a list of addresses.
"""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

_KEY_BYTES = 16


def viewer_key(secret: bytes, viewer_id: UUID | None, client_address: str) -> bytes:
    who = f"user\x00{viewer_id}" if viewer_id is not None else f"address\x00{client_address}"
    message = f"listing-view-v1\x00{who}".encode()
    return hmac.new(secret, message, hashlib.sha256).digest()[:_KEY_BYTES]
