"""What `recovery-college check` tells an editor: every independent problem in one run, each
at its file:line:column with its real cause, and, where one problem hides others, that it does.

The cases are the mistakes school staff made in issue #15: a bad date that hid a bad venue,
four errors that hid a mistyped course id, a space in a mailto: link, one space of indentation
too many, and `chime: håb` in a course page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_college.cli import main
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"
SPRING = "content/data/terms/2026-foraar.yml"
COURSE = "content/da/courses/hab.md"
PRIVACY = "content/da/privatliv.md"
VENUES = "content/data/venues.yml"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines `recovery-college check` writes for a school with problems."""
    assert main(["--root", str(root), "check"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.splitlines()


def in_danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Danish PC: LANG=da_DK.UTF-8 and nothing that overrides it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    replace_once(root / rel, old, new)


def summary(count: int) -> str:
    noun = "problem" if count == 1 else "problems"
    return f"Found {count} {noun} in the content. Nothing was published; fix them and build again."


# --- Every independent problem in one run ---------------------------------------------------


def test_a_date_that_does_not_exist_does_not_hide_an_unknown_venue(project, capsys):
    edit(project, TERM, "dates: [2026-11-26]", "dates: [2026-11-31]")
    edit(project, TERM, "venue: huset", "venue: husett")
    assert check(project, capsys) == [
        f'{TERM}:8:12: there is no venue "husett" in content/data/venues.yml. Known venues: '
        "huset, kaelderen. Did you mean huset?",
        f'{TERM}:30:15: "2026-11-31" is not a real date. Write an existing date as YYYY-MM-DD, '
        "for example 2027-02-28.",
        summary(2),
    ]


def test_a_bad_date_and_an_unknown_venue_in_the_same_offering(project, capsys):
    edit(project, TERM, "first: 2026-12-01", "first: 2026-12-32")
    edit(project, TERM, "venue: huset", "venue: husett")
    report = check(project, capsys)
    assert report[0].startswith(f'{TERM}:8:12: there is no venue "husett"')
    assert report[1].startswith(f'{TERM}:12:23: "2026-12-32" is not a real date.')
    assert report[2:] == [summary(2)]


def test_a_date_in_words_does_not_hide_the_next_offerings_venue(project, capsys):
    edit(project, TERM, "opens: 2026-11-01", "opens: 1. november")
    edit(project, TERM, "venue: kaelderen", "venue: kaeldern")
    assert check(project, capsys) == [
        f'{TERM}:23:14: "offerings[1].signup.opens" must be a date written as YYYY-MM-DD, '
        'found "1. november".',
        f'{TERM}:27:12: there is no venue "kaeldern" in content/data/venues.yml. Known venues: '
        "huset, kaelderen. Did you mean kaelderen?",
        summary(2),
    ]


def test_several_mistakes_do_not_hide_a_mistyped_course_id(project, capsys):
    edit(project, TERM, "capacity: 12", "capacity: tolv")
    edit(project, TERM, "role: professional", "role: prof")
    edit(project, TERM, "places_left: 2", "places_left: -1")
    edit(project, TERM, "method: drop-in", "method: dropin")
    edit(project, TERM, "course: cafe", "course: kafe")  # in the offering with "dropin"
    assert check(project, capsys) == [
        f'{TERM}:17:34: "offerings[1].educators[2].role" is "prof"; allowed: \'peer\' – '
        "Peer-underviser (egen erfaring), 'relative' – Pårørendeunderviser (erfaring som "
        "pårørende) or 'professional' – Fagprofessionel underviser. Did you mean professional?",
        f'{TERM}:18:15: "offerings[1].capacity" must be a whole number, found "tolv".',
        f'{TERM}:19:18: "offerings[1].places_left" must be at least 0, found "-1".',
        f'{TERM}:26:13: there is no course "kafe": content/da/courses/kafe.md does not exist. '
        "Check the spelling or write that course page first. Did you mean cafe?",
        f'{TERM}:36:15: "offerings[2].signup.method" is "dropin"; allowed: \'form\' – Skolens '
        "formular, 'email' – E-mail, 'phone' – Telefon or 'drop-in' – Ingen tilmelding: bare "
        "mød op. Did you mean drop-in?",
        summary(5),
    ]


def test_mistakes_in_two_term_files_and_a_page_come_together(project, capsys):
    edit(project, TERM, "course: cafe", "course: kafe")
    edit(project, SPRING, "venue: huset", "venue: hus")
    edit(project, PRIVACY, "title: Privatliv", "titel: Privatliv")
    report = check(project, capsys)
    assert [line.split(": ", 1)[0] for line in report[:-1]] == [
        f"{PRIVACY}:2:1",
        f"{TERM}:26:13",
        f"{SPRING}:8:12",
    ]
    assert report[-1] == summary(3)


# --- Messages that name the real cause ------------------------------------------------------


def test_a_space_in_an_email_link_is_named_as_a_space(project, capsys):
    edit(project, TERM, "link: mailto:skolen@example.org", 'link: "mailto:kontakt @skole.dk"')
    assert check(project, capsys) == [
        f'{TERM}:49:13: "offerings[3].signup.link": the e-mail link "mailto:kontakt @skole.dk" '
        "has a space in it; an e-mail address has none. Write mailto:kontakt@skole.dk.",
        summary(1),
    ]


def test_links_in_a_page_with_a_space_letters_or_spaces_in_a_number(project, capsys):
    (project / PRIVACY).write_text(
        "---\ntitle: Privatliv\n---\n\n"
        "Skriv til [os](mailto:kontakt @skole.dk).\n"
        "Ring [her](tel:+45 1122 3344) eller [her](tel:skolen).\n"
        "Læs [mere](https://example.org/en side).\n",
        encoding="utf-8",
    )
    assert check(project, capsys) == [
        f'{PRIVACY}:5:16: the e-mail link "mailto:kontakt @skole.dk" has a space in it; an '
        "e-mail address has none. Write mailto:kontakt@skole.dk.",
        f'{PRIVACY}:6:12: the phone link "tel:+45 1122 3344" has spaces in it. Write the number '
        "without spaces: tel:+4511223344.",
        f'{PRIVACY}:6:43: the phone link "tel:skolen" has letters in it. Write tel: and the '
        "number in digits, such as tel:+4512345678.",
        f'{PRIVACY}:7:12: the link "https://example.org/en side" has a space or a line break in '
        "it. Write it without spaces (a space in a web address is written %20).",
        summary(4),
    ]


def test_a_link_with_a_title_is_not_a_link_with_a_space(project):
    (project / PRIVACY).write_text(
        '---\ntitle: Privatliv\n---\n\nSe [kort](https://example.org/kort "Kortet").\n',
        encoding="utf-8",
    )
    assert main(["--root", str(project), "check"]) == 0


def test_one_space_too_many_is_named_as_indentation(project, capsys):
    edit(project, TERM, "    room: Lokale 1", "     room: Lokale 1")
    assert check(project, capsys) == [
        f"{TERM}:9:6: this line starts in column 6, the line above (line 8) in column "
        "5. Lines at the same level must start in the same column: add or remove "
        "spaces so they line up.",
        f"The rest of {TERM} could not be read because of the problem above, so it was not "
        "checked; fix it and run again.",
        summary(1),
    ]


def test_one_space_too_few_is_named_as_indentation(project, capsys):
    edit(project, TERM, "    venue: huset", "   venue: huset")
    report = check(project, capsys)
    assert report[0] == (
        f"{TERM}:8:4: this line starts in column 4, the line above (line 7) in column "
        "5. Lines at the same level must start in the same column: add or remove "
        "spaces so they line up."
    )


def test_an_indented_field_in_front_matter_counts_lines_in_the_page(project, capsys):
    edit(project, COURSE, "summary: Et kursus om håb.", "  summary: Et kursus om håb.")
    report = check(project, capsys)
    assert report[0] == (
        f"{COURSE}:3:3: this line starts in column 3, the line above (line 2) in column "
        "1. Lines at the same level must start in the same column: add or remove "
        "spaces so they line up."
    )
    assert "there is no course" not in "\n".join(report)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    capacity: 12",
            "\tcapacity: 12",
            f"{TERM}:18:1: there is a tab character here. YAML files are indented with spaces "
            "only: delete the tab and type spaces instead.",
        ),
        (
            "    capacity: 12",
            "    capacity:12",
            f'{TERM}:18:14: there must be a space after the colon in "capacity:12". Write '
            '"capacity: 12".',
        ),
        (
            '      start: "13:00"',
            '      start: "13:00',
            f'{TERM}:13:14: the quote " that begins here is not closed. Add " at the end of the '
            "value.",
        ),
        (
            "name: {da: Efterår 2026, en: Autumn 2026}",
            "name: Efterår 2026: august til december",
            f'{TERM}:2:7: the value of "name" has a colon and a space in it (": "), which YAML '
            "reads as the start of a new field. Put the whole value in double quotes: name: "
            '"Efterår 2026: august til december"',
        ),
    ],
    ids=["tab", "no space after colon", "unclosed quote", "colon in a value"],
)
def test_common_yaml_slips_are_named(project, capsys, old, new, expected):
    edit(project, TERM, old, new)
    assert check(project, capsys)[0] == expected


