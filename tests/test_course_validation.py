"""Each mistake an editor can make in a term file gives its own line and a way to fix it."""

from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"


def edit(project: Path, old: str, new: str, rel: str = TERM) -> None:
    replace_once(project / rel, old, new)


def only_error(project: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    assert len(caught.value.errors) == 1, caught.value.report()
    return str(caught.value.errors[0])


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("course: cafe", "course: kafe", f"{TERM}:26:13:", 'there is no course "kafe"'),
        ("venue: kaelderen", "venue: loftet", f"{TERM}:27:12:", 'there is no venue "loftet"'),
        ('end: "15:00"', 'end: "12:00"', f"{TERM}:14:12:", "is not after the start time 13:00"),
        ("dates: [2026-11-26]", "dates: [2027-01-05]", f"{TERM}:30:7:", "outside the term"),
        (
            "id: cafe-2026e",
            "id: hab-2026e",
            f"{TERM}:25:9:",
            'offering id "hab-2026e" is already used',
        ),
        (
            "{name: Ali Kaya, role: peer}",
            "{name: Ali Kaya, role: professional}",
            f"{TERM}:34:7:",
            "no educator has role peer",
        ),
        (
            "link: https://example.org/tilmelding",
            "link: www.example.org",
            f"{TERM}:22:13:",
            '"www.example.org" is not a full link. Write it with https://',
        ),
        (
            "capacity: 12",
            "capacity: -1",
            f"{TERM}:18:15:",
            '"offerings[1].capacity" must be at least 0',
        ),
        (
            "places_left: 2",
            "places_left: 20",
            f"{TERM}:19:18:",
            "places_left (20) is more than the capacity (12)",
        ),
        (
            "closes: 2026-11-30",
            "closes: 2026-10-30",
            f"{TERM}:24:15:",
            "sign-up closes (2026-10-30) before it opens",
        ),
        (
            "opens: 2026-11-01",
            "opens: 2026-11-31",
            f"{TERM}:23:14:",
            '"2026-11-31" is not a real date',
        ),
        ('start: "13:00"', "start: 1300", f"{TERM}:13:14:", "write the time in double quotes"),
        ("room: Lokale 1", "room: Lokale 9", f"{TERM}:9:11:", '"Lokale 9" is not a room of Huset'),
    ],
)
def test_term_file_mistakes(project, old, new, where, words):
    edit(project, old, new)
    message = only_error(project)
    assert message.startswith(where), message
    assert words in message


def test_exception_allows_an_offering_without_a_peer(project):
    edit(project, "{name: Ali Kaya, role: peer}", "{name: Ali Kaya, role: professional}")
    edit(
        project,
        "    signup:\n      method: drop-in",
        "    co_production_exception: Gæsteforedrag\n    signup:\n      method: drop-in",
    )
    load_project(project)


def test_course_needs_a_danish_page(project):
    (project / "content/da/courses/cafe.md").unlink()
    message = only_error(project)
    assert message.startswith(f"{TERM}:26:13:")
    assert "content/da/courses/cafe.md does not exist" in message


def test_unknown_theme_on_a_course_page(project):
    edit(project, "themes: [relationer]", "themes: [sport]", "content/da/courses/cafe.md")
    message = only_error(project)
    assert message.startswith("content/da/courses/cafe.md:7:10:")
    assert 'the theme "sport" is not in content/data/themes.yml' in message
