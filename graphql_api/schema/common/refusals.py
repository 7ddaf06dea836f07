"""The one way a mutation refuses: its payload comes back with `errors`, nothing is written.

Every domain's error type has `field`, `code` (the domain's enum) and `message` and mixes in
`PayloadError`. Code deep inside a mutation raises `SomeError.refuse(code, message, field)`;
raising also rolls back any transaction it passes through. The mutation field wraps its work in
`payload_or_refusal`, which turns a refusal into the payload with its errors (and any other
payload fields the refusal names, such as `retryAfterSeconds`).
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from typing import Any, Self, TypeVar

from graphql_api.engine.cost import most_items

Payload = TypeVar("Payload")

# What the query cost assumes of every payload's `errors` list: one error per input field at
# most, and one per image URL (12) of a listing.
ERRORS_BOUND = most_items(25)


class Refused(Exception):
    """An expected failure: the errors the payload reports, and other payload fields to set."""

    def __init__(self, *errors: PayloadError, **payload_fields: Any) -> None:
        super().__init__(", ".join(error.message for error in errors))
        self.errors = list(errors)
        self.payload_fields = payload_fields


class PayloadError:
    """Mixed into each domain's Strawberry error type (`field`, `code`, `message`)."""

    field: str | None
    code: enum.Enum
    message: str

    def __init__(self, *, field: str | None, code: Any, message: str) -> None:
        raise NotImplementedError  # Strawberry's dataclass __init__ takes its place

    @classmethod
    def of(cls, code: Any, message: str, field: str | None = None) -> Self:
        return cls(field=field, code=code, message=message)

    @classmethod
    def refuse(cls, code: Any, message: str, field: str | None = None, **payload: Any) -> Refused:
        return Refused(cls.of(code, message, field), **payload)


async def payload_or_refusal(
    payload_type: Callable[..., Payload], work: Awaitable[Payload]
) -> Payload:
    """What `work` returns, or the payload of the refusal it raised."""
    try:
        return await work
    except Refused as refusal:
        return payload_type(errors=refusal.errors, **refusal.payload_fields)