def test_a_number_in_a_text_field_says_what_yaml_made_of_it(project, capsys):
    edit(project, TERM, "room: Lokale 1", "room: 12")
    assert check(project, capsys) == [
        f'{TERM}:9:11: "offerings[1].room" must be text, but YAML reads 12 as a number. Put it '
        'in double quotes: "12".',
        summary(1),
    ]


# --- One mistake, one message: no echoes elsewhere ------------------------------------------


def test_a_danish_word_for_a_chime_id_lists_the_ids_with_their_names(project, capsys):
    edit(project, COURSE, "chime: [hope]", "chime: håb")
    assert check(project, capsys) == [
        f'{COURSE}:6:8: "chime" must be a list in square brackets, such as chime: [hope]. '
        "\"håb\" is not one of the allowed values: 'connectedness' – Forbundethed, "
        "'hope' – Håb og optimisme, 'identity' – Identitet, 'meaning' – Mening "
        "med tilværelsen or 'empowerment' – Empowerment. Did you mean hope?",
        summary(1),
    ]


def test_a_danish_word_for_a_chime_id_in_danish(project, capsys, monkeypatch):
    edit(project, COURSE, "chime: [hope]", "chime: håb")
    in_danish(monkeypatch)
    assert check(project, capsys) == [
        f'{COURSE}:6:8: "chime" skal være en liste i kantede parenteser, for eksempel '
        'chime: [hope]. "håb" er ikke en af de værdier, du kan bruge: '
        "'connectedness' – Forbundethed, 'hope' – Håb og optimisme, 'identity' – "
        "Identitet, 'meaning' – Mening med tilværelsen eller 'empowerment' – Empowerment. "
        "Mente du hope?",
        "Der er 1 problem i indholdet. Intet er udgivet. Ret fejlen, og byg igen.",
    ]


