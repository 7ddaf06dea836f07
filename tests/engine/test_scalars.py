"""`DateTime` values are ISO 8601 with an explicit offset; naive database timestamps are UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from graphql_api.engine.scalars import serialize_utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 11, 26, 12, 0, 0), "2025-11-26T12:00:00+00:00"),
        (datetime(2025, 11, 26, 12, 0, 0, 1500), "2025-11-26T12:00:00.001500+00:00"),
        (datetime(2025, 11, 26, 12, 0, tzinfo=UTC), "2025-11-26T12:00:00+00:00"),
        (
            datetime(2025, 11, 26, 13, 0, tzinfo=timezone(timedelta(hours=1))),
            "2025-11-26T13:00:00+01:00",
        ),
    ],
)
def test_datetimes_carry_their_offset(value: datetime, expected: str) -> None:
    assert serialize_utc(value) == expected
