"""GraphiQL in a real browser with no internet: headless Chromium (Debian's `chromium` package,
which `.ci/run` installs) driven by Playwright, every request not bound for 127.0.0.1 refused.

The server under test runs as `make run` does (`APP_ENV=development`). A screenshot of each test's
last state lands in `.ci/artifacts/`, passed or failed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from graphql_api.config import PROJECT_ROOT, Settings
from tests.client import data_of, gql
from tests.conftest import LiveServer, start_live_server
from tests.users import sign_up_user

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root. The rest keeps Chromium from calling home on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / ".ci" / "artifacts"

LISTINGS = "{ listings(first: 3) { nodes { title price } } }"
ME = "{ me { email } }"
LOG_IN = (
    'mutation { logIn(input: {email: "%s", password: "%s", session: COOKIE}) '
    "{ viewer { email } token errors { code } } }"
)


@pytest.fixture(scope="module")
def development_server(settings: Settings, database_url: str) -> Iterator[LiveServer]:
    server = start_live_server(dataclasses.replace(settings, app_env="development"), database_url)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: `apt-get install -y chromium` (.ci/run installs it when missing)"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclasses.dataclass
class Offline:
    """A browser page whose requests reach 127.0.0.1 only; `refused` lists every other one."""

    page: Page
    refused: list[str]
    csp_violations: list[str]


@pytest.fixture
def offline(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Offline]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    offline = Offline(page, refused, csp_violations)
    try:
        yield offline
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        offline.page.screenshot(path=ARTIFACTS / f"{request.node.name}.png")
        context.close()


def open_graphiql(offline: Offline, server: LiveServer) -> Page:
    """The IDE at `/`, ready: its editor is on the page (the scripts ran, React rendered)."""
    page = offline.page
    page.goto(f"{server.url}/")
    expect(page.locator(".graphiql-query-editor .CodeMirror")).to_be_visible(timeout=15_000)
    return page


def run_typed(page: Page, document: str, *, answer_with: str) -> str:
    """Type `document` into the emptied editor and run it; once the response pane shows the
    field `answer_with`, return the pane's text."""
    page.locator(".graphiql-query-editor .CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(document)
    page.locator(".graphiql-execute-button").click()
    response = page.locator(".graphiql-response .CodeMirror")
    expect(response).to_contain_text(f'"{answer_with}"')
    return response.inner_text()


def test_graphiql_loads_runs_a_typed_query_and_opens_the_docs_offline(
    offline: Offline, development_server: LiveServer
) -> None:
    # given GraphiQL, opened from `/`, with no way out of this machine
    page = open_graphiql(offline, development_server)
    with httpx.Client(base_url=development_server.url) as http:
        titles = [node["title"] for node in data_of(gql(http, LISTINGS))["listings"]["nodes"]]
    assert titles

    # when a listings query is typed and run
    shown = run_typed(page, LISTINGS, answer_with="listings")

    # then the response pane shows the listings
    assert all(title in shown for title in titles), shown

    # when the docs explorer is opened
    page.get_by_role("button", name="Show Documentation Explorer").click()

    # then it shows the schema, read through introspection, down to the query's fields
    docs = page.locator(".graphiql-doc-explorer")
    expect(docs).to_contain_text("mutation: Mutation")
    docs.get_by_text("Query", exact=True).click()
    expect(docs.get_by_text("listings", exact=True)).to_be_visible()
    assert offline.refused == []
    # and the page's Content-Security-Policy refused nothing it needs
    assert offline.csp_violations == []


def test_a_cookie_log_in_in_graphiql_signs_the_page_in(
    offline: Offline, development_server: LiveServer
) -> None:
    # given an account, and GraphiQL answering `me` with null
    with httpx.Client(base_url=development_server.url) as http:
        user = sign_up_user(http)
    page = open_graphiql(offline, development_server)
    assert '"me": null' in run_typed(page, ME, answer_with="me")

    # when the user logs in from GraphiQL (no token in any header: only the cookie remains)
    logged_in = run_typed(page, LOG_IN % (user.email, user.password), answer_with="logIn")

    # then `me` is the user, and the page's scripts never saw the token
    assert '"errors": []' in logged_in, logged_in
    assert '"token": null' in logged_in, logged_in
    assert user.email in run_typed(page, ME, answer_with="me")
    assert offline.refused == []
