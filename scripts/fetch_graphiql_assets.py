"""Fetch GraphiQL's browser files from the npm registry into the package, with their hashes.

    .venv/bin/python scripts/fetch_graphiql_assets.py

Run by hand to change a version below (needs `npm`, used only to download: `npm pack`); the
files it writes are committed, so neither the server nor its tests ever reach the network. Each
tarball is checked against the integrity the registry publishes for that exact version before
anything is taken from it. It writes the chosen files, each package's LICENSE file where it has
one, and `manifest.json`: every file's package, version, path in the package, licence and
sha384, which the GraphiQL page uses as `integrity` attributes (`graphql_api/web/graphiql.py`).

The versions go together: `@graphiql/plugin-explorer` 3.2.5 is the release made with
`graphiql` 3.8.3 (the last with a UMD build, loadable by `<script>` tags), and React 18 is the
last with UMD builds too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from graphql_api.web.graphiql import ASSETS_DIR, MANIFEST, integrity

# (package, version, {path in the package: file name served}); the page loads them in this order.
PACKAGES = [
    ("react", "18.3.1", {"umd/react.production.min.js": "react.production.min.js"}),
    ("react-dom", "18.3.1", {"umd/react-dom.production.min.js": "react-dom.production.min.js"}),
    (
        "graphiql",
        "3.8.3",
        {"graphiql.min.css": "graphiql.min.css", "graphiql.min.js": "graphiql.min.js"},
    ),
    (
        "@graphiql/plugin-explorer",
        "3.2.5",
        {"dist/style.css": "plugin-explorer.css", "dist/index.umd.js": "plugin-explorer.umd.js"},
    ),
]


def _npm(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["npm", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _download(package: str, version: str, into: Path) -> Path:
    """The package's tarball, refused unless its sha512 is the one the registry publishes."""
    spec = f"{package}@{version}"
    published = json.loads(_npm("view", spec, "dist.integrity", "--json", cwd=into))
    (packed,) = json.loads(_npm("pack", spec, "--json", "--pack-destination", str(into), cwd=into))
    tarball: Path = into / packed["filename"]
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    actual = "sha512-" + base64.b64encode(digest).decode()
    if actual != published:
        raise SystemExit(f"{spec}: the tarball's {actual} is not the published {published}")
    return tarball


def _member(archive: tarfile.TarFile, path: str) -> bytes | None:
    try:
        extracted = archive.extractfile(f"package/{path}")
    except KeyError:
        return None
    return None if extracted is None else extracted.read()


def main() -> None:
    ASSETS_DIR.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        for package, version, chosen in PACKAGES:
            tarball = _download(package, version, Path(temporary))
            with tarfile.open(tarball) as archive:
                metadata = json.loads(_member(archive, "package.json") or b"{}")
                for path, served in chosen.items():
                    content = _member(archive, path)
                    if content is None:
                        raise SystemExit(f"{package}@{version} has no {path}")
                    (ASSETS_DIR / served).write_bytes(content)
                    files[served] = {
                        "package": package,
                        "version": version,
                        "path": path,
                        "license": metadata["license"],
                        "integrity": integrity(content),
                    }
                licence_text = _member(archive, "LICENSE")
                if licence_text is not None:
                    name = package.removeprefix("@").replace("/", "-")
                    (ASSETS_DIR / f"{name}.LICENSE").write_bytes(licence_text)
            print(f"{package}@{version}: {', '.join(chosen.values())}")
    MANIFEST.write_text(json.dumps({"files": files}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
