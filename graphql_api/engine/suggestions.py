"""No "Did you mean ...?" in production: suggestions would spell out the schema that production
keeps to itself (introspection is off there).

Strawberry's `disable_field_suggestions` covers unknown fields only; graphql-core suggests enum
values, arguments, input fields and type names too, in validation and again while it reads the
variables, and "Did you mean 'f { ... }'?" for a missing selection. All of them come from one
phrase with quoted GraphQL names, so they are cut from the messages here, wherever they arose.
"""

from __future__ import annotations

import re

from graphql import GraphQLError

from graphql_api.engine.errors import changed

_NAME = r"'[_A-Za-z][_0-9A-Za-z]*'"
_SUGGESTION = re.compile(
    rf" Did you mean (?:the enum value )?{_NAME}(?:(?:, or |, | or ){_NAME})*\?"
    r"| Did you mean '[_A-Za-z][_0-9A-Za-z]* \{ \.\.\. \}'\?"
)


def without_suggestions(errors: list[GraphQLError]) -> list[GraphQLError]:
    """The errors with every suggestion cut from their messages (copies: errors may be cached)."""
    return [_without_suggestion(error) for error in errors]


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    message = _SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return changed(error, message=message)
