"""Password policy and hashing, without a server."""

from __future__ import annotations

from graphql_api.security.passwords import hashing_for, password_problem


def test_the_policy_is_length_and_a_blocklist_only() -> None:
    assert password_problem("a" * 7) is not None
    assert password_problem("a" * 8) is None
    assert password_problem("a" * 128) is None
    assert password_problem("a" * 129) is not None
    assert password_problem("PassWord1") is not None
    assert password_problem("lowercase only, no digits") is None


async def test_a_hash_verifies_only_its_password() -> None:
    hashing = hashing_for(2)
    hashed = await hashing.hash("a fine password")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert (await hashing.verify(hashed, "a fine password")).matches
    assert not (await hashing.verify(hashed, "another password")).matches
    assert not (await hashing.verify("not a hash", "a fine password")).matches
