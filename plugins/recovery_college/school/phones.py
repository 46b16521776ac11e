"""Emergency and help-line numbers in a page's text become phone links, everywhere.

"Er der fare for liv, så ring 112" must call 112 when a citizen taps it on a phone, in every
language and on every page, however the sentence was written. The numbers are 112 and those
of content/data/helplines.yml; a number already inside a link, code or a script is left alone.
This runs before the glossary linker, which then never takes a number over.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markdown import Extension, Markdown
from markupsafe import Markup, escape

from recovery_college.outputs.textlinks import TextLinker
from recovery_college.school.models import HelpLines

EMERGENCY = "112"  # the European emergency number, on every page that names it


@dataclass(frozen=True)
class PhoneNumber:
    text: str  # as written in text: "70 201 201"
    tel: str  # as dialled: "+4570201201"


def phone_numbers(helplines: HelpLines) -> list[PhoneNumber]:
    found = {EMERGENCY: PhoneNumber(EMERGENCY, EMERGENCY)}
    for line in helplines.lines:
        found.setdefault(line.number, PhoneNumber(line.number, line.tel))
    return sorted(found.values(), key=lambda number: len(number.text), reverse=True)


class PhoneLinker(TextLinker):
    skip = frozenset({*TextLinker.skip, "bdi"})

    def __init__(self, md: Markdown, numbers: list[PhoneNumber]):
        super().__init__(md)
        self.numbers = {number.text: number for number in numbers}
        self.pattern = number_pattern(numbers)  # "1120" and "112a" are not 112

    def run(self, root: ET.Element) -> None:
        self.walk(root)

    def link(self, text: str) -> tuple[str, list[ET.Element]]:
        lead, last = text, 0
        made: list[ET.Element] = []
        for match in self.pattern.finditer(text):
            before = text[last : match.start()]
            if made:
                made[-1].tail = before
            else:
                lead = before
            number = self.numbers[match.group(1)]
            anchor = ET.Element("a", {"href": f"tel:{number.tel}"})
            # Kept left to right inside right-to-left text: "70 201 201", not "201 201 70".
            isolate = ET.SubElement(anchor, "bdi", {"dir": "ltr"})
            isolate.text = number.text
            made.append(anchor)
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return lead, made


class PhoneExtension(Extension):
    def __init__(self, numbers: list[PhoneNumber]):
        super().__init__()
        self.numbers = numbers

    def extendMarkdown(self, md: Markdown) -> None:
        # Before the glossary linker (5), so a number is a phone link and never a glossary term.
        md.treeprocessors.register(PhoneLinker(md, self.numbers), "rc-phones", 6)


def linked(text: str, numbers: list[PhoneNumber]) -> Markup:
    """Text for a template, escaped, with every number to call as a phone link: help-line
    texts ("Ved livsfare: ring 112") shown outside Markdown."""
    by_text = {number.text: number for number in numbers}
    pattern = number_pattern(numbers)
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        number = by_text[match.group(1)]
        parts.append(escape(text[last : match.start()]))
        parts.append(
            Markup('<a href="tel:{}"><bdi dir="ltr">{}</bdi></a>').format(number.tel, number.text)
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def number_pattern(numbers: list[PhoneNumber]) -> re.Pattern[str]:
    """The numbers in running text, not as part of a longer number, a date or a word."""
    alternatives = "|".join(re.escape(number.text) for number in numbers)
    return re.compile(rf"(?<![\w+\-/.,])({alternatives})(?![\w\-/]|[.,]\d)")
