"""What every resolver gets: the request, the settings, the pool, the viewer and the loaders.

Domain-free on purpose: domains reach their loaders through `loaders.get(factory)`.
"""

from __future__ import annotations

import dataclasses
from uuid import UUID

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from graphql_api.config import Settings
from graphql_api.data.pool import Pool
from graphql_api.schema.loaders import Loaders


@dataclasses.dataclass(slots=True)
class Context:
    request: Request
    response: Response
    pool: Pool
    settings: Settings
    loaders: Loaders
    viewer_id: UUID | None = None
    session_id: str | None = None  # SHA-256 of this request's token, never the token itself
    cookies_trusted: bool = True  # the CSRF rule: whether the session cookie may be used or set


Info = strawberry.Info[Context, None]
