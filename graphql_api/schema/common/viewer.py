"""Who may call a mutation that needs a signed-in user: one rule for every domain."""

from __future__ import annotations

from uuid import UUID

from graphql_api.schema.common.refusals import PayloadError, Refused
from graphql_api.schema.context import Info


def require_viewer(info: Info, not_signed_in: PayloadError) -> UUID:
    """The viewer's id; otherwise refuse with the domain's own "sign in first" error."""
    viewer_id = info.context.viewer_id
    if viewer_id is None:
        raise Refused(not_signed_in)
    return viewer_id
