"""Markdown made into HTML once: a page whose Markdown is what the last build converted, with
the same inputs, gets what that build made of it instead of converting it again.

MkDocs makes a new Python-Markdown instance for every page of every build and converts the
page (`Page.render`). After a term edit, the case an editor waits for, the Markdown of
nearly every page is the same as last time: converting it was a third of a preview rebuild
of the example site and about a seventh of each language build at 1,000 offerings (cProfile).

What a conversion makes is kept with the page's key in the render cache (rendercache.py):
the HTML, the table of contents, the title taken from the first heading, and the anchors the
page has and links to (MkDocs checks those links after every page is converted, so a kept
page takes part in that check as before). A conversion that logged anything, such as a link
to a missing page, is never kept: the next build converts it again and says it again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from recovery_college.engine.rendercache import RenderCache

KIND = "markdown"  # its entries in the render cache, beside the rendered pages


@dataclass(frozen=True)
class Converted:
    """What `Page.render` leaves on a page, in a form that can be stored."""

    content: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc tokens, which MkDocs' get_toc reads
    title: str | None
    anchors: list[str]  # ids the page has
    links: dict[str, dict[str, str]] | None  # links to anchors, by the linked page's src_uri

    @classmethod
    def of(cls, page: Page) -> Converted:
        links = page.links_to_anchors
        return cls(
            content=page.content or "",
            toc=[_token(item) for item in page.toc],
            title=page._title_from_render,
            anchors=sorted(page.present_anchor_ids or ()),
            links=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        )

    def give(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = get_toc(self.toc)  # type: ignore[arg-type]  # the tokens get_toc reads
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links is not None:
            page.links_to_anchors = {
                file: links
                for src, links in self.links.items()
                if (file := files.get_file_from_path(src)) is not None
            }


def _token(item: AnchorLink) -> dict[str, Any]:
    children = [_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.title, "children": children}


def install(page: Page, cache: RenderCache) -> None:
    """Have MkDocs' call of `page.render` look in the cache first. MkDocs has no event between
    `on_page_markdown` and `on_page_content` that could skip the conversion, so the page gets
    its own `render` (a page object lives for one build)."""
    page.render = functools.partial(render, page, cache)  # type: ignore[method-assign]


def render(page: Page, cache: RenderCache, config: MkDocsConfig, files: Files) -> None:
    # MkDocs notes the links to anchors only above DEBUG, and how much it logs is the
    # logger's level: both are the same as last time when the level is.
    level = logging.getLogger("mkdocs").getEffectiveLevel()
    name = page.file.src_uri
    key = cache.key(KIND, name, page.file.dest_uri, str(level), page.markdown or "")
    kept = cache.get(KIND, name, key)
    if kept is not None:
        Converted(**json.loads(kept)).give(page, files)
        return
    with _logged() as records:
        Page.render(page, config, files)
    if not records:
        cache.put(KIND, name, key, json.dumps(asdict(Converted.of(page))))


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    """What is logged meanwhile: through MkDocs' logger (which the command line stops from
    passing records on) or any other, such as Python-Markdown's."""
    handler = _Records()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
