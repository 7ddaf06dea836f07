"""Log lines as text for people or as JSON for a log collector (`LOG_FORMAT`), and the line
every request gets.

The request's line names its operation, never its document or variables: those carry
passwords (`logIn`, `signUp`) and one-time codes, inline or as variables. Probes and `/metrics`
get no line (they come every few seconds and say nothing new).

In JSON each line is one object: `time`, `level`, `logger`, `message`, `request_id` (while a
request is served), `exception` (a traceback), and a request's fields.
"""

from __future__ import annotations

import datetime
import logging
import sys
from typing import Any

import orjson

from graphql_api.config import LogFormat
from graphql_api.engine.masking import current_request_id
from graphql_api.observability.request import RequestSummary

REQUEST_LOGGER = "graphql_api.requests"
TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"

log = logging.getLogger(REQUEST_LOGGER)


def configure_logging(log_format: LogFormat, level: int = logging.INFO) -> None:
    """One handler on the root logger, to stderr; uvicorn's loggers propagate to it.

    Records leave out the thread's and the process's names, which neither format shows and
    whose lookup was most of a request line's cost.
    """
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    handler.addFilter(_with_request_id)
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def _with_request_id(record: logging.LogRecord) -> bool:
    """Runs where the record was made, so the request being served is still current."""
    if not hasattr(record, "request_id"):
        request_id = current_request_id.get()
        if request_id != "-":
            record.request_id = request_id
    return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id is not None:
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def log_request(request: RequestSummary) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    report = request.operation
    operation = " ".join(part for part in (report.type, report.name) if part) or "-"
    fields = {
        "method": request.method,
        "path": request.path,
        "status": request.status,
        "operation": report.name,
        "operation_type": report.type,
        "outcome": request.outcome,
        "error_codes": list(report.error_codes),
        "duration_ms": round(request.duration_s * 1000, 2),
        "statements": request.statements,
    }
    # What `log.info` does, less its walk up the stack to find the caller (always this line).
    record = log.makeRecord(
        log.name,
        logging.INFO,
        __file__,
        0,
        "%s %s %d %s %s %.1fms sql=%d request=%s",
        (
            request.method,
            request.path,
            request.status,
            operation,
            request.outcome,
            fields["duration_ms"],
            request.statements,
            request.request_id,
        ),
        None,
        extra={"request_id": request.request_id, "fields": fields},
    )
    log.handle(record)
