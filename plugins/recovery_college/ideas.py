"""Mike Slade's "100 ways to support recovery", retold in our own words, as checked data.

`content/data/ideas/section-<n>.yml` holds one of the booklet's nine sections, `tables.yml` its
two tables. The site keeps the booklet's numbering so staff can find an idea in the printed
booklet, so a missing, doubled or misplaced idea is an error with its line, not an odd page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from .errors import ContentError
from .messages import Problem
from .models import Chime, Localized, NonEmpty, Strict
from .yamlsource import LocatedYaml

if TYPE_CHECKING:
    from .content import Loader

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


@dataclass
class _Seen:
    located: LocatedYaml
    where: tuple
    section: int


def load_ideas(loader: Loader) -> Ideas | None:
    """The sections and tables, or None for a school that does not publish the ideas."""
    folder = loader.root / FOLDER
    if not folder.is_dir():
        return None
    sections: list[tuple[Section, LocatedYaml]] = []
    complete = True
    for path in sorted(folder.glob("section-*.yml")):
        section, located = loader.data_file(path, Section)
        if section is None:
            complete = False
            continue
        sections.append((section, located))
    numbers = _check_sections(loader, sections, complete)
    _check_related(loader, sections, numbers, complete)
    tables = Tables()
    tables_path = folder / "tables.yml"
    if tables_path.exists():
        loaded, located = loader.data_file(tables_path, Tables)
        if loaded is not None:
            tables = loaded
            _check_tables(loader, loaded, located)
    unique = {section.number: section for section, _ in sections}
    return Ideas(sections=[unique[n] for n in sorted(unique)], tables=tables)


def _check_sections(
    loader: Loader, sections: list[tuple[Section, LocatedYaml]], complete: bool
) -> dict[int, _Seen]:
    """Each section once; each idea once, in the section whose range holds it."""
    seen_sections: dict[int, tuple[Section, LocatedYaml]] = {}
    seen_groups: dict[str, str] = {}
    seen: dict[int, _Seen] = {}
    for section, located in sections:
        if section.number in seen_sections:
            loader.error_at(
                located,
                ("number",),
                loader.say(
                    "section %(number)s is already in %(file)s. "
                    "Give each file its own section number.",
                    number=section.number,
                    file=seen_sections[section.number][1].path,
                ),
            )
            continue
        seen_sections[section.number] = (section, located)
        for g, group in enumerate(section.groups):
            if group.id in seen_groups:
                loader.error_at(
                    located,
                    ("groups", g, "id"),
                    loader.say(
                        'the group id "%(id)s" is already used in %(file)s. '
                        "Give each group its own id.",
                        id=group.id,
                        file=seen_groups[group.id],
                    ),
                )
            seen_groups[group.id] = located.path
            for i, idea in enumerate(group.ideas):
                where = ("groups", g, "ideas", i)
                _check_placement(loader, located, where, section.number, idea.number, seen)
    if complete:
        _check_complete(loader, seen_sections, seen)
    return seen


def _check_placement(
    loader: Loader,
    located: LocatedYaml,
    where: tuple,
    section: int,
    number: int,
    seen: dict[int, _Seen],
) -> None:
    if number in seen:
        first = seen[number]
        line, _ = first.located.locate((*first.where, "number"))
        loader.error_at(
            located,
            (*where, "number"),
            loader.say(
                "idea %(number)s appears twice; it is also in %(file)s on line %(line)s. "
                "Each number is used once: correct the number or delete one of them.",
                number=number,
                file=first.located.path,
                line=line,
            ),
        )
        return
    seen[number] = _Seen(located, where, section)
    belongs = section_for(number)
    if belongs == section:
        return
    file = f"{FOLDER.as_posix()}/section-{belongs}.yml"
    if belongs is None:
        message = loader.say(
            "there is no idea %(number)s (the booklet has ideas 1 to %(count)s), not in section "
            "%(section)s. Move it to %(file)s or correct the number.",
            number=number,
            count=IDEA_COUNT,
            section=section,
            file=file,
        )
    else:
        first, last = SECTION_RANGES[belongs]
        message = loader.say(
            "idea %(number)s belongs in section %(belongs)s (ideas %(first)s to %(last)s), not in "
            "section %(section)s. Move it to %(file)s or correct the number.",
            number=number,
            belongs=belongs,
            first=first,
            last=last,
            section=section,
            file=file,
        )
    loader.error_at(located, (*where, "number"), message)


def _check_complete(
    loader: Loader,
    sections: dict[int, tuple[Section, LocatedYaml]],
    seen: dict[int, _Seen],
) -> None:
    for number in range(1, SECTION_COUNT + 1):
        if number not in sections:
            loader.errors.append(
                ContentError(
                    (FOLDER / f"section-{number}.yml").as_posix(),
                    1,
                    1,
                    loader.say(
                        "section %(number)s of the booklet is missing. Create this file with "
                        '"number", "title", "summary", "body" and "groups".',
                        number=number,
                    ),
                )
            )
    for number in range(1, IDEA_COUNT + 1):
        if number in seen:
            continue
        belongs = section_for(number)
        if belongs not in sections:
            continue  # the missing section file is reported once, above
        first, last = SECTION_RANGES[belongs]
        _, located = sections[belongs]
        loader.error_at(
            located,
            ("groups",),
            loader.say(
                "idea %(number)s is missing. Section %(section)s holds ideas %(first)s to "
                "%(last)s; add idea %(number)s to one of its groups.",
                number=number,
                section=belongs,
                first=first,
                last=last,
            ),
        )


def _check_related(
    loader: Loader,
    sections: list[tuple[Section, LocatedYaml]],
    numbers: dict[int, _Seen],
    complete: bool,
) -> None:
    """Related ideas exist and are others; existence is only known once every file is valid."""
    for section, located in sections:
        for g, group in enumerate(section.groups):
            for i, idea in enumerate(group.ideas):
                listed: set[int] = set()
                for r, other in enumerate(idea.related):
                    where = ("groups", g, "ideas", i, "related", r)
                    if other == idea.number:
                        loader.error_at(
                            located,
                            where,
                            loader.say(
                                "idea %(number)s lists itself as related. Remove %(other)s from "
                                '"related".',
                                number=idea.number,
                                other=other,
                            ),
                        )
                    elif complete and other not in numbers:
                        loader.error_at(
                            located,
                            where,
                            loader.say(
                                "idea %(number)s lists idea %(other)s as related, but there is no "
                                "idea %(other)s. Use numbers of existing ideas, 1 to %(count)s.",
                                number=idea.number,
                                other=other,
                                count=IDEA_COUNT,
                            ),
                        )
                    elif other in listed:
                        loader.error_at(
                            located,
                            where,
                            loader.say(
                                'idea %(other)s is listed twice in "related". Remove one of them.',
                                other=other,
                            ),
                        )
                    listed.add(other)


def _check_tables(loader: Loader, tables: Tables, located: LocatedYaml) -> None:
    if tables.hope is None:
        return
    width = len(tables.hope.columns)
    for r, row in enumerate(tables.hope.rows):
        if len(row.cells) != width:
            loader.error_at(
                located,
                ("hope", "rows", r, "cells"),
                loader.say(
                    "this row has %(cells)s cells but the table has %(columns)s columns. "
                    "Give every row one cell per column.",
                    cells=len(row.cells),
                    columns=width,
                ),
            )
