"""What the migration tests share: throwaway sql folders and a snapshot of the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import psycopg

from graphql_api.config import PROJECT_ROOT

REAL_SQL_DIR = PROJECT_ROOT / "sql"
PROJECT_SCHEMAS = ["auth", "master", "app", "public"]

# Everything a migration can create, as text, so two snapshots compare with ==.
_CATALOGUE: dict[str, str] = {
    "schemas": """
        SELECT nspname FROM pg_namespace WHERE nspname = ANY(%(schemas)s) ORDER BY 1""",
    "relations": """
        SELECT n.nspname, c.relname, c.relkind::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%(schemas)s) AND NOT (c.relname = ANY(%(ignored)s))
          AND NOT (c.relname LIKE ANY(%(ignored_like)s))
        ORDER BY 1, 2""",
    "columns": """
        SELECT table_schema, table_name, column_name, data_type, character_maximum_length,
               numeric_precision, numeric_scale, column_default, is_nullable, is_generated,
               generation_expression
        FROM information_schema.columns
        WHERE table_schema = ANY(%(schemas)s) AND NOT (table_name = ANY(%(ignored)s))
        ORDER BY table_schema, table_name, ordinal_position""",
    "constraints": """
        SELECT n.nspname, c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = ANY(%(schemas)s) AND NOT (c.conname LIKE ANY(%(ignored_like)s))
        ORDER BY 1, 2, 3""",
    "indexes": """
        SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = ANY(%(schemas)s) AND NOT (tablename = ANY(%(ignored)s))
        ORDER BY 1, 2, 3""",
    "triggers": """
        SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = ANY(%(schemas)s)
        ORDER BY 1, 2""",
    "functions": """
        SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
               pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%(schemas)s) AND p.prokind IN ('f', 'p')
        ORDER BY 1, 2, 3""",
    "types": """
        SELECT n.nspname, t.typname, t.typtype::text
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY(%(schemas)s) AND t.typtype IN ('e', 'd', 'r', 'm')
        ORDER BY 1, 2""",
}

Catalogue = dict[str, list[tuple[Any, ...]]]


def catalogue(url: str, *, with_history: bool = True) -> Catalogue:
    """Every project object in auth/master/app/public, optionally leaving out the history table.

    The runner creates the history table and no migration's down removes it, so comparisons
    across a rollback leave it out.
    """
    ignored = [] if with_history else ["migration_history", "migration_history_id_seq"]
    ignored_like = [] if with_history else ["migration_history%"]
    params = {"schemas": PROJECT_SCHEMAS, "ignored": ignored, "ignored_like": ignored_like}
    with psycopg.connect(url, autocommit=True) as conn:
        return {
            kind: [tuple(row) for row in conn.execute(sql, params).fetchall()]
            for kind, sql in _CATALOGUE.items()
        }


def history_names(url: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('public.migration_history')").fetchone() == (None,):
            return []
        rows = conn.execute("SELECT name FROM public.migration_history ORDER BY name").fetchall()
        return [row[0] for row in rows]


def regclass(url: str, name: str) -> str | None:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT to_regclass(%s)::text", [name]).fetchone()
        return None if row is None else row[0]


def migration_names(sql_dir: Path = REAL_SQL_DIR, kind: str = "migrate") -> list[str]:
    return sorted(path.name.removesuffix(".up.sql") for path in (sql_dir / kind).glob("*.up.sql"))


def copy_pair(name: str, target: Path, kind: str = "migrate", source: Path = REAL_SQL_DIR) -> None:
    (target / kind).mkdir(parents=True, exist_ok=True)
    for direction in ("up", "down"):
        shutil.copy(source / kind / f"{name}.{direction}.sql", target / kind)


def write_pair(sql_dir: Path, kind: str, name: str, up: str, down: str) -> None:
    (sql_dir / kind).mkdir(parents=True, exist_ok=True)
    (sql_dir / kind / f"{name}.up.sql").write_text(up, encoding="utf-8")
    (sql_dir / kind / f"{name}.down.sql").write_text(down, encoding="utf-8")