def test_a_course_page_with_a_mistake_is_still_checked_for_its_themes(project, capsys):
    edit(project, COURSE, "chime: [hope]", "chime: [håb]")
    edit(project, COURSE, "themes: [hverdagsliv]", "themes: [hverdagslivet]")
    assert check(project, capsys) == [
        f'{COURSE}:6:9: "chime[1]" is "håb"; allowed: \'connectedness\' – Forbundethed, '
        "'hope' – Håb og optimisme, 'identity' – Identitet, 'meaning' – Mening "
        "med tilværelsen or 'empowerment' – Empowerment. Did you mean hope?",
        f'{COURSE}:7:10: the theme "hverdagslivet" is not in content/data/themes.yml. Known '
        "themes: hverdagsliv, relationer. Did you mean hverdagsliv?",
        summary(2),
    ]


def test_a_broken_privacy_page_is_not_also_missing(project, capsys):
    edit(project, PRIVACY, "title: Privatliv", "title: [Privatliv]")
    report = check(project, capsys)
    assert report[0].startswith(f'{PRIVACY}:2:8: "title" must be text')
    assert report[1:] == [summary(1)]


def test_checks_that_need_an_unreadable_file_are_counted_once(project, capsys):
    edit(project, VENUES, "  rooms: [Lokale 1]", "   rooms: [Lokale 1]")
    edit(project, TERM, "course: cafe", "course: kafe")
    report = check(project, capsys)
    # The other mistake is still found; the venue ids of the three offerings with a venue
    # cannot be checked without venues.yml, and the report says so once.
    assert report[0].startswith(f'{TERM}:26:13: there is no course "kafe"')
    assert report[1].startswith(f"{VENUES}:4:4: this line starts in column 4")
    assert report[2:] == [
        f"The rest of {VENUES} could not be read because of the problem above, so it was not "
        "checked; fix it and run again.",
        f"3 further checks were skipped because {VENUES} is broken; fix it and run again.",
        summary(2),
    ]


def test_checks_skipped_are_counted_in_danish(project, capsys, monkeypatch):
    edit(project, VENUES, "  rooms: [Lokale 1]", "   rooms: [Lokale 1]")
    in_danish(monkeypatch)
    report = check(project, capsys)
    assert report[0] == (
        f"{VENUES}:4:4: denne linje begynder i kolonne 4, linjen over (linje 3) i kolonne 3. "
        "Linjer på samme niveau skal begynde i samme kolonne. Tilføj eller fjern mellemrum, så "
        "de står lige under hinanden."
    )
    assert report[2] == (
        f"3 tjek mere blev sprunget over, fordi der er en fejl i {VENUES}. Ret den, og kør igen."
    )
