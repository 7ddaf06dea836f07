"""The schema: every domain's queries and mutations merged into the root types."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from graphql_api.config import Settings
from graphql_api.extensions import build_extensions
from graphql_api.schema.accounts.mutations import AccountMutations
from graphql_api.schema.accounts.queries import AccountQueries
from graphql_api.schema.catalog.queries import CatalogQueries
from graphql_api.schema.favorites.mutations import FavoriteMutations
from graphql_api.schema.flags.mutations import FlagMutations
from graphql_api.schema.listings.image_mutations import ListingImageMutations
from graphql_api.schema.listings.mutations import ListingMutations
from graphql_api.schema.listings.queries import ListingQueries
from graphql_api.schema.verification.mutations import VerificationMutations

Query = merge_types("Query", (CatalogQueries, ListingQueries, AccountQueries))
Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        VerificationMutations,
        ListingMutations,
        ListingImageMutations,
        FavoriteMutations,
        FlagMutations,
    ),
)


class _Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Unexpected errors are logged, with the request id, where they are masked."""


def build_schema(settings: Settings, **overrides: Any) -> strawberry.Schema:
    return _Schema(
        query=Query,
        mutation=Mutation,
        extensions=build_extensions(settings),
        config=StrawberryConfig(disable_field_suggestions=settings.is_production),
        **overrides,
    )
