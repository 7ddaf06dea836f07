"""The `migrate`, `seed` and `generate` verbs of `graphql-api`.

Handlers turn every expected failure into one line on stderr and a non-zero exit, so a deploy
script sees what to fix without a traceback.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

import psycopg

from graphql_api.config import Settings
from graphql_api.data.database import migration_database_url
from graphql_api.migrations.errors import MigrationError
from graphql_api.migrations.files import KINDS, SQL_DIR
from graphql_api.migrations.generate import generate
from graphql_api.migrations.runner import down, status, up

EXIT_FAILED = 1
EXIT_NOT_UP_TO_DATE = 3

Handler = Callable[[argparse.Namespace, Settings], int]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], sql_dir: Path = SQL_DIR
) -> None:
    """Add the verbs; they work on the files under `sql_dir` (a test passes its own folder)."""
    for kind in KINDS:
        noun = "migrations" if kind == "migrate" else "seeds"
        parser = commands.add_parser(kind, help=f"apply, roll back or list {noun}")
        parser.set_defaults(kind=kind, sql_dir=sql_dir)
        verbs = parser.add_subparsers(dest="verb", required=True)
        up_parser = verbs.add_parser("up", help=f"apply pending {noun}")
        up_parser.set_defaults(handler=_up, demo=None)
        if kind == "seed":
            up_parser.add_argument(
                "--demo",
                action=argparse.BooleanOptionalAction,
                help="apply the demo seeds too (the default outside production; refused in it)",
            )
        down_parser = verbs.add_parser("down", help=f"roll back applied {noun}, newest first")
        down_parser.add_argument(
            "--steps", type=_positive_int, help="roll back only the last N (default: all)"
        )
        down_parser.set_defaults(handler=_down)
        status_parser = verbs.add_parser("status", help=f"list {noun} and their state")
        status_parser.add_argument(
            "--check",
            action="store_true",
            help=f"exit {EXIT_NOT_UP_TO_DATE} when anything is pending or changed",
        )
        status_parser.set_defaults(handler=_status)

    parser = commands.add_parser("generate", help="write a new, empty up/down pair")
    parser.add_argument("--type", dest="kind", choices=KINDS, required=True)
    parser.add_argument("--name", required=True, help="snake_case description")
    parser.add_argument("--schema", required=True, help="the schema the change touches")
    parser.set_defaults(handler=_generate, sql_dir=sql_dir)


def _one_line_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def wrapped(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return handler(args, settings)
        except MigrationError as exc:
            print(f"graphql-api {args.kind}: {exc}", file=sys.stderr)
        except psycopg.Error as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            print(f"graphql-api {args.kind}: database error: {first_line}", file=sys.stderr)
        return EXIT_FAILED

    return wrapped


@_one_line_errors
def _up(args: argparse.Namespace, settings: Settings) -> int:
    if args.demo and settings.is_production:
        raise MigrationError(
            "demo seeds are never applied when APP_ENV=production; "
            "`seed up` applies the reference seeds"
        )
    demo = not settings.is_production if args.demo is None else args.demo
    names = up(migration_database_url(settings), args.sql_dir, args.kind, demo=demo)
    print(f"{args.kind}: applied {len(names)}" if names else f"{args.kind}: nothing pending")
    return 0


@_one_line_errors
def _down(args: argparse.Namespace, settings: Settings) -> int:
    names = down(migration_database_url(settings), args.sql_dir, args.kind, args.steps)
    print(f"{args.kind}: rolled back {len(names)}" if names else f"{args.kind}: nothing applied")
    return 0


@_one_line_errors
def _status(args: argparse.Namespace, settings: Settings) -> int:
    url = migration_database_url(settings)
    entries = status(url, args.sql_dir, args.kind, demo=not settings.is_production)
    for entry in entries:
        print(f"{entry.state:<12} {entry.name}")
    behind = any(entry.state in ("pending", "changed") for entry in entries)
    return EXIT_NOT_UP_TO_DATE if args.check and behind else 0


@_one_line_errors
def _generate(args: argparse.Namespace, settings: Settings) -> int:
    for path in generate(args.sql_dir, args.kind, args.name, args.schema):
        print(f"wrote {path}")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
