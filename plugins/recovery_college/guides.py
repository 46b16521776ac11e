"""Guides for citizens and staff: the glossary page, source credits and readability warnings."""

from __future__ import annotations

import logging
from typing import Any

from babel.lists import format_list
from markdown import Extension

from . import glossary
from .features import Feature
from .readability import too_hard
from .sections import N_
from .statement import generated_page

log = logging.getLogger("mkdocs.plugins.recovery_college")

PROVIDERS = {
    "region": N_("Region"),
    "municipality": N_("Municipality"),
    "state": N_("State"),
    "civil-society": N_("Civil society"),
    "recovery-school": N_("Recovery school"),
    "general": N_("General"),
}


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
        _ = self._
        lang = self.ctx.lang
        translated = all(e.definition.has(lang) for e in entries.root)
        known = entries.by_id()
        see_also = _("See also")
        blocks = [_("Words you meet when you look for help, explained in plain language.")]
        for entry in sorted(entries.root, key=lambda e: e.term.get(lang).casefold()):
            facts = [_(PROVIDERS[entry.provider])]
            if entry.law:
                facts.append(entry.law)
            block = f"## {entry.term.get(lang)} {{#{entry.id}}}\n\n{entry.definition.get(lang)}\n\n*{' · '.join(facts)}*"
            if entry.see_also:
                links = format_list(  # "A, B og C"; Arabic joins with its own comma and "و"
                    [f"[{known[i].term.get(lang)}](#{i})" for i in entry.see_also if i in known],
                    locale=lang,
                )
                block += f"\n\n{see_also}: {links}"
            blocks.append(block)
        meta: dict[str, Any] = {"title": _("Glossary")}
        if not translated:
            meta["content_lang"] = self.ctx.project.default.code
        return {glossary.PAGE: generated_page(meta, "\n\n".join(blocks))}

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
