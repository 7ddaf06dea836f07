"""Unexpected errors are masked for clients and logged with the request id; coded ones pass."""

from __future__ import annotations

import logging

import pytest
import strawberry
from graphql import GraphQLError

from graphql_api.config import Settings
from graphql_api.engine.errors import BadUserInput
from graphql_api.engine.execution import FastPathExecutionContext
from graphql_api.engine.masking import (
    INTERNAL_ERROR_MESSAGE,
    MaskUnexpectedErrors,
    current_request_id,
)
from graphql_api.schema.root import build_schema


@strawberry.type
class _Query:
    @strawberry.field
    def broken(self) -> str:
        raise RuntimeError("secret detail: connection string postgres://admin:pw@db")

    @strawberry.field
    def refused(self) -> str:
        raise BadUserInput("`first` must be between 0 and 100")

    @strawberry.field
    def uncoded(self) -> str:
        raise GraphQLError("secret detail: a GraphQL error nobody gave a code")


_SCHEMA = strawberry.Schema(query=_Query, extensions=[MaskUnexpectedErrors])


async def test_unexpected_error_is_masked_and_logged_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a request id for this request
    token = current_request_id.set("req-42")
    try:
        with caplog.at_level(logging.ERROR, logger="graphql_api.errors"):
            # when a resolver fails unexpectedly
            result = await _SCHEMA.execute("{ broken }")
    finally:
        current_request_id.reset(token)
    # then the client sees a generic message with the request id, never the detail
    assert result.errors is not None
    error = result.errors[0]
    assert error.message == INTERNAL_ERROR_MESSAGE
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"}
    # and the log has the detail and the request id
    assert "req-42" in caplog.text
    assert "secret detail" in caplog.text


async def test_coded_errors_pass_through() -> None:
    result = await _SCHEMA.execute("{ refused }")
    assert result.errors is not None
    assert result.errors[0].message == "`first` must be between 0 and 100"
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}


async def test_a_graphql_error_without_a_code_is_masked() -> None:
    # when a resolver raises a GraphQL error that carries no code
    result = await _SCHEMA.execute("{ uncoded }")
    # then the client sees the generic message and a code, never the detail
    assert result.errors is not None
    assert result.errors[0].message == INTERNAL_ERROR_MESSAGE
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "INTERNAL_SERVER_ERROR"


async def test_an_exception_outside_any_resolver_is_masked_too(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the executor itself fails while it is set up (no resolver runs)
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail: executor internals")

    monkeypatch.setattr(FastPathExecutionContext, "__init__", broken)
    # when an operation runs
    result = await build_schema(settings).execute("{ __typename }")
    # then the client sees the generic message, never the detail
    assert result.errors is not None
    assert [error.message for error in result.errors] == [INTERNAL_ERROR_MESSAGE]
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "INTERNAL_SERVER_ERROR"
