"""Who is asking, as far as per-address limits are concerned.

The address is the TCP peer's, or what a proxy listed in `FORWARDED_ALLOW_IPS` says it is (uvicorn
rewrites it before the app sees the request); a client cannot choose it by sending a header.
"""

from __future__ import annotations

import ipaddress

from graphql_api.schema.context import Info

# An IPv6 host commonly holds a whole /64 and may use any address in it.
_IPV6_PREFIX = 64


def client_address(info: Info) -> str:
    """The client's IPv4 address, or the /64 network of its IPv6 address (a rate-limit subject)."""
    client = info.context.request.client
    if client is None:
        return "unknown"
    try:
        address = ipaddress.ip_address(client.host)
    except ValueError:
        return client.host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # `::ffff:a.b.c.d` from a dual-stack socket
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, _IPV6_PREFIX), strict=False))
    return str(address)
