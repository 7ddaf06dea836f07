"""Accounts as their owner sees them, and the payloads of the sign-up/log-in/log-out mutations."""

from __future__ import annotations

import enum
from datetime import datetime
from uuid import UUID

import strawberry

from graphql_api.data.queries import query
from graphql_api.schema.accounts.rows import ViewerRow
from graphql_api.schema.common.refusals import ERRORS_BOUND, PayloadError
from graphql_api.schema.context import Info
from graphql_api.schema.favorites.queries import favorites_connection
from graphql_api.schema.listings.keyset_pages import NewestFirst, newest_first_page
from graphql_api.schema.listings.types import ListingConnection

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
        "WEAK_PASSWORD", description="The password is too short, too long or too common."
    )
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS", description="No account has this email and password."
    )
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED", description="Too many failed attempts; try again later."
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
        self, info: Info, first: int = 20, after: str | None = None
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
        self, info: Info, first: int = 20, after: str | None = None
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
            "The session token, shown once: send it as `Authorization: Bearer <token>`. "
            "Browsers may instead rely on the HttpOnly `session` cookie set with this response."
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
    email: str = strawberry.field(description="Email address; stored in lower case.")
    password: str = strawberry.field(description="8 to 128 characters, not a common password.")
    name: str = strawberry.field(description="Display name, 1 to 255 characters.")
    username: str = strawberry.field(
        description="3 to 30 of a-z, 0-9 and _; upper case is lowered."
    )


@strawberry.input(description="Credentials of an existing account.")
class LogInInput:
    email: str = strawberry.field(description="Email address, any letter case.")
    password: str = strawberry.field(description="The account's password.")
