"""Guides for citizens and staff: the glossary page, source credits and readability warnings."""

from __future__ import annotations

import logging
from typing import Any

from markdown import Extension

from . import glossary
from .features import Feature
from .glossary_pages import GlossaryPages
from .readability import too_hard

log = logging.getLogger("mkdocs.plugins.recovery_college")


class GuidesFeature(Feature):
    def __init__(self, ctx):
        super().__init__(ctx)
        project = ctx.project
        self.extension = (
            glossary.GlossaryExtension(project.glossary, ctx.lang) if project.glossary else None
        )
        if ctx.language.is_default:
            for page in too_hard(project, ctx.lix_threshold):
                log.warning(
                    f"{page.path}: LIX {page.lix} is above {ctx.lix_threshold}. "
                    "Use shorter sentences and shorter words."
                )

    def markdown_extensions(self) -> list[Extension | str]:
        # attr_list gives each glossary heading its stable id ({#bostoette}).
        return ["attr_list", self.extension] if self.extension else []

    def pages(self) -> dict[str, str]:
        entries = self.ctx.project.glossary
        if entries is None:
            return {}
        default = self.ctx.project.default.code
        return GlossaryPages(entries, self.ctx.lang, self._, default).pages()

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        if self.extension:
            self.extension.current = rel
        sources = self.ctx.project.sources
        ids = meta.get("sources") or []
        if sources and ids and rel.startswith("guides/"):
            known = sources.by_id()
            lines = [f"- *{known[i].title}*. {known[i].by}." for i in ids if i in known]
            heading, lead = self._("Sources"), self._("This guide builds on:")
            markdown += f"\n\n## {heading}\n\n{lead}\n\n" + "\n".join(lines)
        return markdown
