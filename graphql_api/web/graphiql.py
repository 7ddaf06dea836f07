"""GraphiQL served by this server, from files shipped in the package (outside production only).

Strawberry's own page loads React and GraphiQL from a public CDN: without internet it stays a
blank "Loading..." page, and with it the IDE runs whatever that CDN serves. Here the page and
every file it loads come from this server. The vendored files are pinned copies from the npm
registry, written by `scripts/fetch_graphiql_assets.py` together with `manifest.json` (their
packages, versions and sha384 hashes); the page carries those hashes as `integrity` attributes,
so a browser refuses a file that is not the published one. The page has no inline script or
style, so a Content-Security-Policy of `'self'` fits it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from string import Template

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

ASSETS_DIR = Path(__file__).parent / "static" / "graphiql"
MANIFEST = ASSETS_DIR / "manifest.json"
ASSETS_URL = "/graphiql"
# The page's Content-Security-Policy: scripts, styles and requests to this server only, nothing
# inline, no plugins, never framed (so never clickjacked into running a mutation).
# GraphiQL's stylesheet embeds its fonts and icons as `data:` URLs.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# This server's own files, loaded after the vendored ones: the page's style and the script that
# starts GraphiQL.
_OWN_FILES = ("page.css", "page.js")

_PAGE = Template("""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>GraphiQL</title>
    <link rel="icon" href="data:,">
$styles
  </head>
  <body>
    <div id="graphiql">Loading...</div>
$scripts
  </body>
</html>
""")


def integrity(content: bytes) -> str:
    """A Subresource Integrity value: `sha384-` and the base64 of the digest."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def graphiql_page() -> str:
    """The page's HTML: styles, then scripts, each in the manifest's order, then this server's."""
    manifest: dict[str, dict[str, str]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    hashes = {name: entry["integrity"] for name, entry in manifest.items()}
    hashes |= {name: integrity((ASSETS_DIR / name).read_bytes()) for name in _OWN_FILES}
    styles = [
        f'    <link rel="stylesheet" href="{ASSETS_URL}/{name}" integrity="{value}">'
        for name, value in hashes.items()
        if name.endswith(".css")
    ]
    scripts = [
        f'    <script src="{ASSETS_URL}/{name}" integrity="{value}"></script>'
        for name, value in hashes.items()
        if name.endswith(".js")
    ]
    return _PAGE.substitute(styles="\n".join(styles), scripts="\n".join(scripts))


async def _to_graphiql(request: Request) -> Response:
    return RedirectResponse("/graphql")


def graphiql_routes() -> list[BaseRoute]:
    """The page's files, and `/` leading to the page (`/graphql` serves it to browsers)."""
    return [
        Route("/", _to_graphiql),
        Mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR)),
    ]
