"""Settings, read once from the environment and an optional `.env` file.

Nothing else in the package reads `os.environ`: everything that can be configured arrives through
a frozen `Settings`, so a test builds one with `dataclasses.replace` instead of patching globals.

Each setting is declared once, as a `Settings` field: the annotation is its type, and `setting`
gives its environment variable, default and one-line doc. `load_settings` casts by the
annotation, and the README's table is `settings_table()`, so neither can drift from the fields.
"""

from __future__ import annotations

import dataclasses
import secrets
import types
import typing
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, Literal, TypeVar

from starlette.config import Config, Environ, environ
from starlette.datastructures import CommaSeparatedStrings, Secret

AppEnv = Literal["development", "production", "test"]
SmsBackendName = Literal["console", "outbox", "webhook"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_T = TypeVar("_T")


class ConfigError(Exception):
    """A configuration value is missing or invalid; the message is one line for the operator."""


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
        "Production: no GraphiQL, no introspection, no field suggestions, "
        "no `X-SQL-Statements` header, `Secure` cookies.",
    )
    database_url: str | None = setting(
        "DATABASE_URL", None, "PostgreSQL URL; unset = embedded PostgreSQL. Required in production."
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
        "Signs pagination cursors and keys OTP hashes. Required in production.",
    )
    host: str = setting("HOST", "127.0.0.1", "Where `serve` listens (`--host` overrides).")
    port: int = setting("PORT", 8000, "Where `serve` listens (`--port` overrides).")
    pool_min_size: int = setting("POOL_MIN_SIZE", 2, "Connections the pool keeps open.")
    pool_max_size: int = setting("POOL_MAX_SIZE", 10, "Most connections the pool opens.")
    statement_timeout_ms: int = setting(
        "STATEMENT_TIMEOUT_MS", 5000, "`statement_timeout` of every pooled connection."
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
    allowed_origins: tuple[str, ...] = setting(
        "ALLOWED_ORIGINS",
        (),
        "Comma-separated extra origins allowed to POST with the session cookie "
        "(see Authentication).",
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
    password_hash_workers: int = setting(
        "PASSWORD_HASH_WORKERS", 4, "Threads hashing passwords off the event loop."
    )
    require_verified_phone: bool = setting(
        "REQUIRE_VERIFIED_PHONE", True, "Posting needs a verified phone."
    )
    listing_ttl_days: int = setting("LISTING_TTL_DAYS", 30, "Listing lifetime (and renewal).")
    flag_threshold: int = setting("FLAG_THRESHOLD", 3, "Distinct flags that hide a listing.")
    listings_per_hour: int = setting("LISTINGS_PER_HOUR", 20, "Listings a user may post per hour.")
    flags_per_hour: int = setting("FLAGS_PER_HOUR", 30, "Flags a user may raise per hour.")
    image_writes_per_hour: int = setting(
        "IMAGE_WRITES_PER_HOUR", 120, "Image changes a user may make per hour."
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
    """Build `Settings` from the environment; fail fast with one line on a bad or missing value.

    An empty value counts as unset, so `SECRET_KEY=` in production is refused like a missing key.
    """
    config = Config(env_file if env_file and Path(env_file).exists() else None, environ=environ_)
    hints = typing.get_type_hints(Settings)
    given: dict[str, Any] = {}
    for field in dataclasses.fields(Settings):
        env = field.metadata["env"]
        text = config(env, default=None)
        if text:
            given[field.name] = _cast(env, text, hints[field.name])
    settings = Settings(**given)
    _refuse_inconsistent(settings, given)
    return settings


def _refuse_inconsistent(settings: Settings, given: Collection[str]) -> None:
    """The rules that span settings: production refuses to start half-configured."""
    if settings.is_production and "secret_key" not in given:
        raise ConfigError("SECRET_KEY is required when APP_ENV=production")
    if settings.is_production and settings.database_url is None:
        raise ConfigError("DATABASE_URL is required when APP_ENV=production")
    if settings.is_production and settings.sms_backend == "console":
        raise ConfigError("SMS_BACKEND=console is not allowed when APP_ENV=production")
    if settings.sms_backend == "webhook" and settings.sms_webhook_url is None:
        raise ConfigError("SMS_WEBHOOK_URL is required when SMS_BACKEND=webhook")


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
