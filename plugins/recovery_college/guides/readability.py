"""LIX, the Danish readability index: words per sentence plus the share of long words.

Below 30 is very easy, 30-40 easy (everyday texts), 40-50 medium (newspapers), above 50 hard.
Guides for citizens should stay easy, so the build warns when one goes above a threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recovery_college.content.languages import DEFAULT_CONFIG, read_config
from recovery_college.content.loading import Project
from recovery_college.guides.models import EasyReadMeta

# An easy-read page (letlæst) must stay very easy: LIX 25 is children's books and easy news.
EASY_READ_LIX = 25
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def plain_text(markdown: str) -> str:
    """Markdown without what a reader does not read: link targets, markup, HTML comments."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[#.][^}]*\}", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    # Headings, list items and table rows end a sentence even without a full stop.
    lines = [line.strip(" #*->|") for line in text.splitlines()]
    return "\n".join(
        line if SENTENCE_END.search(line[-1:] or ".") else line + "." for line in lines if line
    )


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(1, self.sentences) + 100 * self.long_words / self.words


def lix(markdown: str) -> Lix:
    text = plain_text(markdown)
    words = WORD.findall(text)
    return Lix(len(words), len(SENTENCE_END.findall(text)), sum(len(w) > 6 for w in words))


@dataclass(frozen=True)
class PageScore:
    path: str
    lix: float
    words: int
    easy_read: bool = False  # an easy-read page, held to its own threshold


def scores(project: Project) -> list[PageScore]:
    """LIX of every Danish page, by path."""
    found = []
    for rel, page in sorted(project.pages[project.default.code].items()):
        score = lix(page.body)
        path = f"content/{project.default.code}/{rel}"
        easy = isinstance(page.meta, EasyReadMeta)
        found.append(PageScore(path, round(score.value, 1), score.words, easy))
    return found


def too_hard(
    project: Project, threshold: float, easy_threshold: float = EASY_READ_LIX
) -> list[PageScore]:
    """Guides above `threshold` and easy-read pages above `easy_threshold`."""
    guides = f"content/{project.default.code}/guides/"
    return [
        s
        for s in scores(project)
        if (s.easy_read and s.lix > easy_threshold)
        or (not s.easy_read and s.path.startswith(guides) and s.lix > threshold)
    ]


def lix_threshold(root: Path, default: float = 40) -> float:
    """The threshold set for the plugin in mkdocs.yml (`lix_threshold:`), or the default."""
    for plugin in read_config(root / DEFAULT_CONFIG).get("plugins") or []:
        if isinstance(plugin, dict) and "recovery-college" in plugin:
            return float((plugin["recovery-college"] or {}).get("lix_threshold", default))
    return default
