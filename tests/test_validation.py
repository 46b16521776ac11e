"""Bad content gives one plain message per problem, with file:line:column, and nothing else."""

from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    return [str(error) for error in caught.value.errors]


def test_fixture_is_valid(project):
    loaded = load_project(project)
    assert [lang.code for lang in loaded.languages] == ["da", "ar", "en"]
    assert loaded.language("ar").direction == "rtl"


def test_unknown_field_names_the_field_and_what_is_allowed(project):
    replace(project / "content/da/guides/gruppen.md", "chime:", "chimes:")
    [message] = messages(project)
    assert message.startswith('content/da/guides/gruppen.md:5:1: unknown field "chimes"')
    assert "Allowed here:" in message and "chime" in message


def test_wrong_type(project):
    replace(project / "content/da/guides/gruppen.md", "audience: [citizens]", "audience: citizens")
    [message] = messages(project)
    assert message.startswith('content/da/guides/gruppen.md:4:11: "audience" must be a list')


def test_value_not_allowed_lists_the_allowed_ones(project):
    replace(project / "content/da/guides/gruppen.md", "[connectedness]", "[hobbies]")
    [message] = messages(project)
    assert message.startswith("content/da/guides/gruppen.md:5:9:")
    assert "'hope'" in message and '"hobbies"' in message


def test_missing_required_field(project):
    replace(project / "content/da/guides/gruppen.md", "summary: Sådan fungerer et hold.\n", "")
    [message] = messages(project)
    assert message == (
        'content/da/guides/gruppen.md:2:1: "summary" is missing. Add a line "summary: ..." here.'
    )


def test_wrong_date_in_data_file(project):
    replace(project / "content/data/accessibility.yml", "2026-11-02", "2026-11-31")
    [message] = messages(project)
    assert message.startswith(
        'content/data/accessibility.yml:5:14: "2026-11-31" is not a real date'
    )


def test_bad_yaml_syntax(project):
    replace(
        project / "content/da/index.md",
        "summary: En skole til test.",
        "summary: En skole: til test.",
    )
    [message] = messages(project)
    assert message.startswith(
        'content/da/index.md:3:10: the value of "summary" has a colon and a space in it'
    )
    assert message.endswith('summary: "En skole: til test."')


def test_all_errors_are_reported_together(project):
    replace(project / "content/da/guides/gruppen.md", "chime:", "chimes:")
    replace(project / "content/data/site.yml", 'phone: "+45 11 22 33 44"', "phone: ring os")
    replace(project / "content/en/index.md", "title: Welcome", "titel: Welcome")
    found = messages(project)
    assert len(found) == 3
    assert {m.split(":", 1)[0] for m in found} == {
        "content/da/guides/gruppen.md",
        "content/data/site.yml",
        "content/en/index.md",
    }


def test_session_minutes_must_add_up(project):
    (project / "content/da/sessions").mkdir()
    (project / "content/da/sessions/hab.md").write_text(
        """---
title: Håb
aim: At tale om håb.
chime: [hope]
model: group-theme
duration: 90
group_size: {min: 3, max: 8}
facilitators:
  - {key: peer, role: peer, title: Peer-medarbejder, does: Leder}
room: Stole i rundkreds.
check_in: Hvordan har du det?
check_out: Hvad tager du med?
ground_rules: [Det bliver i rummet.]
right_to_pass: Du må altid sige pas.
safety: En går med ud.
steps:
  - {title: Check-in, minutes: 30, lead: peer, what: Runde.}
  - {title: Samtale, minutes: 50, lead: peer, what: Snak.}
reflection_questions: ["Hvad giver dig håb?"]
next_step: Mit næste lille skridt.
---
Noter.
""",
        encoding="utf-8",
    )
    [message] = messages(project)
    assert message.startswith("content/da/sessions/hab.md:2:1:")
    assert "80 minutes, 10 less than the duration (90)" in message


def test_a_missing_page_that_every_page_links_to_is_an_error(project):
    (project / "content/da/privatliv.md").unlink()
    (project / "content/da/guides/hjaelp-nu.md").unlink()
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    report = caught.value.report()
    assert "content/da/privatliv.md:1:1: the page is missing;" in report
    assert 'content/da/guides/hjaelp-nu.md:1:1: the page is missing; the "Help now" link' in report


def test_an_unknown_language_code_is_an_error_not_a_crash(project):
    (project / "mkdocs.xx.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: xx\n")
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    assert 'mkdocs.xx.yml:3:13: the language code "xx" is not known.' in caught.value.report()
