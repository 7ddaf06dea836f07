# Two commands: `make run` and `make test`. Each does all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Runtime pins (the Docker image) and runtime + embedded + dev pins (make, CI), both with hashes.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
# One lock for every platform and Python the project supports (requires-python >= 3.11).
# `make lock` keeps every pin that still satisfies pyproject.toml; `make lock LOCK_ARGS=--upgrade`
# moves everything to the newest versions the ranges allow.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --custom-compile-command 'make lock'

.PHONY: run test lint typecheck check schema lock clean

# A changed lock or pyproject.toml rebuilds .venv from nothing, so it holds exactly the lock.
$(STAMP): $(DEV_LOCK) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/graphql-api serve --migrate

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

schema: $(STAMP)
	$(BIN)/graphql-api export-schema

lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) $(LOCK_ARGS) -o $(LOCK)
	$(BIN)/uv pip compile pyproject.toml --extra embedded --extra dev --constraint $(LOCK) \
		$(LOCK_FLAGS) $(LOCK_ARGS) -o $(DEV_LOCK)

clean:
	rm -rf $(VENV) .data .mypy_cache .ruff_cache .pytest_cache
