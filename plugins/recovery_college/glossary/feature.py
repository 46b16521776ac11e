"""The glossary as part of the site: its pages, and the links to it from every page's text."""

from __future__ import annotations

from typing import Any

from markdown import Extension

from recovery_college.glossary.pages import GlossaryPages
from recovery_college.glossary.terms import Glossary, GlossaryExtension
from recovery_college.outputs.feature import BuildContext, Feature


class GlossaryFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.glossary = ctx.project.find(Glossary)
        self.extension = GlossaryExtension(self.glossary, ctx.lang) if self.glossary else None

    def markdown_extensions(self) -> list[Extension | str]:
        # attr_list gives each glossary heading its stable id ({#bostoette}).
        return ["attr_list", self.extension] if self.extension else []

    def pages(self) -> dict[str, str]:
        if self.glossary is None:
            return {}
        default = self.ctx.project.default.code
        return GlossaryPages(self.glossary, self.ctx.lang, self._, default).pages()

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        if self.extension:
            self.extension.current = rel  # the linker links each term once per page
        return markdown
