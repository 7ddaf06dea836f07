"""Settings are read once, from the environment and `.env`; production refuses to start half-set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.config import Environ

from graphql_api.config import PROJECT_ROOT, ConfigError, Settings, load_settings, settings_table

PRODUCTION = {
    "APP_ENV": "production",
    "DATABASE_URL": "postgresql://app@db/classifieds",
    "SECRET_KEY": "0123456789abcdef0123456789abcdef",
    "SMS_BACKEND": "webhook",
    "SMS_WEBHOOK_URL": "https://sms.example.com/send",
}


def _load(values: dict[str, str], env_file: Path | None = None) -> Settings:
    return load_settings(env_file=env_file, environ_=Environ(values))


def test_a_complete_production_environment_loads() -> None:
    settings = load_settings(env_file=None, environ_=Environ(dict(PRODUCTION)))
    assert settings.is_production
    assert str(settings.secret_key) == "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DATABASE_URL", "DATABASE_URL is required when APP_ENV=production"),
        ("SECRET_KEY", "SECRET_KEY is required when APP_ENV=production"),
        ("SMS_WEBHOOK_URL", "SMS_WEBHOOK_URL is required when SMS_BACKEND=webhook"),
    ],
)
def test_production_refuses_a_missing_value(missing: str, message: str) -> None:
    values = {key: value for key, value in PRODUCTION.items() if key != missing}
    with pytest.raises(ConfigError, match=message):
        _load(values)


def test_production_refuses_a_secret_key_shorter_than_32_bytes() -> None:
    with pytest.raises(ConfigError) as raised:
        _load({**PRODUCTION, "SECRET_KEY": "short"})
    assert str(raised.value).startswith(
        "SECRET_KEY must be at least 32 bytes when APP_ENV=production (got 5)"
    )
    _load({**PRODUCTION, "SECRET_KEY": "é" * 16})  # 32 bytes of UTF-8


def test_sms_allowed_regions_must_be_region_codes() -> None:
    assert _load({"SMS_ALLOWED_REGIONS": "US, CA"}).sms_allowed_regions == ("US", "CA")
    with pytest.raises(ConfigError) as raised:
        _load({"SMS_ALLOWED_REGIONS": "US,UK"})
    assert str(raised.value) == (
        "SMS_ALLOWED_REGIONS must hold upper-case region codes such as US,CA (got 'UK')"
    )


def test_a_migration_url_without_a_server_url_is_refused() -> None:
    # the server would serve the embedded database while migrations went elsewhere
    with pytest.raises(ConfigError, match="MIGRATION_DATABASE_URL is set without DATABASE_URL"):
        _load({"MIGRATION_DATABASE_URL": "postgresql://owner@db/classifieds"})


def test_web_concurrency_below_one_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"WEB_CONCURRENCY must be at least 1 \(got 0\)"):
        _load({"WEB_CONCURRENCY": "0"})


def test_production_refuses_the_console_sms_backend() -> None:
    with pytest.raises(ConfigError, match="SMS_BACKEND=console"):
        _load({**PRODUCTION, "SMS_BACKEND": "console"})


@pytest.mark.parametrize(
    ("name", "value"), [("APP_ENV", "staging"), ("PORT", "eighty"), ("SMS_BACKEND", "pigeon")]
)
def test_invalid_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError):
        _load({name: value})


@pytest.mark.parametrize(
    "origin",
    [
        "*",
        "https://app.example.com/",
        "app.example.com",
        "https://App.example.com",
        "https://app.example.com:443",
        "ftp://app.example.com",
    ],
)
def test_cors_origins_must_be_origins_as_browsers_send_them(origin: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _load({"CORS_ORIGINS": f"http://localhost:5173,{origin}"})
    assert str(raised.value) == (
        f"CORS_ORIGINS must list origins such as https://app.example.com (got {origin!r})"
    )


def test_the_renamed_allowed_origins_is_refused_not_ignored() -> None:
    with pytest.raises(ConfigError) as raised:
        _load({"ALLOWED_ORIGINS": "https://app.example.com"})
    assert str(raised.value) == "ALLOWED_ORIGINS is now called CORS_ORIGINS"


def test_a_value_outside_its_choices_names_the_choices_in_one_line() -> None:
    with pytest.raises(ConfigError) as raised:
        _load({"SMS_BACKEND": "pigeon"})
    assert str(raised.value) == "SMS_BACKEND must be one of console, outbox, webhook (got 'pigeon')"


def test_an_empty_secret_key_counts_as_missing() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY is required when APP_ENV=production"):
        _load({**PRODUCTION, "SECRET_KEY": ""})


def test_values_are_cast_by_their_declared_type() -> None:
    # when
    settings = load_settings(
        env_file=None,
        environ_=Environ(
            {
                "HOST": "10.0.0.1",
                "PORT": "9000",
                "SMS_WEBHOOK_TIMEOUT_S": "2.5",
                "REQUIRE_VERIFIED_PHONE": "False",
                "EMBEDDED_PG_DIR": "/srv/pg",
                "SMS_WEBHOOK_SECRET": "hush",
                "CORS_ORIGINS": "https://a.example, http://localhost:5173",
                "FORWARDED_ALLOW_IPS": "10.0.0.2, 10.1.0.0/16",
                "APP_ENV": "test",
                "DATABASE_URL": "postgresql://db/app",
                "SMS_WEBHOOK_URL": "",
            }
        ),
    )

    # then
    assert (settings.host, settings.port, settings.sms_webhook_timeout_s) == ("10.0.0.1", 9000, 2.5)
    assert settings.require_verified_phone is False
    assert settings.embedded_data_dir == Path("/srv/pg")
    assert str(settings.sms_webhook_secret) == "hush"
    assert settings.cors_origins == ("https://a.example", "http://localhost:5173")
    assert settings.forwarded_allow_ips == ("10.0.0.2", "10.1.0.0/16")
    assert (settings.app_env, settings.database_url) == ("test", "postgresql://db/app")
    assert settings.sms_webhook_url is None


def test_the_readme_lists_exactly_the_declared_settings() -> None:
    # given
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]

    # when
    table = [line for line in section.splitlines() if line.startswith("|")]

    # then
    expected = settings_table()
    assert table == expected.splitlines(), f"README's settings table is stale; use:\n{expected}"


def test_dot_env_is_honoured_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=9001\nHOST=10.1.2.3\n")
    settings = load_settings(env_file=env_file, environ_=Environ({"PORT": "9002"}))
    assert settings.host == "10.1.2.3"
    assert settings.port == 9002


def test_the_cli_reports_every_configuration_error_at_once(tmp_path: Path) -> None:
    # given a production environment with four mistakes
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    env.update(APP_ENV="production", SECRET_KEY="x", SMS_BACKEND="console", PORT="eighty")
    # when the server is started
    result = subprocess.run(
        [sys.executable, "-m", "graphql_api", "serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # then it stops with one line for each
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "graphql-api: configuration error: PORT must be an integer (got 'eighty')",
        "graphql-api: configuration error: DATABASE_URL is required when APP_ENV=production",
        "graphql-api: configuration error: SECRET_KEY must be at least 32 bytes when "
        "APP_ENV=production (got 1); `python -c 'import secrets; print(secrets.token_hex(32))'` "
        "makes one",
        "graphql-api: configuration error: SMS_BACKEND=console is not allowed when "
        "APP_ENV=production",
    ]


def test_load_settings_lists_every_problem() -> None:
    # when
    with pytest.raises(ConfigError) as raised:
        _load(
            {
                "ALLOWED_ORIGINS": "https://a.example",
                "CORS_ORIGINS": "*",
                "LOG_FORMAT": "xml",
                "METRICS_PORT": "8000",
            }
        )

    # then
    assert raised.value.problems == (
        "ALLOWED_ORIGINS is now called CORS_ORIGINS",
        "LOG_FORMAT must be one of text, json (got 'xml')",
        "CORS_ORIGINS must list origins such as https://app.example.com (got '*')",
        "METRICS_PORT must differ from PORT (both 8000)",
    )
