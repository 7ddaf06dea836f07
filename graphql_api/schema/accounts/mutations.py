"""Account mutations: sign up, log in, log out here or everywhere."""

from __future__ import annotations

import strawberry

from graphql_api.schema.accounts.log_in import log_in
from graphql_api.schema.accounts.sign_up import sign_up
from graphql_api.schema.accounts.types import (
    AuthError,
    AuthErrorCode,
    AuthPayload,
    LogInInput,
    LogOutPayload,
    SignUpInput,
)
from graphql_api.schema.common.refusals import Refused, payload_or_refusal
from graphql_api.schema.common.viewer import require_viewer
from graphql_api.schema.context import Info
from graphql_api.security.cookies import clear_session_cookie
from graphql_api.security.sessions import end_all_sessions, end_session

_NOT_SIGNED_IN = AuthError.of(AuthErrorCode.UNAUTHENTICATED, "You are not signed in.")


async def _log_out(info: Info) -> LogOutPayload:
    context = info.context
    clear_session_cookie(context.response, context.settings)
    if context.session_id is None:
        raise Refused(_NOT_SIGNED_IN)
    async with context.pool.connection() as conn:
        await end_session(conn, context.session_id)
    return LogOutPayload(sessions_ended=1)


async def _log_out_everywhere(info: Info) -> LogOutPayload:
    context = info.context
    clear_session_cookie(context.response, context.settings)
    viewer_id = require_viewer(info, _NOT_SIGNED_IN)
    async with context.pool.connection() as conn:
        ended = await end_all_sessions(conn, viewer_id)
    return LogOutPayload(sessions_ended=ended)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description=(
            "Create an account and sign in: the session as a token returned once, or as the "
            "session cookie (`input.session`). Attempts are limited per client address per hour "
            "(RATE_LIMITED)."
        )
    )
    async def sign_up(self, info: Info, input: SignUpInput) -> AuthPayload:
        return await payload_or_refusal(AuthPayload, sign_up(info, input))

    @strawberry.mutation(
        description=(
            "Sign in with email and password; every log-in issues a new session, as a token or "
            "as the session cookie (`input.session`). After 10 failed attempts within 15 minutes "
            "an account is refused with RATE_LIMITED for a while."
        )
    )
    async def log_in(self, info: Info, input: LogInInput) -> AuthPayload:
        return await payload_or_refusal(AuthPayload, log_in(info, input))

    @strawberry.mutation(description="End this request's session and clear the session cookie.")
    async def log_out(self, info: Info) -> LogOutPayload:
        return await payload_or_refusal(LogOutPayload, _log_out(info))

    @strawberry.mutation(description="End every session of the signed-in user, this one included.")
    async def log_out_everywhere(self, info: Info) -> LogOutPayload:
        return await payload_or_refusal(LogOutPayload, _log_out_everywhere(info))
