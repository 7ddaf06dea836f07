"""Password hashing with argon2id, run off the event loop on a small, dedicated thread pool.

An argon2 hash takes tens of milliseconds of CPU and ~19 MiB of memory on purpose. Running it on
the event loop would stall every other request; running it on the shared default thread pool would
let a burst of log-ins use every worker and all that memory at once. A dedicated executor with a
fixed number of workers caps both, and excess requests wait in its queue.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's minimum for argon2id: m=19 MiB, t=2, p=1. Changing these makes `needs_rehash` true
# for older hashes, which are then upgraded at the next successful log-in.
_HASHER = PasswordHasher(
    time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)


@dataclasses.dataclass(frozen=True, slots=True)
class PasswordCheck:
    matches: bool
    needs_rehash: bool = False


class PasswordHashing:
    """Hash and verify on `workers` threads; one instance per process (see `hashing_for`)."""

    def __init__(self, workers: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2")

    async def hash(self, password: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _HASHER.hash, password)

    async def verify(self, password_hash: str, password: str) -> PasswordCheck:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _verify, password_hash, password)

    async def burn(self, password: str) -> None:
        """Verify against a throwaway hash: an unknown email costs as long as a wrong password."""
        await self.verify(_dummy_hash(), password)


def _verify(password_hash: str, password: str) -> PasswordCheck:
    try:
        _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return PasswordCheck(matches=False)
    return PasswordCheck(matches=True, needs_rehash=_HASHER.check_needs_rehash(password_hash))


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("not a real password, only spends the time a real check would")


@functools.cache
def hashing_for(workers: int) -> PasswordHashing:
    """The process-wide pool for this size; executors work from any event loop."""
    return PasswordHashing(workers)
