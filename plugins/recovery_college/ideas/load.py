"""Loading the booklet's sections and tables, and the checks that its numbering holds: ideas
1 to 100 each once, in the section whose range holds them, with related ideas that exist."""

from __future__ import annotations

from dataclasses import dataclass

from recovery_college.content.errors import ContentError
from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.content.yamlsource import LocatedYaml
from recovery_college.ideas.booklet import (
    FOLDER,
    IDEA_COUNT,
    SECTION_COUNT,
    SECTION_RANGES,
    Ideas,
    Section,
    Tables,
    section_for,
)


def load(loader: Loader, pages: Pages) -> Ideas | None:
    return load_ideas(loader)


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
            # The numbering across sections (missing and related ideas) needs every one.
            complete = False
            loader.skip(loader.display(path))
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
        low, high = SECTION_RANGES[belongs]
        message = loader.say(
            "idea %(number)s belongs in section %(belongs)s (ideas %(first)s to %(last)s), not in "
            "section %(section)s. Move it to %(file)s or correct the number.",
            number=number,
            belongs=belongs,
            first=low,
            last=high,
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
        low, high = SECTION_RANGES[belongs]
        _, located = sections[belongs]
        loader.error_at(
            located,
            ("groups",),
            loader.say(
                "idea %(number)s is missing. Section %(section)s holds ideas %(first)s to "
                "%(last)s; add idea %(number)s to one of its groups.",
                number=number,
                section=belongs,
                first=low,
                last=high,
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


KIND = Kind(
    name="ideas",
    load=load,
    files=(
        DataFile("ideas/section-*.yml", Section, "100 ideer: afsnit"),
        DataFile("ideas/tables.yml", Tables, "100 ideer: tabeller"),
    ),
)
