"""pyproject.toml declares what the code imports; the lock files pin all of it, with hashes."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from graphql_api.config import PROJECT_ROOT

_OWN_PACKAGES = {"graphql_api", "tests", "bench"}
_PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^ ;\\]+)", re.MULTILINE)

_PROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(text) for text in _PROJECT["dependencies"]]
EVERYTHING = RUNTIME + [
    Requirement(text) for extra in _PROJECT["optional-dependencies"].values() for text in extra
]


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for package in _OWN_PACKAGES:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return modules - _OWN_PACKAGES - set(sys.stdlib_module_names)


def _pins(lock: str) -> dict[str, str]:
    text = (PROJECT_ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(m["name"]): m["version"] for m in _PINNED.finditer(text)}


def test_every_distribution_the_code_imports_is_declared() -> None:
    # given
    declared = {canonicalize_name(requirement.name) for requirement in EVERYTHING}
    providers = importlib.metadata.packages_distributions()

    # when
    undeclared = {
        module: providers.get(module, ["?"])
        for module in _imported_top_level_modules()
        if not {canonicalize_name(dist) for dist in providers.get(module, [])} & declared
    }

    # then
    assert undeclared == {}


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements.lock", RUNTIME), ("requirements-dev.lock", EVERYTHING)],
)
def test_the_lock_pins_every_declared_distribution_within_its_range(
    lock: str, requirements: list[Requirement]
) -> None:
    pins = _pins(lock)
    outside = {
        str(requirement): pins.get(canonicalize_name(requirement.name))
        for requirement in requirements
        if pins.get(canonicalize_name(requirement.name)) is None
        or not requirement.specifier.contains(pins[canonicalize_name(requirement.name)], True)
    }
    assert outside == {}, "pyproject.toml changed without `make lock`"


def test_the_development_lock_pins_the_runtime_distributions_at_the_same_versions() -> None:
    runtime, development = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_carries_its_hashes(lock: str) -> None:
    entries = re.split(r"\n(?=\S)", (PROJECT_ROOT / lock).read_text(encoding="utf-8"))
    pinned = [entry for entry in entries if _PINNED.match(entry)]
    assert pinned
    assert [entry.splitlines()[0] for entry in pinned if "--hash=sha256:" not in entry] == []


def test_make_and_the_image_install_from_the_locks_with_hashes() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r $(DEV_LOCK)" in makefile
    assert "DEV_LOCK := requirements-dev.lock" in makefile
    assert "--require-hashes --only-binary=:all: -r /tmp/requirements.lock" in dockerfile
