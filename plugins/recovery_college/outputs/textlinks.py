"""A walk over the text of a page's Markdown tree that turns words into links.

The glossary (terms to their explanation) and the phone numbers (to tel: links) both put new
elements into running text, outside links, code and the like; each says what to skip and how
to split one piece of text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown.treeprocessors import Treeprocessor


class TextLinker(Treeprocessor):
    """Subclasses give `skip` (tags left alone with all they hold) and `link`."""

    skip: frozenset[str] = frozenset({"a", "code", "pre", "kbd", "script", "style"})

    def skipped(self, element: ET.Element) -> bool:
        return element.tag in self.skip

    def walk(self, element: ET.Element) -> None:
        if self.skipped(element):
            return
        if element.text:
            element.text, new = self.link(element.text)
            for offset, child in enumerate(new):
                element.insert(offset, child)
        for child in list(element):
            self.walk(child)
            if child.tail:
                child.tail, new = self.link(child.tail)
                position = list(element).index(child) + 1
                for offset, item in enumerate(new):
                    element.insert(position + offset, item)

    def link(self, text: str) -> tuple[str, list[ET.Element]]:
        """The text before the first new element, and the new elements with their tails."""
        raise NotImplementedError
