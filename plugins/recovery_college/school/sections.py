"""The site's few fixed sections and the lists on their index pages.

The navigation stays short (one entry a section); pages of a section are listed on its index
page, so no page grows with the number of courses, guides or plans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from recovery_college.content.loading import Page, Project
from recovery_college.outputs.feature import markdown_text
from recovery_college.outputs.i18n import N_

# Section folder -> untranslated title (translated through the gettext catalogue).
SECTIONS: dict[str, str] = {
    "guides": N_("Guides"),
}


@dataclass(frozen=True)
class Entry:
    rel: str
    title: str
    summary: str | None
    lang: str  # the page's language: Danish where it is not translated


def entries(project: Project, lang: str, section: str) -> list[Entry]:
    """Pages of a section in this language, falling back to Danish where not translated."""
    default = project.pages[project.default.code]
    own = project.pages.get(lang, {})
    found: list[Entry] = []
    for rel in sorted(set(default) | set(own)):
        if not rel.startswith(section + "/") or rel.endswith("index.md") or rel.count("/") != 1:
            continue
        page: Page = own.get(rel) or default[rel]
        summary = page.meta.summary or getattr(page.meta, "aim", None)
        found.append(Entry(rel, page.title, summary, page.lang))
    return sorted(found, key=lambda e: e.title.casefold())


def listing(project: Project, lang: str, section: str, _: Callable[[str], str]) -> str:
    items = entries(project, lang, section)
    if not items:
        return _("There is nothing here yet.")
    lines = []
    for entry in items:
        name = entry.rel.split("/", 1)[1]
        text = f"[{markdown_text(entry.title)}]({name})"
        if entry.summary:
            text += f"  \n  {markdown_text(entry.summary)}"
        if entry.lang != lang:  # a Danish entry on a translated page is read out in Danish
            text = f'<span lang="{entry.lang}" dir="ltr">{text}</span>'
        lines.append(f"- {text}")
    return "\n".join(lines)
