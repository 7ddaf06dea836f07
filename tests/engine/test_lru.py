"""The per-document caches let go of their least recently used entries past either bound."""

from __future__ import annotations

from graphql_api.engine.lru import LRUCache


def test_entries_past_the_entry_bound_go_least_recently_used_first() -> None:
    cache: LRUCache[str, int] = LRUCache(max_entries=2, max_bytes=1_000)
    cache.put("a", 1, 10)
    cache.put("b", 2, 10)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3, 10)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_entries_past_the_byte_bound_go_and_an_oversized_one_is_not_kept() -> None:
    cache: LRUCache[str, int] = LRUCache(max_entries=100, max_bytes=100)
    cache.put("a", 1, 40)
    cache.put("b", 2, 40)
    cache.put("c", 3, 40)  # 120 bytes: "a" goes
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, 2, 3)
    cache.put("huge", 4, 101)
    assert (cache.get("huge"), cache.get("b"), cache.get("c")) == (None, 2, 3)
    cache.put("b", 5, 60)  # replacing an entry counts its new size only: "c" stays
    assert (cache.get("b"), cache.get("c")) == (5, 3)
