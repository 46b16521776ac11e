"""Pages every site has: search, the accessibility statement, section lists, help lines."""

from __future__ import annotations

from typing import Any

from recovery_college.outputs.feature import BuildContext, Feature, generated_page
from recovery_college.school import helplines, phones, sections, statement
from recovery_college.school.models import School


class BasicsFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.school = ctx.project.part(School)
        self.phones = phones.PhoneExtension(phones.phone_numbers(self.school.helplines))

    def markdown_extensions(self) -> list[Any]:
        return [self.phones]

    def pages(self) -> dict[str, str]:
        _ = self._
        found = {
            "search.md": generated_page({"title": _("Search"), "template": "search.html"}, ""),
            statement.PAGE: statement.page_source(self.school.statement, self.ctx.lang, _),
        }
        for section, title in sections.SECTIONS.items():
            found[f"{section}/index.md"] = generated_page({"title": _(title)}, "")
        return found

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        section = rel.split("/", 1)[0]
        if rel == f"{section}/index.md" and section in sections.SECTIONS:
            markdown += "\n\n" + sections.listing(self.ctx.project, self.ctx.lang, section, self._)
        return helplines.insert(markdown, self.school.helplines, self.ctx.lang)
