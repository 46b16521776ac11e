"""Web and e-mail addresses in right-to-left text, isolated so they read left to right.

In an Arabic sentence, "انظر livslinien.dk." is laid out by the Unicode bidirectional
algorithm: the full stop after the address, or a path in it, can land on the wrong side and
the address reads garbled. Wrapping each address of a page's running text in
<bdi dir="ltr"> keeps it whole, left to right, with the punctuation around it in place.
Phone numbers get the same treatment where they become links (school/phones.py); names and
addresses from the data are isolated in the templates.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown

from recovery_college.outputs.textlinks import TextLinker

# An e-mail address, or a web address with or without https:// ("livslinien.dk",
# "bluesalmon.org.uk/side"): Latin letters, a dot and a top-level domain. A final full stop or
# comma belongs to the sentence.
ADDRESS = re.compile(
    r"(?<![\w@.\-/])"
    r"(?:[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
    r"|(?:https?://)?(?:[A-Za-z0-9\-]{2,}\.)+[a-z]{2,}(?:/[^\s<]*[^\s<.,;:!?)»])?)"
    r"(?![\w@\-])"
)


class AddressIsolator(TextLinker):
    """Puts every address in running text into <bdi dir="ltr">, outside links and code."""

    skip = frozenset({*TextLinker.skip, "bdi"})

    def run(self, root: ET.Element) -> None:
        self.walk(root)

    def link(self, text: str) -> tuple[str, list[ET.Element]]:
        lead, last = text, 0
        made: list[ET.Element] = []
        for match in ADDRESS.finditer(text):
            before = text[last : match.start()]
            if made:
                made[-1].tail = before
            else:
                lead = before
            isolate = ET.Element("bdi", {"dir": "ltr"})
            isolate.text = match.group(0)
            made.append(isolate)
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return lead, made


class AddressExtension(Extension):
    """For the pages of a right-to-left language."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the phone (6) and glossary (5) linkers, which read addresses as plain text.
        md.treeprocessors.register(AddressIsolator(md), "rc-addresses", 4)
