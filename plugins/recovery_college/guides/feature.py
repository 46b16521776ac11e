"""Guides for citizens and staff: source credits and readability warnings."""

from __future__ import annotations

import logging
from typing import Any

from recovery_college.guides.readability import too_hard
from recovery_college.guides.sources import Sources
from recovery_college.outputs.feature import BuildContext, Feature, markdown_text

log = logging.getLogger("mkdocs.plugins.recovery_college")


class GuidesFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.sources = ctx.project.find(Sources)
        if ctx.language.is_default:
            for page in too_hard(ctx.project, ctx.lix_threshold):
                log.warning(
                    f"{page.path}: LIX {page.lix} is above {ctx.lix_threshold}. "
                    "Use shorter sentences and shorter words."
                )

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
