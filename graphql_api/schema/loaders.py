"""The request's DataLoaders, each built on first use from its domain's factory.

A domain declares its loaders in `<domain>/dataloaders.py` as functions of this registry (which
gives them the pool and the viewer) and reads them with `info.context.loaders.get(factory)`, so
the registry and the context never import a domain. Built fresh for every request (in the view's
`get_context`): a cache never outlives the request nor leaks one viewer's rows to another. After
a write, mutations clear what they changed (see each domain's `forget_*` helpers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from aiodataloader import DataLoader

from graphql_api.data.pool import Pool

Built = TypeVar("Built")
Factory = Callable[["Loaders"], Built]


class Loaders:
    """Most requests use one or two loaders, and building all of them cost a tenth of a small
    request, hence building on first use."""

    __slots__ = ("_built", "pool", "viewer_id")

    def __init__(self, pool: Pool, viewer_id: UUID | None) -> None:
        self.pool = pool
        self.viewer_id = viewer_id
        self._built: dict[Callable[..., Any], Any] = {}

    def get(self, factory: Factory[Built]) -> Built:
        try:
            built: Built = self._built[factory]
        except KeyError:
            built = self._built[factory] = factory(self)
        return built

    def prime(self, factory: Factory[Built], value: Built) -> None:
        """Hand the request a value built elsewhere (a snapshot its view read up front)."""
        self._built[factory] = value

    def if_built(self, factory: Factory[Built]) -> Built | None:
        """The loader if this request built it: nothing to forget otherwise."""
        built: Built | None = self._built.get(factory)
        return built

    def release(self) -> None:
        """Drop every cached row once the response is built.

        A loader is itself a reference cycle, so it is emptied and let go of here rather than
        left to the cyclic garbage collector with everything it holds (under load that made
        young collections large enough to pause the server; bench/RESULTS.md).
        """
        for built in self._built.values():
            if isinstance(built, DataLoader):
                built.clear_all()
        self._built.clear()
