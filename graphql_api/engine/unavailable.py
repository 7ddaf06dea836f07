"""When the database cannot answer: 503 with `Retry-After` and `SERVICE_UNAVAILABLE`, not 500.

The client did nothing wrong and the server has no bug: trying again shortly is the right
response, and the status code says so to clients, proxies and load balancers alike.
"""

from __future__ import annotations

import psycopg

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
SERVICE_UNAVAILABLE_MESSAGE = "The service is temporarily unavailable; retry later"
# About how long the pool takes to reconnect once PostgreSQL is back (see `data.pool`).
RETRY_AFTER_S = 2

# SQLSTATE classes and codes that mean "not now" rather than "never": connection exceptions
# (08), insufficient resources (53: too many connections, disk full), operator intervention
# (57: shutdown, restart, `statement_timeout`) and `lock_timeout` (55P03).
_UNAVAILABLE_CLASSES = frozenset({"08", "53", "57"})
_LOCK_NOT_AVAILABLE = "55P03"


def is_database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database could not serve the request now.

    An `OperationalError` without a SQLSTATE never reached the server, or lost it: no pooled
    connection in time (`PoolTimeout`), too many waiting (`TooManyRequests`), a connection that
    died mid-request.
    """
    if not isinstance(exc, psycopg.OperationalError):
        return False
    sqlstate = exc.sqlstate
    return (
        sqlstate is None or sqlstate[:2] in _UNAVAILABLE_CLASSES or sqlstate == _LOCK_NOT_AVAILABLE
    )
