"""What every resolver gets: the pool, the settings, the viewer, the catalogue and the loaders."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING
from uuid import UUID

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from graphql_api.config import Settings
from graphql_api.db import Pool
from graphql_api.loaders import Loaders

if TYPE_CHECKING:
    from graphql_api.catalog import Catalog, CatalogCache


@dataclasses.dataclass(slots=True)
class Context:
    request: Request
    response: Response
    pool: Pool
    settings: Settings
    loaders: Loaders
    catalog: Catalog
    catalog_cache: CatalogCache
    viewer_id: UUID | None = None
    session_id: str | None = None  # SHA-256 of this request's token, never the token itself
    cookies_trusted: bool = True  # the CSRF rule: whether the session cookie may be used or set

    async def reload_catalog(self) -> Catalog:
        """For a category or location this request's snapshot lacks: it changed a moment ago."""
        self.catalog = await self.catalog_cache.reload()
        return self.catalog


Info = strawberry.Info[Context, None]
