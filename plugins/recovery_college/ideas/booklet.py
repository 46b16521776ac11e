"""Mike Slade's "100 ways to support recovery", retold in our own words, as checked data.

`content/data/ideas/section-<n>.yml` holds one of the booklet's nine sections, `tables.yml` its
two tables. The site keeps the booklet's numbering so staff can find an idea in the printed
booklet, so a missing, doubled or misplaced idea is an error with its line, not an odd page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ConfigDict, Field, field_validator

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

    model_config = ConfigDict(title="Tekst på dansk og engelsk")

    @field_validator("root")
    @classmethod
    def _english_too(cls, value: dict[str, str]) -> dict[str, str]:
        if "en" not in value:
            raise Problem('the English text is missing. Add a line "en: ..." below "da:".')
        return value


class Idea(Strict):
    model_config = ConfigDict(title="Idé")

    number: int = Field(
        ge=1,
        le=IDEA_COUNT,
        title="Nummer",
        description="Idéens nummer i hæftet, fra 1 til 100. Det skal høre til afsnittet.",
        examples=[1],
    )
    title: Bilingual = Field(
        title="Titel",
        description="Idéens overskrift. Dansk og engelsk skal være med.",
        examples=[{"da": "Samarbejde om selvhjælpsgrupper", "en": "Working with self-help groups"}],
    )
    text: Bilingual = Field(
        title="Tekst",
        description="Idéen fortalt med egne ord i få sætninger. Dansk og engelsk skal være med.",
        examples=[
            {
                "da": "Medarbejdere kan gå sammen med frivillige foreninger om at starte grupper.",
                "en": "Staff can team up with voluntary organisations to start groups.",
            }
        ],
    )
    example: Bilingual = Field(
        title="Eksempel",
        description="Et kort eksempel fra hverdagen på, hvordan idéen kan se ud.",
        examples=[
            {
                "da": "Tilbyd at ringe til gruppen sammen med personen.",
                "en": "Offer to call the group together.",
            }
        ],
    )
    try_this_week: Bilingual = Field(
        title="Prøv i denne uge",
        description="Én lille ting, en medarbejder kan prøve i denne uge.",
        examples=[
            {
                "da": "Find tre lokale selvhjælpsgrupper, og skriv dem på en liste.",
                "en": "Find three local self-help groups and put them on a list.",
            }
        ],
    )
    chime: list[Chime] = Field(
        min_length=1,
        title="Recovery-processer (CHIME)",
        description="De recovery-processer, idéen især støtter. Mindst én.",
        examples=[["connectedness"]],
    )
    related: list[int] = Field(
        default_factory=list,
        title="Beslægtede idéer",
        description="Numrene på andre idéer, der hænger sammen med denne.",
        examples=[[2, 15]],
    )
    tools: list[NonEmpty] = Field(
        default_factory=list,
        title="Redskaber",
        description="Navne på metoder eller redskaber, der passer til idéen. Kan udelades.",
        examples=[["Intentional Peer Support"]],
    )

    def has(self, lang: str) -> bool:
        """Whether the idea is written in this language (else the Danish text is shown)."""
        return all(
            text.has(lang) for text in (self.title, self.text, self.example, self.try_this_week)
        )


class Group(Strict):
    """A run of ideas under one heading, introduced by the booklet's stem ("Staff can ... by:")."""

    model_config = ConfigDict(title="Gruppe af idéer")

    id: NonEmpty = Field(
        title="Id",
        description="Gruppens nummer i hæftet i anførselstegn: afsnittets nummer, punktum "
        "og gruppens nummer.",
        examples=["2.1"],
    )
    title: Localized = Field(
        title="Overskrift",
        description="Gruppens overskrift.",
        examples=[{"da": "Støtte fra peers"}],
    )
    stem: Localized = Field(
        title="Indledning",
        description="Den halve sætning, som idéerne fortsætter, og som slutter med kolon.",
        examples=[
            {"da": "Medarbejdere kan styrke støtten mellem mennesker med egne erfaringer ved at:"}
        ],
    )
    ideas: list[Idea] = Field(
        default_factory=list,
        title="Idéer",
        description="Idéerne i gruppen, i hæftets rækkefølge.",
        examples=[
            [
                {
                    "number": 1,
                    "title": {"da": "Selvhjælpsgrupper", "en": "Self-help groups"},
                    "text": {"da": "Start grupper sammen med foreninger.", "en": "Start groups."},
                    "example": {"da": "Ring sammen til gruppen.", "en": "Call together."},
                    "try_this_week": {"da": "Find tre grupper.", "en": "Find three groups."},
                    "chime": ["connectedness"],
                }
            ]
        ],
    )


