"""Fixed-size pages for long lists: the course catalogue and each term's programme.

A list page must not grow with the catalogue (DESIGN.md: every page under 40 KB, and no page
larger at 1,000 offerings than at 10), so a long list is split into pages of a fixed number
of entries. Page 1 keeps the list's own address (`courses/`); the others live below it
(`courses/side/2/`, "side" being Danish for page, like the other fixed Danish slugs), where
no course or term id can collide with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

PAGE_SIZE = 15
FOLDER = "side"
WINDOW = 2  # page links shown on each side of the current page

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """A link in the page list; `number` None is a gap between distant pages."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Where one page sits in its list, with the URLs (below the language root) around it."""

    number: int
    count: int
    first: int
    last: int
    total: int
    previous: str | None
    next: str | None
    links: tuple[PageLink, ...]
    base: str = ""

    @property
    def paged(self) -> bool:
        return self.count > 1

    def items(self, entries: Sequence[T]) -> list[T]:
        return list(entries[self.first - 1 : self.last]) if self.total else []


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def page_url(base: str, number: int) -> str:
    """URL of page `number` of the list at `base` (a folder URL such as 'courses/')."""
    return base if number == 1 else f"{base}{FOLDER}/{number}/"


def page_source(base: str, number: int) -> str:
    """Path of the generated Markdown source of page `number` (2 and up) of the list at `base`."""
    return f"{base}{FOLDER}/{number}.md"


def pager(base: str, number: int, total: int, size: int = PAGE_SIZE) -> Pager:
    count = page_count(total, size)
    number = min(max(number, 1), count)
    shown = {1, count, *range(number - WINDOW, number + WINDOW + 1)}
    links: list[PageLink] = []
    for candidate in range(1, count + 1):
        if candidate in shown:
            links.append(PageLink(candidate, page_url(base, candidate), candidate == number))
        elif links and links[-1].number is not None:
            links.append(PageLink(None))
    return Pager(
        number=number,
        count=count,
        first=min((number - 1) * size + 1, total) if total else 0,
        last=min(number * size, total),
        total=total,
        previous=page_url(base, number - 1) if number > 1 else None,
        next=page_url(base, number + 1) if number < count else None,
        links=tuple(links),
        base=base,
    )
