"""Probes for load balancers and orchestrators: is the process alive, can it reach the database."""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphql_api.data.pool import Pool

log = logging.getLogger(__name__)
_READY_TIMEOUT_S = 2.0


async def healthz(request: Request) -> Response:
    """Liveness: the process answers. Says nothing about the database on purpose."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Readiness: a `SELECT 1` through the pool, so a load balancer stops routing when it fails.

    Bounded as a whole, not only the wait for a pooled connection: behind PgBouncer the
    connection is to PgBouncer, which queues a query while it cannot reach the database
    (`query_wait_timeout`, two minutes by default) instead of failing it.
    """
    pool: Pool = request.state.pool
    try:
        async with asyncio.timeout(_READY_TIMEOUT_S), pool.connection() as conn:
            await conn.execute("SELECT 1")
    except Exception as exc:
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})
