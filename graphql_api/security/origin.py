"""The CSRF rule for cookie sessions: a state-changing request must come from a trusted origin.

Browsers attach cookies to cross-site requests on their own, so a cookie proves nothing about who
sent a POST. Bearer tokens are attached by the client's code, never by the browser, and need no
such check. `Origin` is sent by every current browser on POST; `Sec-Fetch-Site` is the fallback.
A request with neither comes from a non-browser client, which has no ambient cookies to abuse.

The trusted origins are the server's own and `CORS_ORIGINS`, the same list that CORS lets read
responses (`web/cors.py`): a frontend allowed to call the API may use the cookie, no other.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.requests import Request

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})


def own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def cookies_trusted(request: Request, allowed_origins: Collection[str]) -> bool:
    """Whether this request may be authenticated by (or receive) the session cookie."""
    if request.method in _SAFE_METHODS:
        return True
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == own_origin(request) or origin in allowed_origins
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in _TRUSTED_FETCH_SITES
    return True
