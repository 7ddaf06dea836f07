"""Out of the ordinary, the fast executor answers as graphql-core does: errors located at the
field that failed (response keys and list indexes included), nulls propagated the same way, and
a resolver it has called is never called a second time to produce the error."""

from __future__ import annotations

import dataclasses
from typing import Any, NewType, cast

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig

from graphql_api.config import Settings
from graphql_api.engine.execution import context_only
from tests.engine.executors import execute_both


@dataclasses.dataclass
class _Context:
    page: Page
    calls: list[str] = dataclasses.field(default_factory=list)  # ids `Item.extra` ran for


Info = strawberry.Info[_Context, None]

Motto = NewType("Motto", str)
# serialises the empty string to null, which graphql-core refuses even for a nullable field
MOTTO = StrawberryConfig(
    scalar_map={Motto: strawberry.scalar(name="Motto", serialize=lambda v: v or None)}
)


@strawberry.type
class Tag:
    label: str


@strawberry.type
class Detail:
    name: str
    tags: list[Tag]


async def _later(detail: Detail) -> Detail:
    return detail


@strawberry.type
class Item:
    id: strawberry.ID
    title: str
    subtitle: str | None
    rank: int
    motto: Motto | None
    detail: Detail
    answer: strawberry.Private[str] = "value"  # what `extra` does: value, raise, null, await
    streamed: strawberry.Private[tuple[Tag | None, ...]] = ()

    @strawberry.field
    @context_only
    def extra(self, info: Info) -> Detail:
        info.context.calls.append(self.id)
        if self.answer == "raise":
            raise RuntimeError("extra failed")
        if self.answer == "null":
            return cast("Detail", None)
        if self.answer == "await":
            return cast("Detail", _later(self.detail))
        return self.detail

    @strawberry.field
    @context_only
    def tag_stream(self) -> list[Tag]:
        """A generator: consumed once, by the fast executor or by graphql-core."""
        return cast("list[Tag]", (tag for tag in self.streamed))


@strawberry.type
class Page:
    nodes: list[Item]


@strawberry.type
class Query:
    @strawberry.field
    def page(self, info: Info) -> Page | None:
        return info.context.page


class _Untitled:
    """An object without the `title` attribute the schema reads: a bug, reported as graphql-core
    reports it."""

    def __init__(self, item: Item) -> None:
        self.id, self.rank, self.subtitle = item.id, item.rank, item.subtitle
        self.motto, self.detail = item.motto, item.detail


def _items(count: int) -> list[Item]:
    return [
        Item(
            id=strawberry.ID(str(index)),
            title=f"title {index}",
            subtitle=None,
            rank=index,
            motto=Motto("motto"),
            detail=Detail(name=f"detail {index}", tags=[Tag(label="a"), Tag(label="b")]),
        )
        for index in range(count)
    ]


def _break_item_3_title(items: list[Any]) -> None:
    items[3].title = None


def _break_item_3_attribute(items: list[Any]) -> None:
    items[3] = _Untitled(items[3])


def _break_item_2_rank(items: list[Any]) -> None:
    items[2].rank = "many"


def _break_item_2_subtitle(items: list[Any]) -> None:
    items[2].subtitle = object()


def _break_item_2_motto(items: list[Any]) -> None:
    items[2].motto = ""


def _break_item_1_detail_name(items: list[Any]) -> None:
    items[1].detail.name = None


def _break_item_1_detail(items: list[Any]) -> None:
    items[1].detail = None


def _break_item_1_second_tag_label(items: list[Any]) -> None:
    items[1].detail.tags[1].label = None


def _break_item_0_second_tag(items: list[Any]) -> None:
    items[0].detail.tags[1] = None


def _break_item_4_second_streamed_tag(items: list[Any]) -> None:
    items[4].streamed = (Tag(label="a"), None, Tag(label="c"))


LEAVES_AND_INLINE_OBJECTS = """{ page { nodes {
  id heading: title subtitle rank motto detail { name tags { label } } tagStream { label }
} } }"""

# (how the page is broken, where the error is reported, whether `page` survives as non-null)
BROKEN_PAGES = [
    (_break_item_3_title, ["page", "nodes", 3, "heading"], False),
    (_break_item_3_attribute, ["page", "nodes", 3, "heading"], False),
    (_break_item_2_rank, ["page", "nodes", 2, "rank"], False),
    (_break_item_2_subtitle, ["page", "nodes", 2, "subtitle"], True),
    (_break_item_2_motto, ["page", "nodes", 2, "motto"], True),
    (_break_item_1_detail_name, ["page", "nodes", 1, "detail", "name"], False),
    (_break_item_1_detail, ["page", "nodes", 1, "detail"], False),
    (_break_item_1_second_tag_label, ["page", "nodes", 1, "detail", "tags", 1, "label"], False),
    (_break_item_0_second_tag, ["page", "nodes", 0, "detail", "tags", 1], False),
    (_break_item_4_second_streamed_tag, ["page", "nodes", 4, "tagStream", 1], False),
]


@pytest.mark.parametrize(
    ("break_page", "path", "page_survives"),
    BROKEN_PAGES,
    ids=[break_page.__name__.removeprefix("_break_") for break_page, _, _ in BROKEN_PAGES],
)
async def test_an_error_below_a_list_is_reported_at_its_field(
    settings: Settings, break_page: Any, path: list[str | int], page_survives: bool
) -> None:
    # given a page of five items, one of them broken
    def page() -> _Context:
        items = _items(5)
        break_page(items)
        return _Context(Page(nodes=items))

    # when its leaves and inline objects are read
    result, _ = await execute_both(Query, settings, LEAVES_AND_INLINE_OBJECTS, page, MOTTO)
    # then one error names the broken field, and the null spreads as far as graphql-core's
    assert result.errors is not None
    assert [error.path for error in result.errors] == [path]
    assert result.data is not None
    assert (result.data["page"] is not None) == page_survives


EXTRA = "{ page { nodes { id extra { name } } } }"


@pytest.mark.parametrize(
    ("answer", "error_path"),
    [
        ("raise", ["page", "nodes", 1, "extra"]),
        ("null", ["page", "nodes", 1, "extra"]),
        ("await", None),
    ],
)
async def test_a_context_only_resolver_runs_once_whatever_it_answers(
    settings: Settings, answer: str, error_path: list[str | int] | None
) -> None:
    # given a page whose second item's resolver raises, answers null, or answers an awaitable
    def page() -> _Context:
        items = _items(3)
        items[1].answer = answer
        return _Context(Page(nodes=items))

    # when the resolver's field is read
    result, context = await execute_both(Query, settings, EXTRA, page, MOTTO)
    # then it ran once for each item the response reached, never twice for the second
    if error_path is None:
        assert result.errors is None
        assert context.calls == ["0", "1", "2"]
        assert result.data == {
            "page": {"nodes": [{"id": str(i), "extra": {"name": f"detail {i}"}} for i in range(3)]}
        }
    else:
        assert context.calls == ["0", "1"]  # the error stops the list, as in graphql-core
        assert result.errors is not None
        assert [error.path for error in result.errors] == [error_path]
        assert result.data == {"page": None}
