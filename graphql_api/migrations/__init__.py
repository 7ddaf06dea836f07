"""The bundled migration runner: `sql/migrate/` and `sql/seed/` files, recorded in
`public.migration_history`, applied by `graphql-api migrate|seed up|down|status`."""

from __future__ import annotations

from graphql_api.migrations.errors import MigrationError
from graphql_api.migrations.files import SQL_DIR
from graphql_api.migrations.runner import upgrade_all

__all__ = ["SQL_DIR", "MigrationError", "upgrade_all"]
