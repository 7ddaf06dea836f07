"""Accounts as their owner sees them, and the payloads of the sign-up/log-in/log-out mutations."""

from __future__ import annotations

import enum
from datetime import datetime
from uuid import UUID

import strawberry

from graphql_api.data.queries import query
from graphql_api.engine.input_bounds import bounded
from graphql_api.schema.accounts.rows import ViewerRow
from graphql_api.schema.common.refusals import ERRORS_BOUND, PayloadError
from graphql_api.schema.context import Info
from graphql_api.schema.favorites.queries import favorites_connection
from graphql_api.schema.listings.inputs import AfterCursor
from graphql_api.schema.listings.keyset_pages import NewestFirst, newest_first_page
from graphql_api.schema.listings.types import ListingConnection

# Ceilings on the text as sent (`engine.input_bounds`), above the rules `sign_up` checks, so a
# value a little too long is refused with its field like any other invalid one. A password is
# hashed before it is compared, so even log-in needs a ceiling.
MAX_EMAIL_SENT = 1_000
MAX_PASSWORD_SENT = 1_000
MAX_NAME_SENT = 1_000
MAX_USERNAME_SENT = 100

OWN_LISTINGS = NewestFirst(
    name="OWN_NEWEST",
    page=query("viewer_listings_newest"),
    count=query("count_viewer_listings"),
)


@strawberry.enum(description="Why an account mutation did not do what was asked.")
class AuthErrorCode(enum.Enum):
    UNAUTHENTICATED = strawberry.enum_value(
        "UNAUTHENTICATED", description="The request is not signed in."
    )
    INVALID = strawberry.enum_value("INVALID", description="A field is malformed or out of range.")
    EMAIL_TAKEN = strawberry.enum_value(
        "EMAIL_TAKEN", description="Another account has this email (in any letter case)."
    )
    USERNAME_TAKEN = strawberry.enum_value(
        "USERNAME_TAKEN", description="Another account has this username."
    )
    WEAK_PASSWORD = strawberry.enum_value(
        "WEAK_PASSWORD",
        description="The password is too short, too long or too easy to guess; `message` says why.",
    )
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS", description="No account has this email and password."
    )
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED",
        description=(
            "Too many failed log-ins, or sign-ups from one address, lately; try again later."
        ),
    )
    UNTRUSTED_ORIGIN = strawberry.enum_value(
        "UNTRUSTED_ORIGIN",
        description=(
            "The session cookie is not set for a request from this origin (see `CORS_ORIGINS`); "
            "ask for a TOKEN."
        ),
    )


@strawberry.enum(description="How signUp and logIn hand over the new session.")
class SessionDelivery(enum.Enum):
    TOKEN = strawberry.enum_value(
        "TOKEN",
        description="In the payload's `token`, for `Authorization: Bearer`; no cookie is set.",
    )
    COOKIE = strawberry.enum_value(
        "COOKIE",
        description=(
            "As the HttpOnly `session` cookie only, for browsers: page scripts never see the "
            "token (the payload's `token` is null)."
        ),
    )


@strawberry.type(description="An expected failure of an account mutation.")
class AuthError(PayloadError):
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase), or null when it is no single field."
    )
    code: AuthErrorCode = strawberry.field(description="What went wrong, for programs.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(description="The signed-in user's own account, with private details.")
class Viewer:
    id: UUID = strawberry.field(graphql_type=strawberry.ID, description="Stable identifier (UUID).")
    email: str = strawberry.field(description="Email address, lower case.")
    name: str | None = strawberry.field(description="Display name.")
    username: str | None = strawberry.field(description="Unique handle.")
    phone_number: str | None = strawberry.field(
        description="Verified phone number (E.164); null until one is verified."
    )
    created_at: datetime = strawberry.field(description="When the account was created.")
    phone_verified_at: strawberry.Private[datetime | None]

    @classmethod
    def from_row(cls, row: ViewerRow) -> Viewer:
        return cls(
            id=row.id,
            email=row.email,
            name=row.name,
            username=row.username,
            phone_number=row.phone_number,
            created_at=row.created_at,
            phone_verified_at=row.phone_verified_at,
        )

    @strawberry.field(description="Whether the viewer has verified a phone number.")
    def phone_verified(self) -> bool:
        return self.phone_verified_at is not None

    @strawberry.field(
        description=(
            "The viewer's own listings, newest first, inactive, flagged and expired included; "
            "paged with `first` (0 to 100) and `after`."
        )
    )
    async def listings(
        self, info: Info, first: int = 20, after: AfterCursor = None
    ) -> ListingConnection:
        page = await newest_first_page(info, OWN_LISTINGS, {"viewer_id": self.id}, first, after)
        return ListingConnection.from_page(page)

    @strawberry.field(
        description=(
            "Listings the viewer favorited and may still see, newest favorite first; "
            "paged with `first` (0 to 100) and `after`."
        )
    )
    async def favorites(
        self, info: Info, first: int = 20, after: AfterCursor = None
    ) -> ListingConnection:
        return await favorites_connection(info, self.id, first, after)


@strawberry.type(description="The result of signUp and logIn.")
class AuthPayload:
    viewer: Viewer | None = strawberry.field(
        default=None, description="The signed-in account; null when `errors` is not empty."
    )
    token: str | None = strawberry.field(
        default=None,
        description=(
            "The session token, shown once, with `session: TOKEN`: send it as "
            "`Authorization: Bearer <token>`. Null with `session: COOKIE`, whose session is the "
            "HttpOnly `session` cookie set with this response."
        ),
    )
    errors: list[AuthError] = strawberry.field(
        default_factory=list,
        description="Expected failures; empty on success.",
        metadata=ERRORS_BOUND,
    )


@strawberry.type(description="The result of logOut and logOutEverywhere.")
class LogOutPayload:
    sessions_ended: int = strawberry.field(default=0, description="How many sessions were ended.")
    errors: list[AuthError] = strawberry.field(
        default_factory=list,
        description="Expected failures; empty on success.",
        metadata=ERRORS_BOUND,
    )


@strawberry.input(description="A new account.")
class SignUpInput:
    email: str = bounded("Email address; stored in lower case.", max_length=MAX_EMAIL_SENT)
    password: str = bounded(
        "8 to 128 characters, not easy to guess (common passwords, words, names, repeats, "
        "sequences, and this account's own details are).",
        max_length=MAX_PASSWORD_SENT,
    )
    name: str = bounded("Display name, 1 to 255 characters.", max_length=MAX_NAME_SENT)
    username: str = bounded(
        "3 to 30 of a-z, 0-9 and _; upper case is lowered.", max_length=MAX_USERNAME_SENT
    )
    session: SessionDelivery = strawberry.field(
        default=SessionDelivery.TOKEN, description="How to hand over the new session."
    )


@strawberry.input(description="Credentials of an existing account.")
class LogInInput:
    email: str = bounded("Email address, any letter case.", max_length=MAX_EMAIL_SENT)
    password: str = bounded("The account's password.", max_length=MAX_PASSWORD_SENT)
    session: SessionDelivery = strawberry.field(
        default=SessionDelivery.TOKEN, description="How to hand over the new session."
    )
