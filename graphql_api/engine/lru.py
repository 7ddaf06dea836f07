"""A least-recently-used cache bounded by entries and by approximate bytes.

Every cache kept per document (parsed documents, validation results, compiled programs) is one
of these: anyone can send unique documents, so an entry cap alone lets a few large ones (or
many mid-sized ones) hold hundreds of megabytes, and a byte cap alone lets millions of tiny
ones in. Sizes are estimates the caller gives (`engine.documents.document_bytes`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class LRUCache(Generic[Key, Value]):
    __slots__ = ("_bytes", "_entries", "max_bytes", "max_entries")

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._bytes = 0
        self._entries: OrderedDict[Key, tuple[Value, int]] = OrderedDict()

    def get(self, key: Key) -> Value | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: Key, value: Value, size: int) -> None:
        """Keep `value`, letting go of the least recently used entries until both bounds
        hold; a value larger than `max_bytes` on its own is not kept."""
        previous = self._entries.pop(key, None)
        if previous is not None:
            self._bytes -= previous[1]
        if size > self.max_bytes:
            return
        self._entries[key] = (value, size)
        self._bytes += size
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, (_, evicted) = self._entries.popitem(last=False)
            self._bytes -= evicted
