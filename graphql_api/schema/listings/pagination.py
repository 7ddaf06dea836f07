"""Keyset (seek) cursors: opaque, signed, and bound to the sort order they were made for.

A cursor holds the sort key and id of the last row seen; the next page starts strictly after
it, so pages never skip or repeat rows when listings are added meanwhile, and no OFFSET scan
grows with the page number. The HMAC makes a tampered cursor a clear error instead of a
silently different page.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from uuid import UUID

from graphql_api.engine.errors import BadUserInput
from graphql_api.schema.listings.rows import ListingRow

_SIGNATURE_BYTES = 12
MAX_PAGE_SIZE = 100
MAX_CURSOR_LENGTH = 200  # the cursors made here are at most about 150 characters


@dataclasses.dataclass(frozen=True, slots=True)
class Position:
    """Where a page ends: the sort key as text (None when the row has no key) and the id."""

    key: str | None
    id: UUID


@dataclasses.dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of listing rows and what its connection needs to describe it.

    Cursors are made only when asked for (`cursor_of`): most clients read `nodes` and at most
    `pageInfo.endCursor`. `count` runs only when `totalCount` is selected.
    """

    rows: list[ListingRow]
    order: str  # the sort order cursors are bound to
    secret: bytes
    position_of: Callable[[ListingRow], Position]
    has_next_page: bool
    after: str | None
    count: Callable[[], Awaitable[int]] | None = None

    def cursor_of(self, row: ListingRow) -> str:
        return encode_cursor(self.secret, self.order, self.position_of(row))

    @classmethod
    def empty(cls, after: str | None) -> ListingPage:
        return cls([], "", b"", _no_position, has_next_page=False, after=after)


def _no_position(row: ListingRow) -> Position:
    raise AssertionError("an empty page has no positions")


def encode_cursor(secret: bytes, order: str, position: Position) -> str:
    payload = json.dumps([order, position.key, str(position.id)], separators=(",", ":")).encode()
    signature = hmac.digest(secret, payload, hashlib.sha256)[:_SIGNATURE_BYTES]
    return base64.urlsafe_b64encode(signature + payload).decode().rstrip("=")


def decode_cursor(secret: bytes, order: str, cursor: str) -> Position:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        raise BadUserInput("`after` is not a valid cursor") from None
    signature, payload = raw[:_SIGNATURE_BYTES], raw[_SIGNATURE_BYTES:]
    expected = hmac.digest(secret, payload, hashlib.sha256)[:_SIGNATURE_BYTES]
    if not hmac.compare_digest(signature, expected):
        raise BadUserInput("`after` is not a valid cursor")
    try:
        cursor_order, key, id_text = json.loads(payload)
        position = Position(key=key, id=UUID(id_text))
    except (ValueError, TypeError):
        raise BadUserInput("`after` is not a valid cursor") from None
    if cursor_order != order:
        raise BadUserInput(f"`after` was made for sort {cursor_order}, not {order}")
    return position


def check_page_size(first: int) -> None:
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE_SIZE}")


def instant_after(
    secret: bytes, order: str, after: str | None
) -> tuple[datetime | None, UUID | None]:
    """Where a page ordered by an instant (newest first) resumes: `(None, None)` on page one."""
    if after is None:
        return None, None
    position = decode_cursor(secret, order, after)
    try:
        return datetime.fromisoformat(position.key or ""), position.id
    except ValueError:
        raise BadUserInput("`after` is not a valid cursor") from None
