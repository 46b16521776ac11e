"""The parts of the site (catalogue, guides, ideas, session plans...) as pluggable features.

Each feature adds generated pages, fills the template context of its pages and writes extra
files after the build. The MkDocs plugin only calls them, so a new part of the site is a
Feature subclass in its kind's package and one line in `assembly.FEATURES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from recovery_college.content.languages import Language
from recovery_college.content.loading import Project
from recovery_college.outputs.pdf import PdfJob
from recovery_college.outputs.unchanged import Unchanged

T = TypeVar("T")


@dataclass(frozen=True)
class BuildContext:
    """Everything a feature needs to know about the language build it is part of."""

    project: Project
    language: Language
    gettext: Callable[[str], str]
    base_url: str
    now: dt.datetime
    published: Path | None
    school: str  # the school's name in this language
    lix_threshold: float = 40
    preview: bool = False  # `recovery-college serve`: rebuilt on every save, no PDF stage
    # Views shared by the features of one language build (see `shared`).
    _shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def lang_url(self) -> str:
        """Absolute URL of this language's root."""
        return self.base_url + self.language.prefix

    @property
    def unchanged(self) -> Unchanged:
        """Writes this build's files, linking those the published site already has (not in
        a preview, which changes its pages after they are written)."""
        if self.published is None or self.preview:
            return Unchanged(None)
        return Unchanged(self.published / self.language.prefix)

    def shared(self, key: Any, make: Callable[[], T]) -> T:
        """One object per language build for every feature that asks with the same key: the
        catalogue's views are worked out once, though the pages and the programme use them."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def metas(self, folder: str) -> dict[str, Any]:
        """Front matter of each page in a folder, in this language or the default one, by slug."""
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

    # True when `context` fills pages from the term schedules: what it puts in is then part of
    # the page's key in the render cache (engine/rendercache.py), as the term files are not in
    # the fingerprint every page shares.
    reads_terms = False

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

    def page_output(self, html: str) -> str:
        """Change a page's finished HTML (the 404 page's too) just before MkDocs writes it."""
        return html

    def post_build(self, site_dir: Path) -> None:
        """Write extra files (calendars, feeds) into this language's output folder."""

    def pdf_jobs(self) -> list[PdfJob]:
        """Documents for the PDF stage, which renders them after every language is built.

        Not asked for in a preview: an editor's save should show in a second, not wait for
        QR codes and print views of every handout.
        """
        return []


def generated_page(meta: dict, body: str) -> str:
    """Markdown source for a page the build makes; front matter dumped safely as YAML (by
    libyaml where present: a school's hundreds of generated pages are made on every save)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    front = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body.strip()}\n"


def markdown_text(value: str) -> str:
    """A value from a data file or front matter, made safe to put into generated Markdown:
    Markdown passes raw HTML through, so `<`, `>` and `&` are written as entities and markup
    in a title or a definition is shown as text, never run as markup."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
