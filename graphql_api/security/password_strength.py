"""Which new passwords are refused: too short, too long, or easy to guess (NIST 800-63B 5.1.1.2).

Guessability is zxcvbn's estimate: it knows the passwords most common in breaches, English words,
names, keyboard patterns, repeats, sequences and dates, and the account's own email, username and
name, and says why a password is weak. No composition rules.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
# zxcvbn's score 2 means at least 10^8 guesses: far beyond what the log-in limits let anyone try
# online, and argon2 slows offline guessing. Score 3 would refuse random 8-character passwords,
# whose strength zxcvbn underestimates. (django-zxcvbn-password-validator's default is 2 too.)
MIN_SCORE = 2
# zxcvbn refuses longer input (its matching cost grows with the square of the length); what
# follows the first 72 characters can only add strength, so it is not estimated.
_ESTIMATED_LENGTH = 72


async def password_problem(password: str, user_inputs: Sequence[str] = ()) -> str | None:
    """Why a new password is refused, or None; `user_inputs` are the account's own details."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_estimator(), _guessability_problem, password, user_inputs)


def _guessability_problem(password: str, user_inputs: Sequence[str]) -> str | None:
    result = zxcvbn(password[:_ESTIMATED_LENGTH], user_inputs=user_inputs)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    reasons = [feedback["warning"], *feedback["suggestions"]]
    return " ".join(["This password is too easy to guess.", *filter(None, reasons)])


@functools.cache
def _estimator() -> ThreadPoolExecutor:
    """One thread: an estimate takes up to ~50 ms of CPU, too long for the event loop, and zxcvbn
    keeps the caller's `user_inputs` in a module-level dictionary, so two must never overlap."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="zxcvbn")
