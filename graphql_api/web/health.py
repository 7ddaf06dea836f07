"""Probes for load balancers and orchestrators: is the process alive, can it reach the database."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphql_api.data.pool import Pool

log = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    """Liveness: the process answers. Says nothing about the database on purpose."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Readiness: a `SELECT 1` through the pool, so a load balancer stops routing when it fails."""
    pool: Pool = request.state.pool
    try:
        async with pool.connection(timeout=2.0) as conn:
            await conn.execute("SELECT 1")
    except Exception as exc:
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})
