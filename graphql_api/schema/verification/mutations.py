"""Phone verification mutations (signed-in users only)."""

from __future__ import annotations

import strawberry

from graphql_api.schema.common.refusals import payload_or_refusal
from graphql_api.schema.context import Info
from graphql_api.schema.verification.request import request_phone_verification
from graphql_api.schema.verification.types import (
    RequestPhoneVerificationInput,
    RequestPhoneVerificationPayload,
    VerifyPhoneInput,
    VerifyPhonePayload,
)
from graphql_api.schema.verification.verify import verify_phone


@strawberry.type
class VerificationMutations:
    @strawberry.mutation(
        description=(
            "Text a 6-digit code, valid 10 minutes, to a mobile number; a new code voids older "
            "ones. At most one per 60 s and 5 per hour per number, 10 per day per account, and "
            "a configured number per hour per client address and in all. A number already "
            "linked to another account gets the same answer; its text says so."
        )
    )
    async def request_phone_verification(
        self, info: Info, input: RequestPhoneVerificationInput
    ) -> RequestPhoneVerificationPayload:
        return await payload_or_refusal(
            RequestPhoneVerificationPayload, request_phone_verification(info, input)
        )

    @strawberry.mutation(
        description="Check a code (5 attempts per code); on success the number is the viewer's."
    )
    async def verify_phone(self, info: Info, input: VerifyPhoneInput) -> VerifyPhonePayload:
        return await payload_or_refusal(VerifyPhonePayload, verify_phone(info, input))
