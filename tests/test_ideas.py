"""The 100 ideas: loaded with the rest of the content, and every mistake named by file and line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.ideas.booklet import SECTION_RANGES, Ideas
from recovery_college.ideas.views import decks, idea_of_the_week
from recovery_college.outputs.i18n import TIMEZONE
from support import REPO

IDEAS = REPO / "content" / "data" / "ideas"
FOLDER = "content/data/ideas"


@pytest.fixture
def school(project: Path) -> Path:
    """The fixture school with a copy of the real ideas, ready to be broken."""
    shutil.copytree(IDEAS, project / FOLDER)
    return project


def edit(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first `old` by `new`; return the line and column where `old` began."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the ideas changed: {old!r} is not in {path}"
    index = text.index(old)
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line, column


def position(path: Path, needle: str) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def messages(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    return [str(error) for error in caught.value.errors]


def test_the_real_ideas_load_in_the_booklets_order(school):
    ideas = load_project(school).part(Ideas)
    assert ideas is not None
    placed = ideas.all()
    assert [p.number for p in placed] == list(range(1, 101))
    assert [s.number for s in ideas.sections] == list(range(1, 10))
    for p in placed:
        first, last = SECTION_RANGES[p.section.number]
        assert first <= p.number <= last
    assert ideas.section(1).groups == [] and ideas.section(9).groups == []
    assert [i.number for i in ideas.section(2).groups[0].ideas] == [1, 2, 3, 4, 5, 6]
    assert len(ideas.tables.contrasts.rows) == 24
    assert len(ideas.tables.hope.rows) == 3


def test_a_school_without_ideas_gets_none(project):
    assert load_project(project).find(Ideas) is None


def test_an_idea_number_used_twice(school):
    path = school / FOLDER / "section-2.yml"
    first = position(path, "- number: 4\n")
    line, column = edit(path, "- number: 5\n", "- number: 4\n")
    found = messages(school)
    assert (
        f"{FOLDER}/section-2.yml:{line}:{column + 10}: idea 4 appears twice; it is also in "
        f"{FOLDER}/section-2.yml on line {first[0]}. Each number is used once: correct the "
        "number or delete one of them."
    ) in found
    groups = position(path, "  - id:")
    assert (
        f"{FOLDER}/section-2.yml:{groups[0]}:{groups[1] + 2}: idea 5 is missing. Section 2 "
        "holds ideas 1 to 21; add idea 5 to one of its groups."
    ) in found


def _move_last_idea(school: Path, source: str, target: str) -> None:
    """Cut the last idea of one file and paste it at the end of another's last group."""
    source_path, target_path = school / FOLDER / source, school / FOLDER / target
    text = source_path.read_text(encoding="utf-8")
    start = text.rindex("      - number: ")
    source_path.write_text(text[:start], encoding="utf-8")
    with target_path.open("a", encoding="utf-8") as handle:
        handle.write(text[start:])


def test_an_idea_in_the_wrong_section(school):
    _move_last_idea(school, "section-8.yml", "section-7.yml")
    line, column = position(school / FOLDER / "section-7.yml", "- number: 100")
    assert messages(school) == [
        f"{FOLDER}/section-7.yml:{line}:{column + 10}: idea 100 belongs in section 8 (ideas 98 "
        f"to 100), not in section 7. Move it to {FOLDER}/section-8.yml or correct the number."
    ]


def test_a_numbered_idea_in_a_section_without_ideas(school):
    path = school / FOLDER / "section-1.yml"
    edit(
        path,
        "groups: []",
        "groups:\n  - id: x\n    title: {da: X}\n    stem: {da: X}\n    ideas:\n",
    )
    _move_last_idea(school, "section-8.yml", "section-1.yml")
    line, column = position(path, "- number: 100")
    assert messages(school) == [
        f"{FOLDER}/section-1.yml:{line}:{column + 10}: idea 100 belongs in section 8 (ideas 98 "
        f"to 100), not in section 1. Move it to {FOLDER}/section-8.yml or correct the number."
    ]


def test_a_number_outside_the_booklet(school):
    line, column = edit(school / FOLDER / "section-8.yml", "- number: 100\n", "- number: 101\n")
    found = messages(school)
    assert (
        f'{FOLDER}/section-8.yml:{line}:{column + 10}: "groups[1].ideas[3].number" must be at '
        'most 100, found "101".'
    ) in found


def test_a_missing_idea(school):
    _move_last_idea(school, "section-8.yml", "section-8.yml")  # still valid
    path = school / FOLDER / "section-8.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("      - number: ")], encoding="utf-8")
    groups = position(path, "  - id:")
    found = messages(school)
    assert (
        f"{FOLDER}/section-8.yml:{groups[0]}:{groups[1] + 2}: idea 100 is missing. Section 8 "
        "holds ideas 98 to 100; add idea 100 to one of its groups."
    ) in found


