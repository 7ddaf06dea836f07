"""The embedded server's login role: what `make run` serves as."""

from __future__ import annotations

import psycopg

from graphql_api.data.roles import (
    APP_ROLE,
    EMBEDDED_LOGIN_ROLE,
    connected_role_powers,
    ensure_embedded_login,
    refuse_privileged_role,
)


def test_the_embedded_login_role_is_a_member_of_the_application_role_and_no_more(
    database_url: str,
) -> None:
    # when
    url = ensure_embedded_login(database_url)

    # then
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT current_user::text, pg_has_role(current_user, %s, 'MEMBER')", [APP_ROLE]
        ).fetchone()
    assert row == (EMBEDDED_LOGIN_ROLE, True)
    powers = connected_role_powers(url)
    assert (powers.superuser, powers.owner) == (False, False)
    refuse_privileged_role(url)  # production would serve as it


def test_making_the_embedded_login_role_twice_is_harmless(database_url: str) -> None:
    assert ensure_embedded_login(database_url) == ensure_embedded_login(database_url)
