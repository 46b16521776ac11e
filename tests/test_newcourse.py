"""`recovery-college new-course` and `new-term`: asked in the computer's language, each answer
checked as it is typed, answers never lost, files that validate or nothing at all, and texts
left to write marked so the build refuses them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from recovery_college.assembly import load_project
from recovery_college.cli import main
from recovery_college.courses.models import Catalogue

ARGS = [
    "--id", "sorg-og-haab", "--title", "Sorg og håb", "--summary", "Om at leve med tab.",
    "--term", "2026-efteraar", "--venue", "huset", "--first", "2026-11-24", "--count", "3",
    "--start", "10:00", "--end", "12:00", "--peer", "Anna Berg", "--professional", "Bo Lind",
    "--signup", "https://example.org/tilmeld",
]  # fmt: skip
PAGE = "content/da/courses/sorg-og-haab.md"
TERM = "content/data/terms/2026-efteraar.yml"


class Typist(io.StringIO):
    """Stdin of a terminal where a person types the given lines; "^C" is Ctrl-C."""

    def isatty(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        if line == "^C\n":
            raise KeyboardInterrupt
        return line


def type_in(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", Typist("".join(f"{line}\n" for line in lines)))


@pytest.fixture
def danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Danish PC: LANG=da_DK.UTF-8 and nothing that overrides it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def fill_in(path: Path, answer: str) -> None:
    """What an editor does after new-course: write the texts the placeholders ask for."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"'?UDFYLD: [^\n']*'?", answer, text), encoding="utf-8")


