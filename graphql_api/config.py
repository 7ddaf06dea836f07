"""Settings, read once from the environment and an optional `.env` file.

Nothing else in the package reads `os.environ`: everything that can be configured arrives through
a frozen `Settings`, so a test builds one with `dataclasses.replace` instead of patching globals.

Each setting is declared once, as a `Settings` field: the annotation is its type, and `setting`
gives its environment variable, default and one-line doc. `load_settings` casts by the
annotation, and the README's table is `settings_table()`, so neither can drift from the fields.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import types
import typing
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import phonenumbers
from starlette.config import Config, Environ, environ
from starlette.datastructures import CommaSeparatedStrings, Secret

AppEnv = Literal["development", "production", "test"]
SmsBackendName = Literal["console", "outbox", "webhook"]
LogFormat = Literal["text", "json"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_SECRET_KEY_BYTES = 32  # HMAC-SHA256 keys shorter than its output weaken it (RFC 2104)

_T = TypeVar("_T")


class ConfigError(Exception):
    """Configuration values are missing or invalid: one line per problem, for the operator."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def setting(env: str, default: _T, doc: str) -> _T:
    """A `Settings` field read from `env`; `doc` is its line in the README's table."""
    return dataclasses.field(default=default, metadata={"env": env, "doc": doc})


def generated_setting(env: str, factory: Callable[[], _T], shown: str, doc: str) -> _T:
    """A setting whose default is made per instance; `shown` names that default in the README."""
    return dataclasses.field(
        default_factory=factory, metadata={"env": env, "doc": doc, "shown": shown}
    )


