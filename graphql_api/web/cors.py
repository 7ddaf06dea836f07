"""CORS: which browser frontends on other origins may call the API and read its answers.

Starlette's `CORSMiddleware`, given the exact origins of `CORS_ORIGINS` (never `*`; the settings
refuse it). Credentials are allowed, so a listed frontend may send the session cookie; the
middleware only ever answers `Access-Control-Allow-Origin` with a listed origin, so no other site
gets credentialed access. The cookie rule (`security/origin.py`) trusts the same list.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from graphql_api.config import Settings

# Chromium caps a preflight's cache at two hours. Caching cannot outlive a removed origin: the
# actual responses stop carrying its `Access-Control-Allow-Origin` as soon as the server restarts.
PREFLIGHT_MAX_AGE_S = 7200


def cors_middleware(settings: Settings) -> Middleware:
    return Middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["X-Request-ID"],
        max_age=PREFLIGHT_MAX_AGE_S,
    )
