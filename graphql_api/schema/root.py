"""The schema: every domain's queries and mutations merged into the root types."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from graphql_api.config import Settings
from graphql_api.engine.schema import build_engine_schema
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


def build_schema(settings: Settings) -> strawberry.Schema:
    return build_engine_schema(Query, Mutation, settings)
