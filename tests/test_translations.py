"""`recovery-college translations`: missing and outdated pages per language."""

from recovery_college.content import load_project
from recovery_college.translations import report, stamp, status


def test_missing_pages_are_listed_per_language(project):
    by_lang = {entry.code: entry for entry in status(load_project(project))}
    assert by_lang["en"].missing == ["courses/cafe.md", "guides/gruppen.md", "guides/snak.md"]
    assert by_lang["en"].unstamped == ["courses/hab.md", "index.md"]


def test_stamped_translation_becomes_outdated_when_danish_changes(project):
    english = project / "content/en/index.md"
    danish = project / "content/da/index.md"
    stamp(english, danish)
    assert status(load_project(project))[1].translated == 1
    danish.write_text(danish.read_text() + "\nEn ny sætning.\n", encoding="utf-8")
    entry = next(e for e in status(load_project(project)) if e.code == "en")
    assert entry.outdated == ["index.md"]
    assert "outdated: content/en/index.md" in report(load_project(project))
