"""One HTTP request, once answered: what the log line, the metrics and the span report."""

from __future__ import annotations

import dataclasses

from graphql_api.engine.operation import OperationReport, Outcome


@dataclasses.dataclass(frozen=True, slots=True)
class RequestSummary:
    request_id: str
    method: str
    path: str
    status: int
    duration_s: float
    statements: int
    operation: OperationReport

    @property
    def outcome(self) -> Outcome:
        """The operation's outcome; without one (not a GraphQL request), the status's."""
        if self.operation.outcome is not None:
            return self.operation.outcome
        if self.status >= 500:
            return "internal_error"
        return "request_error" if self.status >= 400 else "ok"
