"""The package's layering, beyond what import-linter's contracts check (see pyproject.toml)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import graphql_api

PACKAGE = Path(graphql_api.__file__).parent
# Strawberry's public API: what a domain declares types with. Everything else of Strawberry
# (schema, extensions, execution internals, its ASGI view) is the engine's alone.
PUBLIC_STRAWBERRY = {"strawberry", "strawberry.tools"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        yield name, ast.parse(path.read_text(), str(path))


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    return []


def test_only_the_engine_uses_strawberry_beyond_its_public_api() -> None:
    # given every module outside the engine
    outside = [
        (name, tree) for name, tree in _modules() if not name.startswith("graphql_api.engine")
    ]
    assert len(outside) > 50
    # then none imports a Strawberry module other than its public API
    offending = [
        f"{name}: {module}"
        for name, tree in outside
        for node in ast.walk(tree)
        for module in _imported(node)
        if module.startswith("strawberry") and module not in PUBLIC_STRAWBERRY
    ]
    assert offending == []


def test_no_module_imports_the_package_inside_a_function() -> None:
    """A function-level import of our own code is how a cycle gets dodged; there are none."""
    offending = [
        f"{name}.{function.name}: {module}"
        for name, tree in _modules()
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        for module in _imported(node)
        if module.startswith("graphql_api")
    ]
    assert offending == []