def _random_secret_key() -> Secret:
    return Secret(secrets.token_hex(32))


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    app_env: AppEnv = setting(
        "APP_ENV",
        "development",
        "Production: no GraphiQL, no introspection, no suggestions (`Did you mean`), "
        "no `X-SQL-Statements` or `X-Server-Process` header, no `/metrics` (unless "
        "`METRICS_PUBLIC`), `Secure` cookies.",
    )
    database_url: str | None = setting(
        "DATABASE_URL",
        None,
        "PostgreSQL URL `serve` connects with, as a member of the application role (see Roles); "
        "unset = embedded PostgreSQL. Required in production.",
    )
    migration_database_url: str | None = setting(
        "MIGRATION_DATABASE_URL",
        None,
        "PostgreSQL URL `migrate`, `seed`, `demo-data` and `serve --migrate` use, as the owner of "
        "the tables; unset = `DATABASE_URL`.",
    )
    listen_database_url: str | None = setting(
        "LISTEN_DATABASE_URL",
        None,
        "PostgreSQL URL the catalogue cache LISTENs on: a direct connection, never through a "
        "transaction pooler (see PgBouncer); unset = the server's database URL.",
    )
    prepared_statements: bool = setting(
        "PREPARED_STATEMENTS",
        True,
        "Server-side prepared statements for queries a connection repeats; `false` behind a "
        "transaction-pooling PgBouncer, which cannot hold them (see PgBouncer).",
    )
    embedded_data_dir: Path = setting(
        "EMBEDDED_PG_DIR",
        PROJECT_ROOT / ".data" / "postgres",
        "Data directory of the embedded server.",
    )
    secret_key: Secret = generated_setting(
        "SECRET_KEY",
        _random_secret_key,
        "random per start",
        "Signs pagination cursors and keys OTP hashes. Required in production, at least "
        f"{MIN_SECRET_KEY_BYTES} bytes.",
    )
    host: str = setting("HOST", "127.0.0.1", "Where `serve` listens (`--host` overrides).")
    port: int = setting("PORT", 8000, "Where `serve` listens (`--port` overrides).")
    web_concurrency: int = setting(
        "WEB_CONCURRENCY",
        1,
        "Processes `serve` runs on its one port (`--workers` overrides), each with its own pool, "
        "catalogue listener and caches (see Processes).",
    )
    shutdown_timeout_s: int = setting(
        "SHUTDOWN_TIMEOUT_S",
        20,
        "Seconds requests in flight get to finish after SIGTERM (no new ones are accepted); "
        "then they are cancelled.",
    )
    pool_min_size: int = setting("POOL_MIN_SIZE", 2, "Connections the pool keeps open.")
    pool_max_size: int = setting("POOL_MAX_SIZE", 10, "Most connections the pool opens.")
    statement_timeout_ms: int = setting(
        "STATEMENT_TIMEOUT_MS",
        5000,
        "`statement_timeout` of every pooled connection: a longer statement fails with 503 "
        "`SERVICE_UNAVAILABLE`.",
    )
    lock_timeout_ms: int = setting(
        "LOCK_TIMEOUT_MS",
        2000,
        "`lock_timeout` of every pooled connection: a statement waiting longer for a lock "
        "fails with 503 `SERVICE_UNAVAILABLE`.",
    )
    idle_in_transaction_timeout_ms: int = setting(
        "IDLE_IN_TRANSACTION_TIMEOUT_MS",
        10000,
        "`idle_in_transaction_session_timeout` of every pooled connection.",
    )
    pool_timeout_s: float = setting(
        "POOL_TIMEOUT_S",
        3.0,
        "Seconds a request waits for a pooled connection; then 503 `SERVICE_UNAVAILABLE`.",
    )
    pool_max_waiting: int = setting(
        "POOL_MAX_WAITING",
        100,
        "Requests that may wait for a pooled connection at once; more get 503 "
        "`SERVICE_UNAVAILABLE` without waiting.",
    )
    max_body_bytes: int = setting("MAX_BODY_BYTES", 100_000, "Larger request bodies get 413.")
    max_query_depth: int = setting("MAX_QUERY_DEPTH", 10, "Deeper queries are refused.")
    max_aliases: int = setting("MAX_ALIASES", 30, "Queries with more aliases are refused.")
    max_tokens: int = setting("MAX_TOKENS", 2000, "Documents with more tokens are refused.")
    max_query_cost: int = setting(
        "MAX_QUERY_COST",
        10_000,
        "Operations that cost more are refused before they run (see Query cost).",
    )
    max_response_bytes: int = setting(
        "MAX_RESPONSE_BYTES",
        10_000_000,
        "A larger response is replaced by a `RESPONSE_TOO_LARGE` error (see Query cost).",
    )
    cors_origins: tuple[str, ...] = setting(
        "CORS_ORIGINS",
        (),
        "Comma-separated origins (`https://app.example.com`) of browser frontends: CORS with "
        "credentials, and the session cookie accepted from them (see CORS).",
    )
    sms_backend: SmsBackendName = setting(
        "SMS_BACKEND", "console", "How verification codes are sent (see SMS backends)."
    )
    sms_outbox: Path = setting(
        "SMS_OUTBOX",
        PROJECT_ROOT / ".data" / "sms-outbox.jsonl",
        "The file the `outbox` backend appends to.",
    )
    sms_webhook_url: str | None = setting(
        "SMS_WEBHOOK_URL", None, "Where the `webhook` backend POSTs; required with it."
    )
    sms_webhook_secret: Secret = setting(
        "SMS_WEBHOOK_SECRET", Secret(""), "The bearer token the `webhook` backend sends."
    )
    sms_webhook_timeout_s: float = setting(
        "SMS_WEBHOOK_TIMEOUT_S", 5.0, "Seconds the `webhook` backend waits for an answer."
    )
    sms_allowed_regions: tuple[str, ...] = setting(
        "SMS_ALLOWED_REGIONS",
        (),
        "Comma-separated regions (ISO 3166 codes, e.g. `US,CA`) whose numbers get codes; "
        "empty allows every region.",
    )
    sms_per_ip_per_hour: int = setting(
        "SMS_PER_IP_PER_HOUR", 10, "Verification texts one client address may request per hour."
    )
    sms_per_hour: int = setting(
        "SMS_PER_HOUR",
        500,
        "Verification texts all clients together may request per hour; past it no text is sent "
        "(a circuit breaker, logged at CRITICAL).",
    )
    session_ttl_days: int = setting("SESSION_TTL_DAYS", 30, "Days a new or extended session lasts.")
    session_renew_within_days: int = setting(
        "SESSION_RENEW_WITHIN_DAYS", 15, "A session is extended when fewer days remain."
    )
    session_max_age_days: int = setting(
        "SESSION_MAX_AGE_DAYS", 90, "No session outlives this many days from its creation."
    )
    login_failures_per_account: int = setting(
        "LOGIN_FAILURES_PER_ACCOUNT", 10, "Failed log-ins that lock an account for the window."
    )
    login_failures_per_ip: int = setting(
        "LOGIN_FAILURES_PER_IP", 100, "Failed log-ins that lock a client address for the window."
    )
    login_failure_window_minutes: int = setting(
        "LOGIN_FAILURE_WINDOW_MINUTES", 15, "Minutes in which failed log-ins are counted."
    )
    signups_per_ip_per_hour: int = setting(
        "SIGNUPS_PER_IP_PER_HOUR", 20, "Sign-up attempts one client address may make per hour."
    )
    forwarded_allow_ips: tuple[str, ...] = setting(
        "FORWARDED_ALLOW_IPS",
        (),
        "Comma-separated proxy addresses or networks (or `*`) whose `X-Forwarded-For` and "
        "`X-Forwarded-Proto` are believed; empty believes none.",
    )
    password_hash_workers: int = setting(
        "PASSWORD_HASH_WORKERS", 4, "Threads hashing passwords off the event loop."
    )
    require_verified_phone: bool = setting(
        "REQUIRE_VERIFIED_PHONE", True, "Posting needs a verified phone."
    )
    listing_ttl_days: int = setting("LISTING_TTL_DAYS", 30, "Listing lifetime (and renewal).")
    flag_threshold: int = setting(
        "FLAG_THRESHOLD", 3, "Distinct flags that hide a listing (only the flags that count)."
    )
    flag_min_account_age_hours: int = setting(
        "FLAG_MIN_ACCOUNT_AGE_HOURS",
        24,
        "A flag counts towards hiding only from an account this old with a verified phone.",
    )
    listings_per_hour: int = setting("LISTINGS_PER_HOUR", 20, "Listings a user may post per hour.")
    flags_per_hour: int = setting("FLAGS_PER_HOUR", 30, "Flags a user may raise per hour.")
    image_writes_per_hour: int = setting(
        "IMAGE_WRITES_PER_HOUR", 120, "Image changes a user may make per hour."
    )
    log_format: LogFormat = setting(
        "LOG_FORMAT",
        "text",
        "How log lines are written: `text` for people, `json` (one object a line) for a log "
        "collector (see Observability).",
    )
    metrics_public: bool = setting(
        "METRICS_PUBLIC",
        False,
        "Serve `/metrics` in production too (it always is in other environments; see "
        "Observability).",
    )
    metrics_port: int | None = setting(
        "METRICS_PORT",
        None,
        "Serve the metrics on this port of `HOST` instead of at `/metrics`, in every environment.",
    )
    otel_exporter_otlp_endpoint: str | None = setting(
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        None,
        "Base URL of an OpenTelemetry collector (`http://collector:4318`): set, every request's "
        "trace is sent there over OTLP/HTTP (see Observability).",
    )
    fast_executor: bool = setting(
        "FAST_EXECUTOR",
        True,
        "The compiled executor (`graphql_api/engine/execution.py`): leaf fields, prefetched object "
        "fields and `__typename` resolved inline; `false` runs Strawberry's default one "
        "(same responses, slower).",
    )

    @property
    def secret_key_bytes(self) -> bytes:
        return str(self.secret_key).encode()

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def is_development(self) -> bool:
        return self.app_env == "development"


