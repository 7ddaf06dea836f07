"""`graphql-api export-schema`: the checked-in `schema.graphql`, generated from the code.

Frontends generate typed clients from that file, so it is a contract: a test fails when the
committed file and the code disagree.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graphql_api.config import PROJECT_ROOT, Settings
from graphql_api.schema.root import build_schema

SCHEMA_FILE = PROJECT_ROOT / "schema.graphql"


def render_schema(settings: Settings) -> str:
    return build_schema(settings).as_str() + "\n"


def _export(args: argparse.Namespace, settings: Settings) -> int:
    target = Path(args.output)
    target.write_text(render_schema(settings))
    print(f"wrote {target}")
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export-schema", help="write schema.graphql from the code")
    export.add_argument("--output", default=str(SCHEMA_FILE), help="file to write")
    export.set_defaults(handler=_export)
