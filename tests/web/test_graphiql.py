"""GraphiQL's page and files, served by this server from the package (no CDN)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import httpx

from graphql_api.web.graphiql import ASSETS_DIR, MANIFEST, integrity

PINNED = {"react", "react-dom", "graphiql", "@graphiql/plugin-explorer"}


class _Resources(HTMLParser):
    """The (address, integrity) of every script and stylesheet a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.found.append((attributes.get("src") or "inline", attributes.get("integrity")))
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.found.append((attributes.get("href") or "", attributes.get("integrity")))


def test_graphiql_loads_only_files_this_server_serves_with_their_hashes(
    http: httpx.Client,
) -> None:
    # given the page a browser gets at /graphql
    page = http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    parser = _Resources()
    parser.feed(page.text)
    addresses = [address for address, _ in parser.found]
    assert {"/graphiql/graphiql.min.js", "/graphiql/react.production.min.js"} <= set(addresses)

    # then every script and stylesheet is a file of this server, matching its integrity
    assert all(address.startswith("/graphiql/") for address in addresses), addresses
    for address, expected in parser.found:
        served = http.get(address)
        assert served.status_code == 200, address
        assert integrity(served.content) == expected, address


def test_the_shipped_files_are_the_pinned_npm_files() -> None:
    # given the manifest the fetch script wrote
    files = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]

    # then it pins an exact version of each package, and every file is the one it hashed
    assert {entry["package"] for entry in files.values()} == PINNED
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]) for entry in files.values())
    for name, entry in files.items():
        assert integrity((ASSETS_DIR / name).read_bytes()) == entry["integrity"], name


def test_root_leads_to_graphiql_outside_production(http: httpx.Client) -> None:
    response = http.get("/")
    assert response.is_redirect
    assert response.headers["location"] == "/graphql"
