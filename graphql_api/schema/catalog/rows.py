"""Rows of the reference tables, as `all_categories` and `all_locations` return them."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from uuid import UUID


@dataclasses.dataclass(frozen=True, slots=True)
class CategoryRow:
    id: UUID
    name: str
    slug: str
    parent_id: UUID | None
    created_at: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class LocationRow:
    id: UUID
    city: str
    state: str
    country: str
    slug: str
    created_at: datetime
