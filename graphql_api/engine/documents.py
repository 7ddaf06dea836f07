"""Parsed and validated documents, once per query text, in a cache bounded by entries and bytes.

Parsing and validating are a visible share of a small request, and clients send the same few
documents over and over, so both are cached. The cache replaces Strawberry's `ParserCache` and
`ValidationCache`: those bound entries only (and the validation cache hashes the whole syntax
tree on every request), while any client can send unique documents, each of whose syntax trees
can take half a megabyte (a parsed document keeps every token, with its location). Entries are
sized by `document_bytes` and the cache holds at most `_MAX_BYTES` of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, Location, Token, parse
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from graphql_api.engine.errors import code_of, with_code
from graphql_api.engine.input_bounds import DocumentBounds
from graphql_api.engine.lru import LRUCache

# What a parsed document takes, measured with tracemalloc over documents of many shapes (dense
# fields, nesting, arguments, directives, comments, fragments, long names and strings, text
# beyond Latin-1): at most ~550 bytes per token (a token, its node, their locations) plus up to
# four per character of text; the estimate below came out 1.1 to 3.3 times what was measured.
_BYTES_PER_TOKEN = 600
_BYTES_PER_CHARACTER = 4
_MAX_DOCUMENTS = 1000
_MAX_BYTES = 16 * 1024 * 1024


def document_bytes(location: Location | None) -> int:
    """About how much memory a node with this location keeps alive: its document's text and
    every token from the node's start to the document's end (the node's location holds its
    first token, which links to the next; `_without_cycles` cut the links backwards)."""
    if location is None:
        return _BYTES_PER_TOKEN
    tokens = 0
    token: Token | None = location.start_token
    while token is not None:
        tokens += 1
        token = token.next
    return tokens * _BYTES_PER_TOKEN + len(location.source.body) * _BYTES_PER_CHARACTER


def _without_cycles(document: DocumentNode) -> DocumentNode:
    """The document with its tokens linked forwards only.

    The lexer links each token to the next and back to the previous: a reference cycle
    through every token, so a document was freed only by the cyclic garbage collector, and
    the server's collector (see `cli`) reaches long-lived objects rarely: documents let go of
    by the caches piled up by the hundred megabytes. Nothing reads the links backwards once
    parsing is done; without them a document is freed as soon as nothing holds it.
    """
    token = document.loc.start_token if document.loc else None
    while token is not None:
        token.prev = None
        token = token.next
    return document


@dataclasses.dataclass(frozen=True, slots=True)
class _Validation:
    errors: list[GraphQLError]  # each with a code: GRAPHQL_VALIDATION_FAILED unless its rule's
    bounds: DocumentBounds | None  # where a valid document's variables go (engine.input_bounds)


@dataclasses.dataclass(slots=True)
class _Document:
    document: DocumentNode
    # validations per (schema, rule set): one process can run several schemas (tests do)
    validations: dict[tuple[int, tuple[type[ASTValidationRule], ...]], _Validation]


def _validate(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> _Validation:
    errors = validate_document(schema, document, rules)
    if errors:
        return _Validation([_coded(error) for error in errors], None)
    bounds = DocumentBounds.of(schema, document)
    return _Validation(bounds.errors, bounds)


def _coded(error: GraphQLError) -> GraphQLError:
    return error if code_of(error) is not None else with_code(error, "GRAPHQL_VALIDATION_FAILED")


_documents: LRUCache[tuple[str, tuple[tuple[str, Any], ...]], _Document] = LRUCache(
    _MAX_DOCUMENTS, _MAX_BYTES
)


class CachedDocuments(SchemaExtension):
    """Parses a query text, and validates the document, only when the cache has no result;
    then measures the request's variables against the document's text bounds.

    Keyed by the text and the parse options (the token limit), so a schema with a smaller
    limit never gets a document parsed under a larger one; validation results are kept per
    schema and rule set.
    """

    _entry: _Document

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        assert query is not None, "the view always sends a query text"
        key = (query, tuple(context.parse_options.items()))
        entry = _documents.get(key)
        if entry is None:
            document = _without_cycles(parse(query, **context.parse_options))
            entry = _Document(document, {})
            _documents.put(key, entry, document_bytes(document.loc))
        context.graphql_document = entry.document
        self._entry = entry
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        schema = context.schema._schema
        rules = tuple(context.validation_rules)
        key = (id(schema), rules)
        validations = self._entry.validations
        validation = validations.get(key)
        if validation is None:
            validation = validations[key] = _validate(schema, self._entry.document, rules)
        bounds = validation.bounds
        context.pre_execution_errors = validation.errors or (
            bounds.check(context.variables) if bounds is not None else []
        )
        yield
