"""The CSRF origin rule for cookie-authenticated requests."""

from __future__ import annotations

from starlette.requests import Request

from graphql_api.security.origin import cookies_trusted

ALLOWED = ("https://app.example.com",)


def _request(method: str, **headers: str) -> Request:
    scope = {
        "type": "http",
        "method": method,
        "scheme": "https",
        "server": ("api.example.com", 443),
        "path": "/graphql",
        "query_string": b"",
        "headers": [(b"host", b"api.example.com")]
        + [
            (name.lower().replace("_", "-").encode(), value.encode())
            for name, value in headers.items()
        ],
    }
    return Request(scope)


def test_posts_need_an_allowed_or_the_same_origin() -> None:
    assert cookies_trusted(_request("POST", Origin="https://app.example.com"), ALLOWED)
    assert cookies_trusted(_request("POST", Origin="https://api.example.com"), ALLOWED)
    assert not cookies_trusted(_request("POST", Origin="https://evil.example"), ALLOWED)
    assert not cookies_trusted(_request("POST", Origin="null"), ALLOWED)


def test_sec_fetch_site_decides_without_an_origin() -> None:
    assert cookies_trusted(_request("POST", Sec_Fetch_Site="same-origin"), ALLOWED)
    assert not cookies_trusted(_request("POST", Sec_Fetch_Site="same-site"), ALLOWED)
    assert not cookies_trusted(_request("POST", Sec_Fetch_Site="cross-site"), ALLOWED)


def test_gets_and_non_browser_posts_are_trusted() -> None:
    assert cookies_trusted(_request("GET", Origin="https://evil.example"), ALLOWED)
    assert cookies_trusted(_request("POST"), ALLOWED)
