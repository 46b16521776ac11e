"""The words of a language's searchable pages, for the search page's "did you mean".

The index finds a word and its other forms, not a word spelled wrong: "angest" finds nothing
about "angst". When a query word finds nothing, the search page (assets/javascripts/search.js)
fetches `search/words.txt` and searches with the closest word in it instead. The list holds
the words of the indexed text (searchindex.py), those found on most pages first, so a tie goes
to the commoner word. It is fetched only when a word is not found, and kept small: short words
and numbers are left out (one wrong letter in a three-letter word is as likely another word),
and so are the rarest words beyond `MAX_WORDS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

FILE = Path("search") / "words.txt"
MAX_WORDS = 3000


def vocabulary(pages: Iterable[Iterable[str]]) -> list[str]:
    """The words of all pages (each page's distinct words), those on most pages first (then
    alphabetically), at most MAX_WORDS."""
    counts: Counter[str] = Counter()
    for words in pages:
        counts.update(words)
    return commonest(counts)


def commonest(counts: Counter[str]) -> list[str]:
    """The words by the number of pages they are on, most first (then alphabetically), at
    most MAX_WORDS."""
    return sorted(counts, key=lambda word: (-counts[word], word))[:MAX_WORDS]
