"""The roles the server connects as (README: Roles).

Migrations create `classifieds_app`, a NOLOGIN group role granted exactly what the server does
and no DDL; the server logs in as a member of it. On the embedded server that member is
`classifieds_api`, made here; elsewhere the operator creates it and names it in `DATABASE_URL`.
In production the server refuses a role that could do more.
"""

from __future__ import annotations

import dataclasses

import psycopg
from psycopg.conninfo import make_conninfo
from psycopg.rows import class_row

from graphql_api.config import ConfigError
from graphql_api.data.queries import query

APP_ROLE = "classifieds_app"
EMBEDDED_LOGIN_ROLE = "classifieds_api"

_ENSURE_EMBEDDED_LOGIN = query("ensure_embedded_login_role")
_CONNECTED_ROLE_POWERS = query("connected_role_powers")


@dataclasses.dataclass(frozen=True, slots=True)
class RolePowers:
    role: str
    superuser: bool
    owner: bool


def ensure_embedded_login(owner_url: str) -> str:
    """Create the embedded login role (a member of the application role); return its URL."""
    with psycopg.connect(owner_url, autocommit=True) as conn:
        try:
            conn.execute(_ENSURE_EMBEDDED_LOGIN.sql)
        except psycopg.errors.UndefinedObject:
            raise ConfigError(
                f"the application role {APP_ROLE} does not exist yet: run "
                "`graphql-api migrate up` (or `serve --migrate`) first"
            ) from None
    return make_conninfo(owner_url, user=EMBEDDED_LOGIN_ROLE, password=None)


def connected_role_powers(url: str) -> RolePowers:
    with (
        psycopg.connect(url, autocommit=True) as conn,
        conn.cursor(row_factory=class_row(RolePowers)) as cur,
    ):
        row = cur.execute(_CONNECTED_ROLE_POWERS.sql).fetchone()
    assert row is not None  # current_user always has a pg_roles row
    return row


def refuse_privileged_role(url: str) -> None:
    """Production serves as the application role: a superuser or the tables' owner could drop,
    alter or read everything, so a leaked connection would be worth far more than it needs to."""
    powers = connected_role_powers(url)
    if powers.superuser:
        raise ConfigError(
            f"DATABASE_URL connects as {powers.role}, a superuser; with APP_ENV=production "
            f"serve connects as a member of {APP_ROLE} (README: Roles)"
        )
    if powers.owner:
        raise ConfigError(
            f"DATABASE_URL connects as {powers.role}, which owns the tables; with "
            f"APP_ENV=production serve connects as a member of {APP_ROLE} and the owner goes "
            "in MIGRATION_DATABASE_URL (README: Roles)"
        )
