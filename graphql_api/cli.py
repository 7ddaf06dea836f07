"""The `graphql-api` console entry point: serve, migrate, seed, generate, export-schema."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from typing import Any

import uvicorn
from starlette.applications import Starlette

from graphql_api.app import create_app
from graphql_api.config import ConfigError, Settings, hand_to_workers, load_settings
from graphql_api.data.database import migration_database_url, server_database_url
from graphql_api.data.roles import refuse_privileged_role
from graphql_api.demo_data import register as register_demo_data
from graphql_api.migrations import SQL_DIR, upgrade_all
from graphql_api.migrations.cli import register as register_migrations
from graphql_api.observability.logs import configure_logging
from graphql_api.schema_export import register as register_schema_export

log = logging.getLogger("graphql_api")


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate as the owner (when asked), then serve as the application role.

    One worker serves in this process. More are processes of their own that uvicorn spawns and
    supervises on one shared socket; migrations, the embedded server and the role checks stay
    here, once.
    """
    if args.migrate:
        upgrade_all(migration_database_url(settings), SQL_DIR, demo=not settings.is_production)
    url = server_database_url(settings)
    if settings.is_production:
        refuse_privileged_role(url)
    host, port = args.host or settings.host, args.port or settings.port
    if settings.is_development:
        log.info("GraphiQL: %s", graphiql_url(host, port))
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "access_log": args.access_log,
        "log_config": None,  # uvicorn's loggers propagate to ours (`LOG_FORMAT`)
        "log_level": "info",
        "loop": "uvloop",
        "http": "httptools",
        "timeout_graceful_shutdown": settings.shutdown_timeout_s,
        **proxy_header_options(settings),
    }
    workers: int = args.workers or settings.web_concurrency
    if workers == 1:
        app = create_app(settings, url)
        _tune_garbage_collector()
        uvicorn.run(app, **options)
    else:
        hand_to_workers(settings, url)
        uvicorn.run(f"{__name__}:{worker_app.__name__}", factory=True, workers=workers, **options)
    return 0


def worker_app() -> Starlette:
    """The app of one `serve --workers N` process: uvicorn calls this in each one it spawns.

    The settings are the parent's (`hand_to_workers`); the pool, the catalogue listener and
    every cache are the worker's own, opened by the app's lifespan.
    """
    settings = load_settings()
    configure_logging(settings.log_format)
    if settings.database_url is None:
        raise ConfigError("a worker needs DATABASE_URL from `serve` (hand_to_workers)")
    app = create_app(settings, settings.database_url)
    _tune_garbage_collector()
    return app


# A server listening on every address is reached from this machine through the loopback one.
_LOOPBACK_FOR = {"0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104 (compared, never bound)


def graphiql_url(host: str, port: int) -> str:
    """Where a browser on this machine opens GraphiQL."""
    shown = _LOOPBACK_FOR.get(host, host)
    return f"http://[{shown}]:{port}/graphql" if ":" in shown else f"http://{shown}:{port}/graphql"


def proxy_header_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for `X-Forwarded-For`/`-Proto`: believed only from `FORWARDED_ALLOW_IPS`.

    uvicorn alone believes them from 127.0.0.1, so any local client (or a proxy that passes the
    header through) could pick its address and slip past every per-address limit.
    """
    return {
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": list(settings.forwarded_allow_ips),
    }


def _tune_garbage_collector() -> None:
    """Fewer, cheaper collections for a server that allocates many short-lived rows.

    `freeze` moves everything loaded at start (modules, the schema) out of the collector's
    sight; higher thresholds mean fewer passes (the gain is in bench/RESULTS.md). It is safe
    because requests leave no
    cyclic garbage (the execution context cuts its own cycle, loaders are released; a test
    checks it); with cyclic garbage, these thresholds let one collection pause the server for
    a quarter to half a second.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def _positive_int(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {number})")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graphql-api", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API (GraphiQL at /graphql)")
    serve.add_argument("--host", help="bind address (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: PORT or 8000)")
    serve.add_argument(
        "--migrate",
        action="store_true",
        help="apply pending migrations and seeds first (no demo seeds with APP_ENV=production)",
    )
    serve.add_argument(
        "--workers",
        type=_positive_int,
        help="server processes on the one port (default: WEB_CONCURRENCY or 1)",
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="uvicorn's access log too (client address and full URL), besides the request lines",
    )
    serve.set_defaults(handler=_serve)

    register_migrations(commands)
    register_demo_data(commands)
    register_schema_export(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_format)
        code: int = args.handler(args, settings)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"graphql-api: configuration error: {problem}", file=sys.stderr)
        return 2
    return code
