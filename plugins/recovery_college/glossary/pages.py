"""The glossary's pages: one page per provider of help, and the glossary page listing them all.

A reader who meets "bostøtte" follows the link to the municipality's page of words; the
glossary page (ordliste/) lists every word under who provides it, so it also answers "what
does the region do, and what the municipality?".
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from babel.lists import format_list

from recovery_college.glossary.terms import FOLDER, GROUP_SLUGS, PAGE, Entry, Glossary, group_page
from recovery_college.outputs.feature import generated_page, markdown_text
from recovery_college.outputs.i18n import N_

PROVIDERS = {
    "region": N_("Region"),
    "municipality": N_("Municipality"),
    "state": N_("State"),
    "civil-society": N_("Civil society"),
    "recovery-school": N_("Recovery school"),
    "general": N_("General"),
}


# Arabic dictionaries file alef with hamza or madda (أ إ آ) under plain alef (ا); code point order
# put every such word before all words with plain alef.
ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def sort_key(term: str) -> str:
    """Alphabetical order for a term, without a collation library: case and alef forms aside."""
    return term.casefold().translate(ALEF_FORMS)


class GlossaryPages:
    """The glossary in one language; entries without a translation are shown in Danish."""

    def __init__(self, glossary: Glossary, lang: str, gettext: Callable[[str], str], default: str):
        self.glossary = glossary
        self.lang = lang
        self._ = gettext
        self.known = glossary.by_id()
        self.meta: dict[str, Any] = {}
        if not all(e.definition.has(lang) for e in glossary.root):
            self.meta["content_lang"] = default

    def pages(self) -> dict[str, str]:
        found = {PAGE: self.index()}
        for provider in GROUP_SLUGS:
            entries = self.entries(provider)
            if entries:
                found[group_page(provider)] = self.group(provider, entries)
        return found

    def entries(self, provider: str) -> list[Entry]:
        chosen = [e for e in self.glossary.root if e.provider == provider]
        return sorted(chosen, key=lambda e: sort_key(e.term.get(self.lang)))

    def index(self) -> str:
        _ = self._
        blocks = [_("Words you meet when you look for help, explained in plain language.")]
        for provider in GROUP_SLUGS:
            entries = self.entries(provider)
            if not entries:
                continue
            page = group_page(provider)
            lines = [f"## [{_(PROVIDERS[provider])}]({page})"]
            lines += [f"- [{markdown_text(e.term.get(self.lang))}]({page}#{e.id})" for e in entries]
            blocks.append("\n".join(lines[:1]) + "\n\n" + "\n".join(lines[1:]))
        meta = {**self.meta, "title": _("Glossary")}
        return generated_page(meta, "\n\n".join(blocks))

    def group(self, provider: str, entries: list[Entry]) -> str:
        _ = self._
        back = posixpath.relpath(PAGE, FOLDER)
        everything = _("All words in the glossary")
        blocks = [f"[{everything}]({back})"]
        blocks += [self.block(entry, group_page(provider)) for entry in entries]
        title = _("Glossary: %(group)s") % {"group": _(PROVIDERS[provider])}
        return generated_page({**self.meta, "title": title}, "\n\n".join(blocks))

    def block(self, entry: Entry, page: str) -> str:
        _ = self._
        facts = [_(PROVIDERS[entry.provider])]
        if entry.law:
            facts.append(markdown_text(entry.law))
        block = (
            f"## {markdown_text(entry.term.get(self.lang))} {{#{entry.id}}}\n\n"
            f"{markdown_text(entry.definition.get(self.lang))}\n\n*{' · '.join(facts)}*"
        )
        others = [self.known[i] for i in entry.see_also if i in self.known]
        if others:
            links = format_list(  # "A, B og C"; Arabic joins with its own comma and "و"
                [f"[{markdown_text(o.term.get(self.lang))}]({self.href(page, o)})" for o in others],
                locale=self.lang,
            )
            see_also = _("See also")
            block += f"\n\n{see_also}: {links}"
        return block

    @staticmethod
    def href(page: str, other: Entry) -> str:
        target = group_page(other.provider)
        if target == page:
            return f"#{other.id}"
        return f"{posixpath.relpath(target, posixpath.dirname(page))}#{other.id}"