def load_settings(env_file: str | Path | None = ".env", environ_: Environ = environ) -> Settings:
    """Build `Settings` from the environment; refuse bad or missing values, all in one error.

    Every problem is reported at once (an operator fixing a deployment should not meet them one
    start at a time); a value that cannot be read counts as unset for the rules that span
    settings. An empty value counts as unset, so `SECRET_KEY=` in production is refused like a
    missing key.
    """
    config = Config(env_file if env_file and Path(env_file).exists() else None, environ=environ_)
    problems = [
        f"{old} is now called {new}" for old, new in _RENAMED.items() if config(old, default=None)
    ]
    hints = typing.get_type_hints(Settings)
    given: dict[str, Any] = {}
    for field in dataclasses.fields(Settings):
        env = field.metadata["env"]
        text = config(env, default=None)
        if text:
            try:
                given[field.name] = _cast(env, text, hints[field.name])
            except ConfigError as exc:
                problems.extend(exc.problems)
    settings = Settings(**given)
    problems.extend(_malformed_origins(settings.cors_origins))
    problems.extend(_inconsistencies(settings, given))
    if problems:
        raise ConfigError(*problems)
    return settings


# Variables that were renamed: a server still given the old name refuses to start rather than
# silently ignore it.
_RENAMED = {"ALLOWED_ORIGINS": "CORS_ORIGINS"}

# An origin as a browser sends it in `Origin`: scheme, lower-case host, and a port only when it
# is not the scheme's default. Listed origins are compared with that header as text, so anything
# else (a path, a trailing slash, upper case) would never match, and `*` would mean every site.
_ORIGIN = re.compile(r"(?P<scheme>https?)://(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?P<port>:[0-9]{1,5})?")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def _malformed_origins(origins: Collection[str]) -> Iterator[str]:
    for origin in origins:
        match = _ORIGIN.fullmatch(origin)
        if match is None or match["port"] == _DEFAULT_PORTS[match["scheme"]]:
            yield f"CORS_ORIGINS must list origins such as https://app.example.com (got {origin!r})"


