"""The signed-in user's own account row, as `viewer_by_id` and the account writes return it."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from uuid import UUID


@dataclasses.dataclass(frozen=True, slots=True)
class ViewerRow:
    id: UUID
    email: str
    name: str | None
    username: str | None
    phone_number: str | None
    phone_verified_at: datetime | None
    created_at: datetime
