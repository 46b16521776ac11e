"""`recovery-college translations`: missing and outdated pages per language."""

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.translations import report, stamp, status


def test_missing_pages_are_listed_per_language(project):
    by_lang = {entry.code: entry for entry in status(load_project(project))}
    assert by_lang["en"].missing == [
        "courses/cafe.md",
        "guides/gruppen.md",
        "guides/hjaelp-nu.md",
        "guides/snak.md",
        "privatliv.md",
    ]
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


@pytest.mark.build
def test_listing_into_a_pipe_that_closes_early_is_quiet():
    import subprocess
    import sys
    from pathlib import Path

    from support import REPO

    program = Path(sys.executable).with_name("recovery-college")  # the command staff run
    command = f'"{program}" --root "{REPO}" translations | head -1'
    for _ in range(3):  # whether the pipe is already closed when Python writes is a race
        result = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
        assert result.stdout, "the start of the list should come through"
        assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
