"""Password policy and hashing, without a server."""

from __future__ import annotations

from graphql_api.security.password_strength import password_problem
from graphql_api.security.passwords import hashing_for

LONG_AND_STRONG = ("correct horse battery staple " * 5)[:128]


async def test_lengths_from_8_to_128_are_accepted() -> None:
    assert await password_problem("kX9#mQ2") == "Use at least 8 characters."
    assert await password_problem("kX9#mQ2v") is None
    assert await password_problem(LONG_AND_STRONG) is None
    assert await password_problem(LONG_AND_STRONG + "!") == "Use at most 128 characters."


async def test_easily_guessed_passwords_are_refused_with_the_reason() -> None:
    assert await password_problem("        ") == (
        'This password is too easy to guess. Repeats like "aaa" are easy to guess. '
        "Add another word or two. Uncommon words are better. "
        "Avoid repeated words and characters."
    )
    for guessable, reason in [
        ("aaaaaaaa", 'Repeats like "aaa" are easy to guess.'),
        ("PassWord1", "This is a very common password."),
        ("qwertyuiop", "This is a top-100 common password."),
        ("12345678", "This is a top-10 common password."),
        ("x" * 127 + "y", 'Repeats like "aaa" are easy to guess.'),
    ]:
        problem = await password_problem(guessable)
        assert problem is not None
        assert problem.startswith("This password is too easy to guess.")
        assert reason in problem, problem


async def test_the_account_own_details_count_as_guessable() -> None:
    assert await password_problem("jsmith84market") is None
    assert await password_problem("jsmith84market", ["jsmith84market"]) is not None


async def test_a_hash_verifies_only_its_password() -> None:
    hashing = hashing_for(2)
    hashed = await hashing.hash("a fine password")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert (await hashing.verify(hashed, "a fine password")).matches
    assert not (await hashing.verify(hashed, "another password")).matches
    assert not (await hashing.verify("not a hash", "a fine password")).matches
