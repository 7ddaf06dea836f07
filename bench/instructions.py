"""Run one benchmark body N times in-process, the way `graphql-api serve` executes it.

Wall-clock timings on a shared machine move by ±20 %; instruction counts do not. Run this
under callgrind with N requests and with 0, and the difference divided by N is the cost of
one request (`bench/instructions.sh` does exactly that).

    DATABASE_URL=postgresql://... python bench/instructions.py BODY.json N
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Any

from graphql_api.config import load_settings
from graphql_api.data.pool import create_pool
from graphql_api.schema.catalog.cache import CatalogCache
from graphql_api.schema.catalog.snapshot import use_catalog
from graphql_api.schema.context import Context
from graphql_api.schema.loaders import Loaders
from graphql_api.schema.root import build_schema

WARM_UP = 5


async def run(body: dict[str, Any], requests: int) -> None:
    settings = load_settings(env_file=None)
    assert settings.database_url, "set DATABASE_URL to the benchmark database"
    schema = build_schema(settings)
    pool = create_pool(settings.database_url, settings)
    await pool.open()
    await pool.wait()
    catalog = await CatalogCache(pool).get()

    async def one() -> None:
        loaders = Loaders(pool, None)
        use_catalog(loaders, catalog)  # as the view does for every request
        context = Context(
            request=None,  # type: ignore[arg-type]  # no HTTP here
            response=None,  # type: ignore[arg-type]
            pool=pool,
            settings=settings,
            loaders=loaders,
        )
        result = await schema.execute(
            body["query"], variable_values=body.get("variables"), context_value=context
        )
        assert not result.errors, result.errors
        context.loaders.release()

    for _ in range(WARM_UP):
        await one()
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)  # as `graphql-api serve` sets them
    for _ in range(requests):
        await one()
    await pool.close()


if __name__ == "__main__":
    import uvloop

    uvloop.run(run(json.loads(Path(sys.argv[1]).read_text()), int(sys.argv[2])))