def test_a_missing_section_file(school):
    (school / FOLDER / "section-5.yml").unlink()
    found = messages(school)
    assert (
        f"{FOLDER}/section-5.yml:1:1: section 5 of the booklet is missing. Create this file "
        'with "number", "title", "summary", "body" and "groups".'
    ) in found


def test_an_idea_related_to_itself(school):
    line, column = edit(
        school / FOLDER / "section-2.yml", "related: [3, 4, 57]", "related: [3, 1, 57]"
    )
    assert messages(school) == [
        f"{FOLDER}/section-2.yml:{line}:{column + 13}: idea 1 lists itself as related. "
        'Remove 1 from "related".'
    ]


def test_a_related_idea_that_does_not_exist(school):
    line, column = edit(
        school / FOLDER / "section-2.yml", "related: [3, 4, 57]", "related: [3, 4, 157]"
    )
    assert messages(school) == [
        f"{FOLDER}/section-2.yml:{line}:{column + 16}: idea 1 lists idea 157 as related, but "
        "there is no idea 157. Use numbers of existing ideas, 1 to 100."
    ]


def test_english_text_is_required(school):
    line, column = edit(
        school / FOLDER / "section-2.yml",
        '{da: "Samarbejde om selvhjælpsgrupper", en: "Working with voluntary groups on self-help", ',
        '{da: "Samarbejde om selvhjælpsgrupper", ',
    )
    assert messages(school) == [
        f'{FOLDER}/section-2.yml:{line}:{column}: "groups[1].ideas[1].title": the English text '
        'is missing. Add a line "en: ..." below "da:".'
    ]


def test_danish_text_is_required(school):
    line, column = edit(
        school / FOLDER / "section-2.yml",
        '{da: "Samarbejde om selvhjælpsgrupper", en: ',
        "{en: ",
    )
    assert messages(school) == [
        f'{FOLDER}/section-2.yml:{line}:{column}: "groups[1].ideas[1].title": the Danish text '
        'is missing. Add a line "da: ..." (Danish comes first).'
    ]


def test_every_text_of_an_idea_needs_both_languages(school):
    path = school / FOLDER / "section-3.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("        try_this_week:\n")
    english = text.index("          en: >-", start)
    end = text.index("        chime:", english)
    line, column = position(path, "        try_this_week:\n")
    path.write_text(text[:english] + text[end:], encoding="utf-8")
    assert messages(school) == [
        f'{FOLDER}/section-3.yml:{line + 1}:{column + 10}: "groups[1].ideas[1].try_this_week": '
        'the English text is missing. Add a line "en: ..." below "da:".'
    ]


def test_unknown_chime_process(school):
    line, column = edit(
        school / FOLDER / "section-2.yml",
        "chime: [connectedness, empowerment]",
        "chime: [connectedness, hobbies]",
    )
    [message] = messages(school)
    assert message.startswith(f"{FOLDER}/section-2.yml:{line}:{column + 23}:")
    assert '"hobbies"' in message and "'hope'" in message


def test_hope_table_rows_need_a_cell_per_column(school):
    path = school / FOLDER / "tables.yml"
    text = path.read_text(encoding="utf-8")
    cells = text.index("      cells:\n", text.index("hope:"))
    first_cell = text.index("        - da:", cells)
    second_cell = text.index("        - da:", first_cell + 1)
    line, column = position(path, "      cells:\n")
    path.write_text(text[:first_cell] + text[second_cell:], encoding="utf-8")
    assert messages(school) == [
        f"{FOLDER}/tables.yml:{line + 1}:{column + 8}: this row has 2 cells but the table has "
        "3 columns. Give every row one cell per column."
    ]


def test_idea_of_the_week_changes_on_monday_and_not_before():
    monday = dt.datetime(2026, 11, 23, 0, 5, tzinfo=TIMEZONE)
    sunday = dt.datetime(2026, 11, 29, 23, 55, tzinfo=TIMEZONE)
    assert idea_of_the_week(monday, 100) == idea_of_the_week(sunday, 100)
    assert idea_of_the_week(sunday + dt.timedelta(minutes=10), 100) != idea_of_the_week(sunday, 100)
    weeks = [idea_of_the_week(monday + dt.timedelta(weeks=n), 100) for n in range(100)]
    assert sorted(weeks) == list(range(1, 101)), "a hundred weeks show every idea once"


def test_decks_of_twenty_cards():
    assert decks(100) == [(1, 20), (21, 40), (41, 60), (61, 80), (81, 100)]
    assert decks(45) == [(1, 20), (21, 40), (41, 45)]
