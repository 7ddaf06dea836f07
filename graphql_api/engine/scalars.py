"""The `DateTime` scalar, with UTC made explicit.

`timestamp` columns hold UTC (every pool connection runs with TimeZone=UTC) but come back
naive. Marking them at serialisation, rather than with a Python-level row loader, costs
nothing for columns a query does not select (a row loader converting every timestamp was a
visible share of the category tree's time).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from strawberry.schema.types.base_scalars import DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition


def serialize_utc(value: datetime) -> str:
    if value.tzinfo is None:
        return value.isoformat() + "+00:00"  # what `.replace(tzinfo=UTC).isoformat()` gives
    return value.isoformat()


UtcDateTime: ScalarDefinition = dataclasses.replace(
    DateTimeDefinition,
    description="An instant, ISO 8601 with its UTC offset, e.g. 2025-11-26T12:00:00+00:00.",
    serialize=serialize_utc,
)
SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {datetime: UtcDateTime}
