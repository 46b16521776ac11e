"""The parts of the site (catalogue, guides, ideas, session plans...) as pluggable features.

Each feature adds generated pages, fills the template context of its pages and writes extra
files after the build. The MkDocs plugin only calls them, so a new part of the site is a new
module with a Feature subclass and one line in `plugin.FEATURES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import Project
from .languages import Language
from .pdf import PdfJob


@dataclass(frozen=True)
class BuildContext:
    """Everything a feature needs to know about the language build it is part of."""

    project: Project
    language: Language
    gettext: Callable[[str], str]
    base_url: str
    now: dt.datetime
    published: Path | None
    lix_threshold: float = 40
    preview: bool = False  # `recovery-college serve`: rebuilt on every save, no PDF stage

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def lang_url(self) -> str:
        """Absolute URL of this language's root."""
        return self.base_url + self.language.prefix

    @property
    def school(self) -> str:
        return self.project.site.name.get(self.lang)

    def metas(self, folder: str) -> dict[str, Any]:
        """Front matter of each page in a folder, in this language or the Danish one, by slug."""
        default = self.project.pages[self.project.default.code]
        own = self.project.pages.get(self.lang, {})
        found = {}
        for rel, page in default.items():
            if (
                rel.startswith(folder + "/")
                and rel.count("/") == 1
                and not rel.endswith("index.md")
            ):
                found[rel[len(folder) + 1 : -3]] = (own.get(rel) or page).meta
        return found


class Feature:
    """A part of the site. Subclasses override only the hooks they need."""

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self._ = ctx.gettext

    def markdown_extensions(self) -> list[Any]:
        """Python-Markdown extensions this feature adds to every page of the build."""
        return []

    def pages(self) -> dict[str, str]:
        """Generated pages: path below the language root -> Markdown source with front matter."""
        return {}

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        """Change a page's Markdown (or its meta, such as the template) before rendering."""
        return markdown

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        """Add what this feature's templates need to a page's context."""

    def post_build(self, site_dir: Path) -> None:
        """Write extra files (calendars, feeds) into this language's output folder."""

    def pdf_jobs(self) -> list[PdfJob]:
        """Documents for the PDF stage, which renders them after every language is built.

        Not asked for in a preview: an editor's save should show in a second, not wait for
        QR codes and print views of every handout.
        """
        return []
