"""Mike Slade's "100 ways to support recovery", retold in our own words, as checked data.

`content/data/ideas/section-<n>.yml` holds one of the booklet's nine sections, `tables.yml` its
two tables. The site keeps the booklet's numbering so staff can find an idea in the printed
booklet, so a missing, doubled or misplaced idea is an error with its line, not an odd page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, field_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Chime, Localized, NonEmpty, Strict

FOLDER = Path("content") / "data" / "ideas"
SECTION_COUNT = 9
IDEA_COUNT = 100

# Which ideas each section of the booklet holds; sections 1 and 9 are text only.
SECTION_RANGES: dict[int, tuple[int, int]] = {
    2: (1, 21),
    3: (22, 29),
    4: (30, 42),
    5: (43, 45),
    6: (46, 85),
    7: (86, 97),
    8: (98, 100),
}


@dataclass(frozen=True)
class Credit:
    """The booklet the ideas are retold from; named on every idea page and card."""

    author: str = "Mike Slade"
    title: str = "100 ways to support recovery: a guide for mental health professionals"
    short_title: str = "100 ways to support recovery"
    publisher: str = "Rethink"
    year: int = 2009
    danish_title: str = "100 måder at støtte recovery på"
    danish_publisher: str = "Socialstyrelsen / Videnscenter for Socialpsykiatri"


CREDIT = Credit()


class Bilingual(Localized):
    """An idea's own words: Danish and English are both required; other languages fall back."""

    @field_validator("root")
    @classmethod
    def _english_too(cls, value: dict[str, str]) -> dict[str, str]:
        if "en" not in value:
            raise Problem('the English text is missing. Add a line "en: ..." below "da:".')
        return value


class Idea(Strict):
    number: int = Field(ge=1, le=IDEA_COUNT)
    title: Bilingual
    text: Bilingual
    example: Bilingual
    try_this_week: Bilingual
    chime: list[Chime] = Field(min_length=1)
    related: list[int] = Field(default_factory=list)
    tools: list[NonEmpty] = Field(default_factory=list)

    def has(self, lang: str) -> bool:
        """Whether the idea is written in this language (else the Danish text is shown)."""
        return all(
            text.has(lang) for text in (self.title, self.text, self.example, self.try_this_week)
        )


class Group(Strict):
    """A run of ideas under one heading, introduced by the booklet's stem ("Staff can ... by:")."""

    id: NonEmpty
    title: Localized
    stem: Localized
    ideas: list[Idea] = Field(default_factory=list)


class Section(Strict):
    """content/data/ideas/section-<n>.yml: one section of the booklet."""

    number: int = Field(ge=1, le=SECTION_COUNT)
    title: Localized
    summary: Localized
    body: Localized
    groups: list[Group] = Field(default_factory=list)


class Contrast(Strict):
    traditional: Localized
    recovery: Localized


class ContrastTable(Strict):
    caption: Localized
    section: int = Field(ge=1, le=SECTION_COUNT)
    rows: list[Contrast] = Field(min_length=1)


class HopeRow(Strict):
    heading: Localized
    cells: list[Localized] = Field(min_length=1)


class HopeTable(Strict):
    caption: Localized
    section: int = Field(ge=1, le=SECTION_COUNT)
    columns: list[Localized] = Field(min_length=1)
    rows: list[HopeRow] = Field(min_length=1)


class Tables(Strict):
    """content/data/ideas/tables.yml: the booklet's two tables, each shown in its section."""

    contrasts: ContrastTable | None = None
    hope: HopeTable | None = None


@dataclass(frozen=True)
class PlacedIdea:
    """An idea with the section and group it stands in."""

    idea: Idea
    section: Section
    group: Group

    @property
    def number(self) -> int:
        return self.idea.number


@dataclass
class Ideas:
    sections: list[Section]
    tables: Tables = field(default_factory=Tables)

    def all(self) -> list[PlacedIdea]:
        """Every idea in the booklet's order."""
        found = [
            PlacedIdea(idea, section, group)
            for section in self.sections
            for group in section.groups
            for idea in group.ideas
        ]
        return sorted(found, key=lambda placed: placed.number)

    def section(self, number: int) -> Section:
        return next(s for s in self.sections if s.number == number)


def section_for(number: int) -> int | None:
    """The section of the booklet an idea number belongs to."""
    for section, (first, last) in SECTION_RANGES.items():
        if first <= number <= last:
            return section
    return None