def _inconsistencies(settings: Settings, given: Collection[str]) -> Iterator[str]:
    """The rules that span settings: production refuses to start half-configured."""
    if settings.is_production and "secret_key" not in given:
        yield "SECRET_KEY is required when APP_ENV=production"
    if settings.is_production and settings.database_url is None:
        yield "DATABASE_URL is required when APP_ENV=production"
    if settings.is_production and len(settings.secret_key_bytes) < MIN_SECRET_KEY_BYTES:
        yield (
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes when APP_ENV=production "
            f"(got {len(settings.secret_key_bytes)}); "
            "`python -c 'import secrets; print(secrets.token_hex(32))'` makes one"
        )
    if settings.web_concurrency < 1:
        yield f"WEB_CONCURRENCY must be at least 1 (got {settings.web_concurrency})"
    if settings.migration_database_url and not settings.database_url:
        yield (
            "MIGRATION_DATABASE_URL is set without DATABASE_URL "
            "(the server would use the embedded database instead of the migrated one)"
        )
    if settings.is_production and settings.sms_backend == "console":
        yield "SMS_BACKEND=console is not allowed when APP_ENV=production"
    if settings.sms_backend == "webhook" and settings.sms_webhook_url is None:
        yield "SMS_WEBHOOK_URL is required when SMS_BACKEND=webhook"
    if settings.metrics_port == settings.port:
        yield f"METRICS_PORT must differ from PORT (both {settings.port})"
    unknown = [r for r in settings.sms_allowed_regions if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        yield (
            "SMS_ALLOWED_REGIONS must hold upper-case region codes such as US,CA "
            f"(got {unknown[0]!r})"
        )


def hand_to_workers(settings: Settings, database_url: str) -> None:
    """Put in the environment what worker processes need to rebuild the parent's `settings`.

    `serve --workers N` spawns fresh interpreters that call `load_settings()` again: they inherit
    the environment, but not what the parent resolved itself, namely the server's database URL
    (the embedded server's login role, say) and a `SECRET_KEY` generated at random (every worker
    must sign cursors and key OTP hashes alike).
    """
    os.environ["DATABASE_URL"] = database_url
    os.environ["SECRET_KEY"] = str(settings.secret_key)


def _boolean(text: str) -> bool:
    return {"true": True, "1": True, "false": False, "0": False}[text.lower()]


def _comma_separated(text: str) -> tuple[str, ...]:
    return tuple(CommaSeparatedStrings(text))


# Each annotation `Settings` uses: how to read it from text, and what to call it in an error.
_CASTS: dict[object, tuple[Callable[[str], object], str]] = {
    str: (str, "text"),
    int: (int, "an integer"),
    float: (float, "a number"),
    bool: (_boolean, "true or false"),
    Path: (Path, "a path"),
    Secret: (Secret, "text"),
    tuple[str, ...]: (_comma_separated, "comma-separated text"),
}


def _cast(env: str, text: str, hint: object) -> object:
    if typing.get_origin(hint) is Literal:
        allowed: tuple[str, ...] = typing.get_args(hint)
        if text not in allowed:
            raise ConfigError(f"{env} must be one of {', '.join(allowed)} (got {text!r})")
        return text
    if typing.get_origin(hint) is types.UnionType:  # `X | None`: None is the unset default
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not types.NoneType)
    cast, expected = _CASTS[hint]
    try:
        return cast(text)
    except (KeyError, ValueError):
        raise ConfigError(f"{env} must be {expected} (got {text!r})") from None


def settings_table() -> str:
    """The README's table of settings (Markdown), one row per field in declaration order."""
    hints = typing.get_type_hints(Settings)
    rows = ["| Variable | Default | What |", "|---|---|---|"]
    for field in dataclasses.fields(Settings):
        doc = field.metadata["doc"]
        if typing.get_origin(hints[field.name]) is Literal:
            choices = ", ".join(f"`{choice}`" for choice in typing.get_args(hints[field.name]))
            doc = f"One of {choices}. {doc}"
        rows.append(f"| `{field.metadata['env']}` | {_shown_default(field)} | {doc} |")
    return "\n".join(rows) + "\n"


def _shown_default(field: dataclasses.Field[Any]) -> str:
    """The default as one would write it in the environment, or a word when there is no text."""
    if "shown" in field.metadata:
        return str(field.metadata["shown"])
    value = field.default
    if value is None:
        return "unset"
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, Path):
        text = value.relative_to(PROJECT_ROOT).as_posix()
    elif isinstance(value, tuple):
        text = ",".join(value)
    else:
        text = str(value)
    return f"`{text}`" if text else "empty"
