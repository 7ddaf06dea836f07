"""A small GraphQL-over-HTTP helper for tests: real requests against the live server."""

from __future__ import annotations

from typing import Any

import httpx


def gql(
    http: httpx.Client,
    document: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST a document; return the decoded body (with `data` and maybe `errors`)."""
    all_headers = dict(headers or {})
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    response = http.post(
        "/graphql", json={"query": document, "variables": variables or {}}, headers=all_headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data_of(body: dict[str, Any]) -> dict[str, Any]:
    """The `data` of a response that must not have errors."""
    assert "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]
    return data


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