def test_new_course_from_flags_validates_once_the_marked_texts_are_written(project, capsys):
    assert main(["--root", str(project), "new-course", *ARGS]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {PAGE}" in out and f"Wrote {TERM}" in out
    # The defaults it used are shown, and what is left to write is listed with file:line.
    assert "Places: 14" in out
    assert "2 texts to fill in" in out and f"{PAGE}:5:" in out
    # The build refuses the placeholders, at their lines, until they are written.
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    # The placeholders are in the site's language (Danish), the messages in the PC's.
    assert re.search(rf"{PAGE}:5:\d+: this is still to be filled in: \"UDFYLD: skriv 2-4", err)
    assert re.search(rf"{PAGE}:\d+:1: this is still to be filled in: \"UDFYLD: skriv, hvad", err)
    fill_in(project / PAGE, "Du lærer at tale om tab.")
    loaded = load_project(project)
    assert loaded.pages["da"]["courses/sorg-og-haab.md"].meta.title == "Sorg og håb"
    offering = loaded.part(Catalogue).for_course("sorg-og-haab")[0][1]
    assert offering.id == "sorg-og-haab-2026-efteraar"
    assert [d.isoformat() for d in offering.sessions.days()] == [
        "2026-11-24",
        "2026-12-01",
        "2026-12-08",
    ]
    assert {e.role for e in offering.educators} == {"peer", "professional"}
    assert offering.signup.closes is not None and offering.signup.closes.isoformat() == "2026-11-23"


def test_a_new_run_of_an_existing_course_needs_no_page_and_validates_at_once(project, capsys):
    args = ["--course", "hab", "--term", "2026-efteraar", "--venue", "online"]
    args += ["--first", "23.11.2026", "--count", "2", "--relative", "Ida", "--professional", "Bo"]
    args += ["--signup-method", "email", "--signup", "hab@example.org", "--capacity", "8"]
    assert main(["--root", str(project), "new-course", *args]) == 0
    assert "to fill in" not in capsys.readouterr().out
    offering = load_project(project).part(Catalogue).for_course("hab")[-1][1]
    assert offering.id == "hab-2026-efteraar"
    assert offering.online and offering.capacity == 8
    assert offering.signup.link == "mailto:hab@example.org"  # typed plainly, written as a link
    assert [e.role for e in offering.educators] == ["relative", "professional"]
    assert not (project / "content/da/courses/hab.md").read_text().count("UDFYLD")


def test_a_missing_flag_is_named_as_it_is_spelt_and_nothing_is_written(project, capsys):
    before = files_of(project)
    args = ARGS[: ARGS.index("--professional")] + ARGS[ARGS.index("--signup") :]
    assert main(["--root", str(project), "new-course", *args]) == 1
    err = capsys.readouterr().err
    assert "--professional is missing (Name of the professional educator)" in err
    assert files_of(project) == before


def test_a_check_that_fails_after_writing_puts_every_file_back(project, capsys, monkeypatch):
    """The last line of defence: if the written files would not pass, nothing is kept."""
    from recovery_college.courses import newcourse

    def broken(root, **_):
        text = (root / TERM).read_text()
        (root / TERM).write_text(text.replace("capacity: 14", "capacity: -1"))
        return load_project(root)

    before = files_of(project)
    monkeypatch.setattr(newcourse, "load_project", broken)
    assert main(["--root", str(project), "new-course", *ARGS]) == 1
    err = capsys.readouterr().err
    assert "Nothing was written: the files would not pass the check" in err
    assert "must be at least 0" in err
    assert files_of(project) == before


DANISH_ANSWERS = [
    "",  # term: the coming one, Efterår 2026
    "",  # a new course
    "Sorg og håb",
    "",  # id from the title: sorg-og-haab
    "Om at leve med tab.",
    "",  # for whom: the default sentence
    "2,3",  # CHIME: hope, identity
    "1",  # themes: hverdagsliv
    "",  # demand
    "",  # attendance: sign-up
    "",  # pause policy
    "1",  # venue by number: Huset
    "",  # room: Lokale 1
    "",  # language: da
    "24/11",  # a Danish date without a year: explained, asked again
    "31.11.2026",  # no 31 November: explained, asked again
    "24.11.2026",
    "3",
    "10",
    "12.00",
    "",  # lived experience: peer
    "Anna Berg",
    "Bo Lind",
    "",  # places: 14
    "",  # sign-up on a form
    "http://example.org/tilmeld",  # refused by the same rule as the build
    "https://example.org/tilmeld",
    "",  # opens: now
    "",  # closes: the day before
    "j",  # write it
]


def test_danish_questions_explain_a_wrong_date_at_once_and_write_the_course(
    project, capsys, monkeypatch, danish
):
    type_in(monkeypatch, *DANISH_ANSWERS)
    assert main(["--root", str(project), "new-course"]) == 0
    out = capsys.readouterr().out
    assert "Hvilket semester er kurset i?" in out
    assert "  1. Huset (Testvej 1, 9999 Testby)" in out
    assert '"24/11" er ikke en dato. Skriv dag, måned og år, fx 14-01-2027' in out
    assert '"31.11.2026" er ikke en rigtig dato' in out
    assert "→ tirsdag den 24. november 2026" in out
    assert "sidste gang: tirsdag den 8. december 2026" in out
    assert 'linket "http://example.org/tilmeld" begynder med "http:"' in out
    assert "Skrev content/da/courses/sorg-og-haab.md" in out
    assert "2 tekster skal udfyldes" in out
    page = (project / PAGE).read_text()
    assert "UDFYLD: skriv 2-4 ting" in page and "chime:\n- hope\n- identity" in page
    term = yaml.safe_load((project / TERM).read_text())
    new = term["offerings"][-1]
    assert new["venue"] == "huset" and new["room"] == "Lokale 1"
    assert new["sessions"]["weekly"]["first"].isoformat() == "2026-11-24"
    assert new["sessions"]["start"] == "10:00" and new["sessions"]["end"] == "12:00"
    assert main(["--root", str(project), "check"]) == 1
    assert f'{PAGE}:5:3: her mangler stadig en tekst: "UDFYLD:' in capsys.readouterr().err


def test_ctrl_c_keeps_the_answers_and_resume_continues_with_them(
    project, capsys, monkeypatch, danish
):
    before = files_of(project)
    type_in(monkeypatch, *DANISH_ANSWERS[:5], "^C")
    assert main(["--root", str(project), "new-course"]) == 1
    err = capsys.readouterr().err
    assert "Intet blev skrevet" in err
    assert "recovery-college new-course --resume" in err
    assert files_of(project) == before
    draft = yaml.safe_load((project / ".recovery-college/new-course-draft.yml").read_text())
    assert draft["answers"]["title"] == "Sorg og håb"
    # Next time the saved answers are the defaults: Enter keeps them.
    type_in(monkeypatch, *[""] * 5, *DANISH_ANSWERS[5:])
    assert main(["--root", str(project), "new-course", "--resume"]) == 0
    out = capsys.readouterr().out
    assert "Titel [Sorg og håb]:" in out
    assert "Kort beskrivelse (én sætning) [Om at leve med tab.]:" in out
    assert (project / PAGE).exists()
    assert not (project / ".recovery-college/new-course-draft.yml").exists()


def test_end_of_input_keeps_the_answers_and_the_next_run_offers_them(
    project, capsys, monkeypatch, danish
):
    type_in(monkeypatch, *DANISH_ANSWERS[:14])  # input ends at the date
    assert main(["--root", str(project), "new-course"]) == 1
    assert ".recovery-college/new-course-draft.yml" in capsys.readouterr().err
    type_in(monkeypatch, "j", *[""] * 14, *DANISH_ANSWERS[16:])
    assert main(["--root", str(project), "new-course"]) == 0
    out = capsys.readouterr().out
    assert "Du har gemte svar fra sidst" in out
    assert "Skriv et nummer [1]:" in out  # the venue chosen last time, by its number
    assert (project / PAGE).exists()


def test_new_course_asks_in_english_where_the_computer_is_english(project, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "C")
    type_in(monkeypatch, "", "^C")
    assert main(["--root", str(project), "new-course"]) == 1
    assert "Which term is the course in?" in capsys.readouterr().out


def test_new_term_from_flags_is_empty_and_valid(project, capsys):
    args = ["new-term", "--id", "2027-foraar", "--name", "da=Forår 2027"]
    args += ["--starts", "11-01-2027", "--ends", "2027-06-18"]
    assert main(["--root", str(project), *args]) == 0
    assert "Wrote content/data/terms/2027-foraar.yml" in capsys.readouterr().out
    term = load_project(project).part(Catalogue).terms[-1]
    assert term.id == "2027-foraar" and term.offerings == []
    assert term.name.get("en") == "Spring 2027"  # guessed from the id
    # and a course goes into it
    args = [a if a not in ("2026-efteraar", "2026-11-24") else "" for a in ARGS]
    args[args.index("--term") + 1] = "2027-foraar"
    args[args.index("--first") + 1] = "14-01-2027"
    assert main(["--root", str(project), "new-course", *args]) == 0
    fill_in(project / PAGE, "Du lærer noget.")
    assert load_project(project).part(Catalogue).terms[-1].offerings[0].course == "sorg-og-haab"


def test_new_term_copied_from_the_last_leaves_dates_to_fill_in(project, capsys):
    args = ["new-term", "--id", "2027-foraar", "--starts", "2027-01-11", "--ends", "2027-06-18"]
    assert main(["--root", str(project), *args, "--copy-from", "2026-efteraar"]) == 0
    out = capsys.readouterr().out
    assert "texts to fill in before the site can be built" in out
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    path = "content/data/terms/2027-foraar.yml"
    assert re.search(
        rf"{path}:\d+:\d+: this is still to be filled in: \"UDFYLD: en dato i Forår 2027, "
        r"en tirsdag",
        err,
    )
    assert "must be a date" not in err  # one message per placeholder, not two
    term = project / path
    text = term.read_text()
    text = re.sub(r"'UDFYLD: en dato i Forår 2027, en tirsdag[^']*'", "2027-01-12", text)
    text = re.sub(r"'UDFYLD: en dato i Forår 2027, en torsdag[^']*'", "2027-01-14", text)
    text = re.sub(r"'UDFYLD: dagen, hvor tilmeldingen åbner[^']*'", "2027-01-01", text)
    text = re.sub(r"'UDFYLD: dagen, hvor tilmeldingen lukker[^']*'", "2027-01-10", text)
    term.write_text(text)
    copied = load_project(project).part(Catalogue).terms[-1]
    assert [o.course for o in copied.offerings] == ["hab", "cafe", "hab"]
    assert copied.offerings[0].room == "Lokale 1" and copied.offerings[0].places_left == 12


def test_a_placeholder_is_refused_in_any_file_with_its_line(project, capsys):
    """The marker check is in the content core: it covers kinds new-course never writes."""
    site = project / "content/data/site.yml"
    lines = site.read_text().splitlines()
    key = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    lines[key] = 'name: "UDFYLD: skolens navn"'
    site.write_text("\n".join(lines) + "\n")
    guide = project / "content/da/index.md"
    guide.write_text(guide.read_text() + "\nUDFYLD: skriv en velkomst.\n")
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"content/data/site.yml:{key + 1}:7: this is still to be filled in" in err
    body_line = len(guide.read_text().splitlines())
    assert f'content/da/index.md:{body_line}:1: this is still to be filled in: "UDFYLD:' in err


def test_a_new_term_can_be_made_on_the_way_and_is_written_with_the_run(
    project, capsys, monkeypatch, danish
):
    type_in(
        monkeypatch,
        *["3", "", "", "", "", "11-01-2027", "18-06-2027"],  # a new term, its names guessed
        *["3", "3", "", "14-01-2027", "", "", ""],  # a run of Håb, online, Thursdays
        *["", "Anna", "Bo", "", "", "https://example.org/x", "", "", "j"],
    )
    assert main(["--root", str(project), "new-course"]) == 0
    out = capsys.readouterr().out
    assert "[2027-foraar]" in out and "Semestrets navn på dansk [Forår 2027]" in out
    assert "Skrev content/data/terms/2027-foraar.yml" in out
    term = load_project(project).part(Catalogue).terms[-1]
    assert (term.id, term.name.get("ar")) == ("2027-foraar", "ربيع 2027")
    assert [(o.course, o.online, len(o.held())) for o in term.offerings] == [("hab", True, 6)]
