"""The schema: every domain's queries and mutations merged into the root types."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types import ExecutionResult as StrawberryExecutionResult

from graphql_api.config import Settings
from graphql_api.execution import FastPathExecutionContext
from graphql_api.extensions import build_extensions, mask_unexpected
from graphql_api.scalars import SCALAR_OVERRIDES
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

    async def execute(self, *args: Any, **kwargs: Any) -> StrawberryExecutionResult:
        """An exception that escapes the operation (raised outside any resolver, say while
        the executor is set up) skips the extensions' hooks; it is masked here as well."""
        result = await super().execute(*args, **kwargs)
        if result.errors:
            result.errors = mask_unexpected(result.errors)
        return result


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions = build_extensions(settings)
    return _Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        scalar_overrides=SCALAR_OVERRIDES,
        config=StrawberryConfig(disable_field_suggestions=settings.is_production),
        execution_context_class=(
            FastPathExecutionContext
            if settings.fast_executor and not any(_hooks_resolve(e) for e in extensions)
            else None
        ),
    )


def _hooks_resolve(extension: type[SchemaExtension]) -> bool:
    """Whether an extension wraps field resolution, which the fast executor would skip."""
    return extension.resolve is not SchemaExtension.resolve
