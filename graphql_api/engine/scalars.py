"""Scalars as this server runs them: `DateTime` with UTC made explicit, `Decimal` bounded.

`timestamp` columns hold UTC (every pool connection runs with TimeZone=UTC) but come back
naive. Marking them at serialisation, rather than with a Python-level row loader, costs
nothing for columns a query does not select (a row loader converting every timestamp was a
visible share of the category tree's time).

Python's `Decimal` reads `9e999999999` and `1e-1000000` happily, and PostgreSQL then refuses
them mid-query (an internal error to the client); a bound on the digits makes them bad input
wherever a `Decimal` is accepted, before any resolver runs.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal, DecimalException

from strawberry.schema.types.base_scalars import DateTimeDefinition, DecimalDefinition
from strawberry.types.scalar import ScalarDefinition

from graphql_api.engine.errors import BadUserInput

MAX_DECIMAL_DIGITS = 32  # before the point, and after it


def serialize_utc(value: datetime) -> str:
    if value.tzinfo is None:
        return value.isoformat() + "+00:00"  # what `.replace(tzinfo=UTC).isoformat()` gives
    return value.isoformat()


def parse_decimal(value: object) -> Decimal:
    """A decimal from its text (a JSON number is read through its text, as Strawberry does)."""
    try:
        number = Decimal(value if isinstance(value, str) else str(value))
    except DecimalException:
        raise BadUserInput("Not a decimal number.") from None
    exponent = number.as_tuple().exponent
    if number.is_finite() and (
        number.adjusted() >= MAX_DECIMAL_DIGITS
        or (isinstance(exponent, int) and exponent < -MAX_DECIMAL_DIGITS)
    ):
        raise BadUserInput(
            f"A Decimal has at most {MAX_DECIMAL_DIGITS} digits before the point and "
            f"{MAX_DECIMAL_DIGITS} after it."
        )
    return number


UtcDateTime: ScalarDefinition = dataclasses.replace(
    DateTimeDefinition,
    description="An instant, ISO 8601 with its UTC offset, e.g. 2025-11-26T12:00:00+00:00.",
    serialize=serialize_utc,
)
BoundedDecimal: ScalarDefinition = dataclasses.replace(
    DecimalDefinition,
    description=(
        'A decimal number as a string, e.g. "1250.00": at most '
        f"{MAX_DECIMAL_DIGITS} digits before the point and {MAX_DECIMAL_DIGITS} after it "
        "(BAD_USER_INPUT beyond)."
    ),
    parse_value=parse_decimal,
)
SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {datetime: UtcDateTime, Decimal: BoundedDecimal}
