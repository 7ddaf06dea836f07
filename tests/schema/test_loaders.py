"""Per-request loaders let go of their rows once the response is built."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from graphql_api.schema.listings.dataloaders import user_by_id
from graphql_api.schema.listings.rows import UserRow
from graphql_api.schema.loaders import Loaders


async def test_release_empties_every_loader() -> None:
    # given a loader holding a row (no statement runs: the pool is never reached)
    loaders = Loaders(pool=None, viewer_id=None)  # type: ignore[arg-type]
    user_id = uuid.uuid4()
    loader = loaders.get(user_by_id)
    loader.prime(user_id, UserRow(user_id, "A", "a", datetime.now(UTC)))
    assert loader.load(user_id).done()
    # when the request is over
    loaders.release()
    # then the row is gone from the loader, and the registry holds the loader no more
    pending = loader.load(user_id)
    assert not pending.done()
    pending.cancel()
    assert loaders.if_built(user_by_id) is None
