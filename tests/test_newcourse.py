"""`recovery-college new-course` writes files that validate, or writes nothing."""

from recovery_college.assembly import load_project
from recovery_college.cli import main
from recovery_college.courses.models import Catalogue

ARGS = [
    "--id", "sorg-og-haab", "--title", "Sorg og håb", "--summary", "Om at leve med tab.",
    "--term", "2026-efteraar", "--venue", "huset", "--first", "2026-11-24", "--count", "3",
    "--start", "10:00", "--end", "12:00", "--peer", "Anna Berg", "--professional", "Bo Lind",
    "--signup", "https://example.org/tilmeld",
]  # fmt: skip


def test_new_course_validates_and_appears_in_the_catalogue(project, capsys):
    assert main(["--root", str(project), "new-course", *ARGS]) == 0
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
    assert "wrote content/da/courses/sorg-og-haab.md" in capsys.readouterr().out


def test_new_course_that_would_not_validate_leaves_nothing_behind(project, capsys):
    term = project / "content/data/terms/2026-efteraar.yml"
    before = term.read_text()
    bad = [a if a != "2026-11-24" else "2026-12-17" for a in ARGS]  # 3 weeks runs past the term
    assert main(["--root", str(project), "new-course", *bad]) == 1
    assert "outside the term" in capsys.readouterr().err
    assert term.read_text() == before
    assert not (project / "content/da/courses/sorg-og-haab.md").exists()


def test_new_course_refuses_a_bad_id(project, capsys):
    bad = [a if a != "sorg-og-haab" else "Sorg og Håb" for a in ARGS]
    assert main(["--root", str(project), "new-course", *bad]) == 1
    assert "cannot be a course id" in capsys.readouterr().err