class Section(Strict):
    """content/data/ideas/section-<n>.yml: one section of the booklet."""

    model_config = ConfigDict(title="Afsnit af hæftet")

    number: int = Field(
        ge=1,
        le=SECTION_COUNT,
        title="Nummer",
        description="Afsnittets nummer i hæftet, fra 1 til 9. Det samme som i filnavnet.",
        examples=[2],
    )
    title: Localized = Field(
        title="Titel",
        description="Afsnittets overskrift.",
        examples=[{"da": "Relationernes centrale betydning"}],
    )
    summary: Localized = Field(
        title="Kort om afsnittet",
        description="Én eller to sætninger om, hvad afsnittet handler om.",
        examples=[{"da": "Ingen kommer sig alene. Afsnittet har 21 idéer om relationer."}],
    )
    body: Localized = Field(
        title="Tekst",
        description="Afsnittets tekst med egne ord. Lav en tom linje mellem afsnittene.",
        examples=[{"da": "Afsnittet handler om tre slags relationer."}],
    )
    groups: list[Group] = Field(
        default_factory=list,
        title="Grupper af idéer",
        description="Afsnittets grupper med deres idéer. Afsnit 1 og 9 har ingen.",
        examples=[
            [
                {
                    "id": "2.1",
                    "title": {"da": "Støtte fra peers"},
                    "stem": {"da": "Medarbejdere kan ... ved at:"},
                }
            ]
        ],
    )


class Contrast(Strict):
    model_config = ConfigDict(title="Række i tabellen")

    traditional: Localized = Field(
        title="Traditionel tilgang",
        description="Sådan ser den traditionelle tilgang på det. Kort, gerne få ord.",
        examples=[{"da": "Handler om kontrol"}],
    )
    recovery: Localized = Field(
        title="Recovery-orienteret tilgang",
        description="Sådan ser en recovery-orienteret tilgang på det samme.",
        examples=[{"da": "Handler om valg"}],
    )


class ContrastTable(Strict):
    model_config = ConfigDict(title="Tabel: traditionel og recovery-orienteret tilgang")

    caption: Localized = Field(
        title="Overskrift",
        description="Tabellens overskrift.",
        examples=[{"da": "Forskelle mellem en traditionel og en recovery-orienteret tilgang"}],
    )
    section: int = Field(
        ge=1,
        le=SECTION_COUNT,
        title="Afsnit",
        description="Nummeret på det afsnit, tabellen står i, fra 1 til 9.",
        examples=[1],
    )
    rows: list[Contrast] = Field(
        min_length=1,
        title="Rækker",
        description="Tabellens rækker. Mindst én.",
        examples=[
            [
                {
                    "traditional": {"da": "Diagnose"},
                    "recovery": {"da": "Den mening, personen selv finder"},
                }
            ]
        ],
    )


class HopeRow(Strict):
    model_config = ConfigDict(title="Række i tabellen")

    heading: Localized = Field(
        title="Overskrift",
        description="Rækkens overskrift i første kolonne.",
        examples=[{"da": "Medarbejdernes værdier"}],
    )
    cells: list[Localized] = Field(
        min_length=1,
        title="Celler",
        description="Teksten i hver kolonne, i samme rækkefølge som kolonnerne.",
        examples=[[{"da": "Se personen som et enestående menneske."}]],
    )


class HopeTable(Strict):
    model_config = ConfigDict(title="Tabel: sådan kan medarbejdere skabe håb")

    caption: Localized = Field(
        title="Overskrift",
        description="Tabellens overskrift.",
        examples=[{"da": "Sådan kan medarbejdere skabe håb"}],
    )
    section: int = Field(
        ge=1,
        le=SECTION_COUNT,
        title="Afsnit",
        description="Nummeret på det afsnit, tabellen står i, fra 1 til 9.",
        examples=[4],
    )
    columns: list[Localized] = Field(
        min_length=1,
        title="Kolonner",
        description="Kolonnernes overskrifter, efter rækkernes egen overskrift.",
        examples=[[{"da": "Ressourcer i relationen"}, {"da": "Personens egne ressourcer"}]],
    )
    rows: list[HopeRow] = Field(
        min_length=1,
        title="Rækker",
        description="Tabellens rækker. Mindst én.",
        examples=[
            [{"heading": {"da": "Medarbejdernes værdier"}, "cells": [{"da": "Tro på personen."}]}]
        ],
    )


class Tables(Strict):
    """content/data/ideas/tables.yml: the booklet's two tables, each shown in its section."""

    model_config = ConfigDict(title="Hæftets tabeller")

    contrasts: ContrastTable | None = Field(
        default=None,
        title="Traditionel og recovery-orienteret tilgang",
        description="Tabellen, der stiller de to tilgange over for hinanden. Kan udelades.",
        examples=[
            {
                "caption": {"da": "Forskelle mellem to tilgange"},
                "section": 1,
                "rows": [{"traditional": {"da": "Kontrol"}, "recovery": {"da": "Valg"}}],
            }
        ],
    )
    hope: HopeTable | None = Field(
        default=None,
        title="Sådan kan medarbejdere skabe håb",
        description="Tabellen om håb. Kan udelades.",
        examples=[
            {
                "caption": {"da": "Sådan kan medarbejdere skabe håb"},
                "section": 4,
                "columns": [{"da": "Ressourcer i relationen"}],
                "rows": [
                    {
                        "heading": {"da": "Medarbejdernes værdier"},
                        "cells": [{"da": "Tro på personen."}],
                    }
                ],
            }
        ],
    )


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
