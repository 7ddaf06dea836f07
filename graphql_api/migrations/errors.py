"""The one exception the runner raises for anything an operator must fix."""

from __future__ import annotations


class MigrationError(Exception):
    """A refused or failed run; the message is one line naming the file at fault."""
