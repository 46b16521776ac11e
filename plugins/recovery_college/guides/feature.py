"""Guides for citizens and staff: source credits and readability warnings."""

from __future__ import annotations

import logging
from typing import Any

from recovery_college.guides.models import EasyReadMeta
from recovery_college.guides.readability import EASY_READ_LIX, too_hard
from recovery_college.guides.sources import Sources
from recovery_college.outputs.feature import BuildContext, Feature, markdown_text
from recovery_college.outputs.pageview import page_address

log = logging.getLogger("mkdocs.plugins.recovery_college")


class GuidesFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.sources = ctx.project.find(Sources)
        self.own = ctx.project.pages.get(ctx.lang, {})
        # page -> its easy-read version, where this language has one
        self.easy_read = {
            page.meta.easy_read_of: rel
            for rel, page in self.own.items()
            if isinstance(page.meta, EasyReadMeta)
        }
        if ctx.language.is_default:
            for page in too_hard(ctx.project, ctx.lix_threshold):
                limit = EASY_READ_LIX if page.easy_read else ctx.lix_threshold
                log.warning(
                    f"{page.path}: LIX {page.lix} is above {limit}. "
                    "Use shorter sentences and shorter words."
                )

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        """The link between a page and its easy-read version, in this language only."""
        page = self.own.get(rel)
        if page is not None and isinstance(page.meta, EasyReadMeta):
            context["easy_read_of"] = page_address(page.meta.easy_read_of)
        elif rel in self.easy_read:
            context["easy_read"] = page_address(self.easy_read[rel])

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        ids = meta.get("sources") or []
        if self.sources and ids and rel.startswith("guides/"):
            known = self.sources.by_id()
            lines = [
                f"- *{markdown_text(known[i].title)}*. {markdown_text(known[i].by)}."
                for i in ids
                if i in known
            ]
            heading, lead = self._("Sources"), self._("This guide builds on:")
            markdown += f"\n\n## {heading}\n\n{lead}\n\n" + "\n".join(lines)
        return markdown
