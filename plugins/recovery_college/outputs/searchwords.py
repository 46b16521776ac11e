"""The words of a language's searchable pages, for the search page's "did you mean".

Pagefind finds the start of a word, not a word spelled wrong: "angest" finds nothing about
"angst". When a query word finds nothing, the search page (assets/javascripts/search.js)
fetches `search/words.txt` and searches with the closest word in it instead. The list holds
the words of the text Pagefind indexes (inside `data-pagefind-body`, outside
`data-pagefind-ignore`), those found on most pages first, so a tie goes to the commoner word.
It is fetched only when a word is not found, and kept small: short words and numbers are left
out (one wrong letter in a three-letter word is as likely another word), and so are the
rarest words beyond `MAX_WORDS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from recovery_college.outputs.feature import Feature
from recovery_college.outputs.pagecache import ByContent

MIN_LENGTH = 4
FILE = Path("search") / "words.txt"
CACHE = Path(".cache") / f"searchwords-{MIN_LENGTH}"  # each page's words (pagecache.py)
MAX_WORDS = 3000
_WORD = re.compile(r"[^\W\d_]+")
_VOID = frozenset(  # elements without an end tag
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)


class _IndexedText(HTMLParser):
    """Collects the text Pagefind indexes on one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, inside the body, ignored
        self.parts: list[str] = []

    def _state(self) -> tuple[bool, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        names = {name for name, _ in attrs}
        body, ignored = self._state()
        self.stack.append(
            (tag, body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names)
        )

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate an end tag left out
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        body, ignored = self._state()
        if body and not ignored:
            self.parts.append(data)


def page_words(html: str) -> set[str]:
    """The distinct words (lower case, without Arabic short vowels) a page has in its index.

    Only the page from its first `data-pagefind-body` element on is parsed: what comes before
    (the header and the sidebars, four fifths of a page's bytes) is never indexed, and half
    the pages (later list pages, untranslated ones) have no such element at all. The templates
    put `data-pagefind-ignore` only inside that element, so nothing that applies is cut off."""
    start = html.find("data-pagefind-body")
    if start < 0:
        return set()
    parser = _IndexedText()
    parser.feed(html[html.rfind("<", 0, start) :])
    text = unicodedata.normalize("NFC", " ".join(parser.parts).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return {w for w in _WORD.findall(text) if len(w) >= MIN_LENGTH}


def vocabulary(pages: Iterable[set[str] | list[str]]) -> list[str]:
    """The words of all pages (each page's `page_words`), those on most pages first (then
    alphabetically), at most MAX_WORDS."""
    counts: Counter[str] = Counter()
    for words in pages:
        counts.update(words)
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return ranked[:MAX_WORDS]


class SearchWordsFeature(Feature):
    """Writes `search/words.txt` for this language from the pages it built.

    Not in a preview (`recovery-college serve`): it has no Pagefind index, so its search page
    never gets as far as asking for the list, and reading every page back for it was a fifth
    of each rebuild (0.2 s of the example site's 1.1)."""

    def post_build(self, site_dir: Path) -> None:
        if self.ctx.preview:
            return
        others = {lang.prefix.strip("/") for lang in self.ctx.project.languages} - {""}
        cache = self.ctx.project.root / CACHE / f"{self.ctx.lang}.marshal"
        words = ByContent(cache, lambda html: sorted(page_words(html)))
        pages = [
            words(path.read_bytes())
            for path in sorted(site_dir.rglob("*.html"))
            if path.relative_to(site_dir).parts[0] not in others
        ]
        words.save()
        target = site_dir / FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(vocabulary(pages)) + "\n", encoding="utf-8")
