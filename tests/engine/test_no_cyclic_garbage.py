"""A request leaves nothing for the cyclic garbage collector: under load, its collections of
young objects were what made the slowest responses slow (see `FastPathExecutionContext`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import httpx
import pytest

from graphql_api.engine.execution import FastPathExecutionContext
from graphql_api.schema.context import Context
from graphql_api.schema.loaders import Loaders

DOCUMENTS = [
    "{ listings(first: 20) { nodes { id title category { name } images(first: 2) { id } } } }",
    "{ categories { slug children { slug } } }",
]


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_requests_leave_no_cyclic_garbage(http: httpx.Client, saved_garbage: list[object]) -> None:
    # when a few requests have been answered
    for _ in range(5):
        for document in DOCUMENTS:
            assert "errors" not in http.post("/graphql", json={"query": document}).json()
    gc.collect()
    # then none of their execution contexts, contexts or loaders waited for the collector
    leftovers = [
        type(item).__name__
        for item in saved_garbage
        if isinstance(item, FastPathExecutionContext | Context | Loaders)
    ]
    assert leftovers == []
