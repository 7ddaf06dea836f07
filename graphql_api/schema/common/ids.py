"""Object ids: UUIDs in the database, opaque `ID` strings in GraphQL; and how long ids and slugs
sent by clients may be (`engine.input_bounds`)."""

from __future__ import annotations

from uuid import UUID

from graphql_api.engine.errors import BadUserInput

MAX_ID_LENGTH = 64  # a UUID is 36 characters; braces, `urn:uuid:` and spaces fit too
MAX_SLUG_LENGTH = 200  # slug columns are VARCHAR(100) and VARCHAR(150)


def uuid_of(value: object) -> UUID:
    """The UUID behind an `ID` field of a row-backed type (rows carry UUIDs already)."""
    return value if isinstance(value, UUID) else UUID(str(value))


def parse_id(value: str, argument: str = "id") -> UUID:
    """A client-supplied ID; anything that is not a UUID is bad input, not a missing object."""
    try:
        return UUID(value)
    except (ValueError, TypeError, AttributeError):
        raise BadUserInput(f"`{argument}` is not a valid ID: {value!r}") from None
