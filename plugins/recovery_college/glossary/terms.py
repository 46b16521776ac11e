"""The glossary of Danish services and terms, and the links to it from every page.

People meet words such as "bostøtte" or "§ 104" in letters from the municipality; the first
time such a word appears on a page it links to its plain explanation. Screen readers hear the
explanation with the link (aria-describedby); keyboard users reach it like any link.
"""

from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from markdown import Extension, Markdown
from pydantic import ConfigDict, Field, RootModel

from recovery_college.content.models import Choices, Localized, NonEmpty, Strict
from recovery_college.outputs.textlinks import TextLinker

PAGE = "ordliste.md"
FOLDER = "ordliste"
# The entries of each provider on a page of their own (ordliste/kommune/ ...), the glossary page
# listing them all: on one page the glossary grew past the 40 KB page budget in Arabic. The
# slugs are Danish, like the site's other fixed addresses.
GROUP_SLUGS = {
    "region": "region",
    "municipality": "kommune",
    "state": "staten",
    "civil-society": "civilsamfund",
    "recovery-school": "recoveryskolen",
    "general": "generelt",
}


def group_page(provider: str) -> str:
    """Source path of the page that explains a provider's entries."""
    return f"{FOLDER}/{GROUP_SLUGS[provider]}.md"


def is_glossary_page(rel: str | None) -> bool:
    return rel is not None and (rel == PAGE or rel.startswith(FOLDER + "/"))


# A run of three digits or more: a phone number, which the glossary never links.
PHONE_LIKE = re.compile(r"\d{3}")
# Combining marks that belong to the word before them (Latin accents, Arabic harakat).
COMBINING = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"

SKIP = {
    "a",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "kbd",
    "abbr",
    "dfn",
}
Provider = Annotated[
    Literal["region", "municipality", "state", "civil-society", "recovery-school", "general"],
    Choices(
        **{
            "region": "Region",
            "municipality": "Kommune",
            "state": "Staten",
            "civil-society": "Civilsamfund",
            "recovery-school": "Recoveryskole",
            "general": "Generelt",
        }
    ),
]


class Entry(Strict):
    model_config = ConfigDict(title="Ord i ordlisten")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til ordet med små bogstaver og uden mellemrum. "
        "Det bruges i links til ordet og under see_also.",
        examples=["bostoette"],
    )
    term: Localized = Field(
        title="Ord",
        description="Ordet, som det står i ordlisten. På andre sprog kan det danske ord stå "
        "i parentes efter, for eksempel »Municipality (kommune)«.",
        examples=[{"da": "Bostøtte", "en": "Housing support (bostøtte)"}],
    )
    aliases: dict[str, list[NonEmpty]] = Field(
        default_factory=dict,
        title="Andre former",
        description="Andre former af ordet, som også skal linke hertil, for hvert sprog: "
        "bøjninger og andre navne.",
        examples=[{"da": ["bostøtten", "socialpædagogisk støtte"]}],
    )
    law: NonEmpty | None = Field(
        default=None,
        title="Lov",
        description="Den lov og paragraf, ordet bygger på, hvis der er en.",
        examples=["Serviceloven § 85"],
    )
    provider: Provider = Field(
        title="Hvem giver hjælpen",
        description="Hvem der står for det, ordet handler om. Ordet kommer på den side "
        "i ordlisten, der hører til.",
        examples=["municipality"],
    )
    definition: Localized = Field(
        title="Forklaring",
        description="En kort forklaring i et enkelt sprog. Skærmlæsere læser den op ved linket.",
        examples=[{"da": "Bostøtte er hjælp i dit eget hjem til at få hverdagen til at fungere."}],
    )
    see_also: list[NonEmpty] = Field(
        default_factory=list,
        title="Se også",
        description="Id'er på andre ord i ordlisten, der hænger sammen med dette.",
        examples=[["kommune", "sagsbehandler"]],
    )


class Glossary(RootModel[list[Entry]]):
    model_config = ConfigDict(title="Ordliste")

    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.root}


@dataclass(frozen=True)
class Term:
    """One findable word form and the entry it explains, in one language."""

    entry: str
    definition: str
    page: str  # source path of the glossary page that explains it


