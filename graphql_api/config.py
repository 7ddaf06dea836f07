"""Settings, read once from the environment and an optional `.env` file.

Nothing else in the package reads `os.environ`: everything that can be configured arrives through
a frozen `Settings`, so a test builds one with `dataclasses.replace` instead of patching globals.
"""

from __future__ import annotations

import dataclasses
import secrets
from pathlib import Path
from typing import Literal, TypeVar

from starlette.config import Config, Environ, environ
from starlette.datastructures import CommaSeparatedStrings, Secret

AppEnv = Literal["development", "production", "test"]
SmsBackendName = Literal["console", "outbox", "webhook"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_APP_ENVS: tuple[AppEnv, ...] = ("development", "production", "test")
_SMS_BACKENDS: tuple[SmsBackendName, ...] = ("console", "outbox", "webhook")
_Choice = TypeVar("_Choice", bound=str)


class ConfigError(Exception):
    """A configuration value is missing or invalid; the message is one line for the operator."""


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    app_env: AppEnv = "development"
    database_url: str | None = None
    embedded_data_dir: Path = PROJECT_ROOT / ".data" / "postgres"
    sql_dir: Path = PROJECT_ROOT / "sql"
    host: str = "127.0.0.1"
    port: int = 8000
    pool_min_size: int = 2
    pool_max_size: int = 10
    statement_timeout_ms: int = 5000
    secret_key: Secret = dataclasses.field(default_factory=lambda: Secret(secrets.token_hex(32)))
    max_body_bytes: int = 100_000
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    allowed_origins: tuple[str, ...] = ()
    sms_backend: SmsBackendName = "console"
    sms_outbox: Path = PROJECT_ROOT / ".data" / "sms-outbox.jsonl"
    sms_webhook_url: str | None = None
    sms_webhook_secret: Secret = dataclasses.field(default_factory=lambda: Secret(""))
    sms_webhook_timeout_s: float = 5.0
    require_verified_phone: bool = True
    listing_ttl_days: int = 30
    flag_threshold: int = 3
    listings_per_hour: int = 20
    flags_per_hour: int = 30
    image_writes_per_hour: int = 120
    fast_leaf_fields: bool = True
    session_ttl_days: int = 30
    session_renew_within_days: int = 15
    session_max_age_days: int = 90
    login_failures_per_account: int = 10
    login_failures_per_ip: int = 100
    login_failure_window_minutes: int = 15
    password_hash_workers: int = 4

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
    """Build `Settings` from the environment; fail fast with one line on a bad or missing value."""
    config = Config(env_file if env_file and Path(env_file).exists() else None, environ=environ_)
    try:
        app_env = _choice(config("APP_ENV", default="development"), _APP_ENVS, "APP_ENV")
        secret_key = config("SECRET_KEY", cast=Secret, default=None)
        if secret_key is None:
            if app_env == "production":
                raise ConfigError("SECRET_KEY is required when APP_ENV=production")
            secret_key = Secret(secrets.token_hex(32))
        database_url = config("DATABASE_URL", default=None) or None
        if database_url is None and app_env == "production":
            raise ConfigError("DATABASE_URL is required when APP_ENV=production")
        sms_backend = _choice(
            config("SMS_BACKEND", default="console"), _SMS_BACKENDS, "SMS_BACKEND"
        )
        if sms_backend == "console" and app_env == "production":
            raise ConfigError("SMS_BACKEND=console is not allowed when APP_ENV=production")
        sms_webhook_url = config("SMS_WEBHOOK_URL", default=None) or None
        if sms_backend == "webhook" and sms_webhook_url is None:
            raise ConfigError("SMS_WEBHOOK_URL is required when SMS_BACKEND=webhook")
        defaults = Settings()
        return Settings(
            app_env=app_env,
            database_url=database_url,
            embedded_data_dir=Path(
                config("EMBEDDED_PG_DIR", default=str(defaults.embedded_data_dir))
            ),
            sql_dir=Path(config("SQL_DIR", default=str(defaults.sql_dir))),
            host=config("HOST", default=defaults.host),
            port=config("PORT", cast=int, default=defaults.port),
            pool_min_size=config("POOL_MIN_SIZE", cast=int, default=defaults.pool_min_size),
            pool_max_size=config("POOL_MAX_SIZE", cast=int, default=defaults.pool_max_size),
            statement_timeout_ms=config(
                "STATEMENT_TIMEOUT_MS", cast=int, default=defaults.statement_timeout_ms
            ),
            secret_key=secret_key,
            max_body_bytes=config("MAX_BODY_BYTES", cast=int, default=defaults.max_body_bytes),
            max_query_depth=config("MAX_QUERY_DEPTH", cast=int, default=defaults.max_query_depth),
            max_aliases=config("MAX_ALIASES", cast=int, default=defaults.max_aliases),
            max_tokens=config("MAX_TOKENS", cast=int, default=defaults.max_tokens),
            allowed_origins=tuple(
                config("ALLOWED_ORIGINS", cast=CommaSeparatedStrings, default="")
            ),
            sms_backend=sms_backend,
            sms_outbox=Path(config("SMS_OUTBOX", default=str(defaults.sms_outbox))),
            sms_webhook_url=sms_webhook_url,
            sms_webhook_secret=Secret(config("SMS_WEBHOOK_SECRET", default="")),
            sms_webhook_timeout_s=config(
                "SMS_WEBHOOK_TIMEOUT_S", cast=float, default=defaults.sms_webhook_timeout_s
            ),
            require_verified_phone=config(
                "REQUIRE_VERIFIED_PHONE", cast=bool, default=defaults.require_verified_phone
            ),
            listing_ttl_days=config(
                "LISTING_TTL_DAYS", cast=int, default=defaults.listing_ttl_days
            ),
            flag_threshold=config("FLAG_THRESHOLD", cast=int, default=defaults.flag_threshold),
            listings_per_hour=config(
                "LISTINGS_PER_HOUR", cast=int, default=defaults.listings_per_hour
            ),
            flags_per_hour=config("FLAGS_PER_HOUR", cast=int, default=defaults.flags_per_hour),
            image_writes_per_hour=config(
                "IMAGE_WRITES_PER_HOUR", cast=int, default=defaults.image_writes_per_hour
            ),
            fast_leaf_fields=config(
                "FAST_LEAF_FIELDS", cast=bool, default=defaults.fast_leaf_fields
            ),
            session_ttl_days=config(
                "SESSION_TTL_DAYS", cast=int, default=defaults.session_ttl_days
            ),
            session_renew_within_days=config(
                "SESSION_RENEW_WITHIN_DAYS", cast=int, default=defaults.session_renew_within_days
            ),
            session_max_age_days=config(
                "SESSION_MAX_AGE_DAYS", cast=int, default=defaults.session_max_age_days
            ),
            login_failures_per_account=config(
                "LOGIN_FAILURES_PER_ACCOUNT", cast=int, default=defaults.login_failures_per_account
            ),
            login_failures_per_ip=config(
                "LOGIN_FAILURES_PER_IP", cast=int, default=defaults.login_failures_per_ip
            ),
            login_failure_window_minutes=config(
                "LOGIN_FAILURE_WINDOW_MINUTES",
                cast=int,
                default=defaults.login_failure_window_minutes,
            ),
            password_hash_workers=config(
                "PASSWORD_HASH_WORKERS", cast=int, default=defaults.password_hash_workers
            ),
        )
    except ValueError as exc:  # starlette's cast errors
        raise ConfigError(str(exc)) from exc
    except KeyError as exc:  # starlette's missing-key errors
        raise ConfigError(str(exc).strip("'\"")) from exc


def _choice(value: str, allowed: tuple[_Choice, ...], name: str) -> _Choice:
    for option in allowed:
        if value == option:
            return option
    raise ConfigError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")
