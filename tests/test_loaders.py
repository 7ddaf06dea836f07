"""Per-request loaders let go of their rows once the response is built."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import strawberry

from graphql_api.loaders import Loaders
from graphql_api.schema.users.types import User


async def test_release_empties_every_loader() -> None:
    # given a loader holding a row (no statement runs: the pool is never reached)
    loaders = Loaders(pool=None, viewer_id=None)  # type: ignore[arg-type]
    user_id = uuid.uuid4()
    seller = User(
        id=strawberry.ID(str(user_id)), name="A", username="a", created_at=datetime.now(UTC)
    )
    loaders.user_by_id.prime(user_id, seller)
    assert loaders.user_by_id.load(user_id).done()
    # when the request is over
    loaders.release()
    # then the row is gone: a new load would have to query again
    pending = loaders.user_by_id.load(user_id)
    assert not pending.done()
    pending.cancel()
    loaders.release()