def matcher(glossary: Glossary, lang: str) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
    """A regex over every term and alias of a language, longest first so phrases win."""
    forms: dict[str, Term] = {}
    for entry in glossary.root:
        words = [entry.term.get(lang), *entry.aliases.get(lang, [])]
        if lang == entry.term.default_lang or entry.term.has(lang):
            words.append(entry.term.get(lang).split(" (")[0])
        for word in words:
            if PHONE_LIKE.search(word):
                continue  # "ring 112", "1813": a number is a phone link (school/phones.py)
            term = Term(entry.id, entry.definition.get(lang), group_page(entry.provider))
            forms.setdefault(word.casefold(), term)
    if not forms:
        return None, forms
    alternatives = _alternation(forms)
    # Whole words only: a combining mark (Arabic tanwin in متطوعًا) continues a word too.
    edge = rf"[\w{COMBINING}]"
    # Not part of a web or e-mail address either: "livslinien" in "livslinien.dk".
    start = rf"(?<![\w§{COMBINING}@/.])"
    end = rf"(?!{edge}|[.@/]\w)"
    return re.compile(rf"{start}({alternatives}){end}", re.IGNORECASE), forms


def _alternation(words: Iterable[str]) -> str:
    """One regex for all the words, as a tree of their shared beginnings ("angst(?:anfald)?"),
    which tries the longest word that fits first, as a list sorted longest first did.

    Python's regex engine tries the alternatives of a list one by one at every place in the
    text: with the Danish glossary's 329 forms, that was 0.07 s of each `serve` rebuild of the
    example site (about a second). The tree finds the same matches ten times faster."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer word first


class GlossaryLinker(TextLinker):
    """Links the first use of each glossary term in a page's text, outside links, code and headings."""

    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        ext = self.extension
        if ext.pattern is None or ext.current is None or is_glossary_page(ext.current):
            return
        self.used: set[str] = set()
        self.notes = 0  # each note's id is unique in its page, whatever other pages hold
        self.folder = posixpath.dirname(ext.current) or "."
        self.walk(root)

    def skipped(self, element: ET.Element) -> bool:
        return element.tag in SKIP or element.get("class") == "rc-term__note"

    def link(self, text: str) -> tuple[str, list[ET.Element]]:
        """Split text at the first unused form of each entry; return the lead text and new nodes."""
        ext = self.extension
        assert ext.pattern is not None
        lead, last = text, 0
        made: list[ET.Element] = []
        for match in ext.pattern.finditer(text):
            term = ext.forms[match.group(1).casefold()]
            if term.entry in self.used:
                continue
            self.used.add(term.entry)
            before = text[last : match.start()]
            if made:
                made[-1].tail = before
            else:
                lead = before
            made.extend(self.nodes(match.group(1), term))
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return lead, made

    def nodes(self, word: str, term: Term) -> list[ET.Element]:
        self.notes += 1
        note_id = f"rc-term-{self.notes}"
        anchor = ET.Element(
            "a",
            {
                "href": f"{posixpath.relpath(term.page, self.folder)}#{term.entry}",
                "class": "rc-term",
                "aria-describedby": note_id,
            },
        )
        anchor.text = word
        note = ET.Element("span", {"id": note_id, "class": "rc-term__note", "hidden": "hidden"})
        note.text = term.definition
        return [anchor, note]


class GlossaryExtension(Extension):
    """Set `current` to the page's path before each page is rendered."""

    def __init__(self, glossary: Glossary, lang: str):
        super().__init__()
        self.glossary, self.lang = glossary, lang
        self.current: str | None = None

    @functools.cached_property
    def _matcher(self) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
        """Made when a page is first converted: after a term edit every page's Markdown is
        usually kept from the last build (engine/markdowncache.py), and none is."""
        return matcher(self.glossary, self.lang)

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return self._matcher[0]

    @property
    def forms(self) -> dict[str, Term]:
        return self._matcher[1]

    def extendMarkdown(self, md: Markdown) -> None:
        # Before MkDocs' own link processor (priority 0), which turns our .md links into URLs.
        md.treeprocessors.register(GlossaryLinker(md, self), "rc-glossary", 5)
