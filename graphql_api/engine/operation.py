"""What a request's GraphQL operation was and how it ended, for its log line, metrics and span.

The web layer opens a report per HTTP request (a context variable, as for the request id) and
reads it when the response is done. The schema (`engine.schema`) hands the report the execution
context as it is made (only it will hold the parsed document) and fills the report in once the
result is final, its errors masked. A request that never reached execution (not a GraphQL
request: bad JSON, a batch, a mutation over GET) leaves it empty.

Only names that the document defines are reported: `operationName` alone is the client's text.
"""

from __future__ import annotations

import contextvars
import dataclasses
from typing import Literal

from graphql import DocumentNode, OperationDefinitionNode
from strawberry.types import ExecutionContext, ExecutionResult

from graphql_api.engine.errors import code_of
from graphql_api.engine.http import is_request_error

# ok: no error; field_error: data with errors; request_error: execution never began (the
# document or the variables were refused); internal_error: something unexpected (masked).
Outcome = Literal["ok", "field_error", "request_error", "internal_error"]


@dataclasses.dataclass(slots=True)
class OperationReport:
    name: str | None = None
    type: str | None = None  # "query" or "mutation"; None when no operation ran
    outcome: Outcome | None = None
    error_codes: tuple[str, ...] = ()
    execution: ExecutionContext | None = dataclasses.field(default=None, repr=False)


current_operation: contextvars.ContextVar[OperationReport | None] = contextvars.ContextVar(
    "operation_report", default=None
)


def operation_started(execution: ExecutionContext) -> None:
    report = current_operation.get()
    if report is not None:
        report.execution = execution


def operation_ended(result: ExecutionResult) -> None:
    """Fill in the current request's report, if it has one, from the final result."""
    report = current_operation.get()
    if report is None or report.execution is None:
        return
    execution, report.execution = report.execution, None
    if execution.graphql_document is not None:
        operation = _operation(execution.graphql_document, execution.operation_name)
        if operation is not None:
            report.name = operation.name.value if operation.name else None
            report.type = operation.operation.value
    codes = tuple(str(code_of(error)) for error in result.errors or ())
    report.error_codes = codes
    report.outcome = _outcome(result, codes)


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


def _outcome(result: ExecutionResult, codes: tuple[str, ...]) -> Outcome:
    if "INTERNAL_SERVER_ERROR" in codes:
        return "internal_error"
    if is_request_error(result):
        return "request_error"
    return "field_error" if codes else "ok"
