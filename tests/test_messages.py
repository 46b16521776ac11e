"""Content error messages in the editor's language: Danish on a Danish PC, English otherwise,
always with the same file:line:column, and a Danish catalogue that misses nothing."""

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentError, ContentErrors
from recovery_college.content.messages import (
    KEYWORDS,
    LOCALE,
    Messages,
    Problem,
    catalogue_path,
    language_from_environment,
)
from recovery_college.content.yamlsource import parse_yaml
from recovery_college.courses.models import Offering
from recovery_college.engine import preview
from support import REPO, replace_once

TERM = "content/data/terms/2026-efteraar.yml"
GUIDE = "content/da/guides/gruppen.md"
PACKAGE = REPO / "plugins" / "recovery_college"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    replace_once(project / rel, old, new)


def errors(project: Path) -> ContentErrors:
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    return caught.value


def positions(found: ContentErrors) -> list[tuple[str, int, int]]:
    return [(e.path, e.line, e.column) for e in found.errors]


BROKEN = {
    "whole number": (
        TERM,
        "capacity: 12",
        "capacity: tolv",
        f'{TERM}:18:15: "offerings[1].capacity" skal være et helt tal. Der står "tolv".',
    ),
    "missing field": (
        GUIDE,
        "summary: Sådan fungerer et hold.\n",
        "",
        f'{GUIDE}:2:1: "summary" mangler. Tilføj en linje "summary: ..." her.',
    ),
    "unknown field": (
        GUIDE,
        "chime:",
        "chimes:",
        f'{GUIDE}:5:1: ukendt felt "chimes". Tjek stavemåden, eller fjern feltet. Felter, du kan '
        "bruge her: title, summary, source_hash, template, hide, audience, chime, sources.",
    ),
    "YAML syntax": (
        "content/da/index.md",
        "summary: En skole til test.",
        "summary: En skole: til test.",
        'content/da/index.md:3:10: værdien af "summary" har et kolon og et mellemrum (": "). '
        "Det læser YAML som starten på et nyt felt. Sæt hele værdien i dobbelte anførselstegn: "
        'summary: "En skole: til test."',
    ),
    "validator without Danish": (
        TERM,
        "name: {da: Efterår 2026",
        "name: {dk: Efterår 2026",
        f'{TERM}:2:7: "name": den danske tekst mangler. Tilføj en linje "da: ..." '
        "(dansk står først).",
    ),
    "validator with values": (
        TERM,
        'start: "13:00"\n      end: "15:00"',
        'start: "13:00"\n      end: "12:00"',
        f'{TERM}:14:12: "offerings[1].sessions.end": sluttidspunktet 12:00 er ikke efter '
        "starttidspunktet 13:00. Tjek tiderne.",
    ),
    "unknown venue": (
        TERM,
        "venue: huset",
        "venue: hus",
        f'{TERM}:8:12: stedet "hus" findes ikke i content/data/venues.yml. Steder, du kan bruge: '
        "huset, kaelderen. Mente du huset?",
    ),
    "unknown course": (
        TERM,
        "course: cafe",
        "course: kafe",
        f'{TERM}:26:13: kurset "kafe" findes ikke: der er ingen fil content/da/courses/kafe.md. '
        "Tjek stavemåden, eller skriv kursussiden først. Mente du cafe?",
    ),
    "value not allowed": (
        "content/da/guides/snak.md",
        "audience: [",
        "audience: [hobbies, ",
        'content/da/guides/snak.md:4:12: "audience[1]" må ikke være "hobbies". Skriv en af '
        "disse: 'citizens' – Borgere, 'relatives' – Pårørende eller 'staff' – Medarbejdere og "
        "fagfolk.",
    ),
    "a list where text belongs": (
        GUIDE,
        "title: Om fællesskabet",
        "title: [Om, fællesskabet]",
        f'{GUIDE}:2:8: "title" skal være tekst. Der står en liste. Sæt teksten i dobbelte '
        "anførselstegn.",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_danish_messages_at_the_same_place(project, monkeypatch, case):
    rel, old, new, danish = BROKEN[case]
    edit(project, rel, old, new)
    english = errors(project)
    monkeypatch.setenv("LANGUAGE", "da")
    found = errors(project)
    assert [str(e) for e in found.errors] == [danish]
    assert positions(found) == positions(english)
    assert str(english.errors[0]) != danish
    assert found.report().splitlines()[-1] == (
        "Der er 1 problem i indholdet. Intet er udgivet. Ret fejlen, og byg igen."
    )


def test_report_counts_problems_in_danish(project, monkeypatch):
    edit(project, TERM, "venue: huset", "venue: hus")
    edit(project, TERM, "course: cafe", "course: kafe")
    edit(project, GUIDE, "chime:", "chimes:")
    english = errors(project)
    monkeypatch.setenv("LANGUAGE", "da")
    found = errors(project)
    assert positions(found) == positions(english)
    assert found.report().splitlines()[-1] == (
        "Der er 3 problemer i indholdet. Intet er udgivet. Ret fejlene, og byg igen."
    )
    assert english.report().splitlines()[-1] == (
        "Found 3 problems in the content. Nothing was published; fix them and build again."
    )


@pytest.mark.parametrize(
    ("text", "where", "danish"),
    [
        ("a: 1\n- b\n", (2, 1), "linjen passer ikke ind her (YAML fandt '-')"),
        ("a: 1\nb\nc: 2\n", (3, 1), "der mangler et kolon (:)"),
        ("a: *b\n", (1, 4), "en værdi begynder med * (foran 'b')"),
    ],
)
def test_yaml_syntax_errors_in_danish(text, where, danish):
    [english] = parse_yaml(text, "f.yml", Messages.for_language("en"))[1]
    [error] = parse_yaml(text, "f.yml", Messages.for_language("da"))[1]
    assert (error.line, error.column) == (english.line, english.column) == where
    assert error.message.startswith("Fejl i YAML: ")
    assert danish in error.message
    assert english.message.startswith("YAML error: ")


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LC_ALL": "da_DK.utf8@euro"}, "da"),
        ({"LANGUAGE": "xx:da", "LANG": "C"}, "da"),
        ({"LANGUAGE": "", "LC_MESSAGES": "da_DK"}, "da"),
        ({"LANGUAGE": "en:da"}, "en"),
        ({"LANGUAGE": "fr", "LANG": "da_DK.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_gettext_environment(environ, lang):
    assert language_from_environment(environ) == lang


def test_a_problem_is_english_until_translated_and_cannot_change():
    problem = Problem("max (%(max)s) is smaller than min (%(min)s).", max=2, min=5)
    assert str(problem) == "max (2) is smaller than min (5)."
    assert problem.translated(Messages.for_language("da")) == (
        "max (2) er mindre end min (5). Ret et af tallene."
    )
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.msgid, copy.params) == (problem.msgid, problem.params)
    with pytest.raises(AttributeError):
        problem.msgid = "something else"  # type: ignore[misc]
    # pydantic's own error text stays English, as before
    with pytest.raises(ValueError, match='give a "venue:" id, or write "online: true"'):
        Offering.model_validate(
            {
                "id": "x",
                "course": "hab",
                "sessions": {"dates": ["2026-12-01"], "start": "10:00", "end": "11:00"},
                "educators": [{"name": "A", "role": "peer"}],
                "signup": {"method": "drop-in"},
            }
        )


def test_a_broken_placeholder_in_a_translation_falls_back_to_english():
    class Broken:
        def gettext(self, msgid):
            return "sted %(stedet)s"

    messages = Messages("da", Broken())  # type: ignore[arg-type]
    assert messages.say("the venue id %(id)s", id="x") == "the venue id x"


def test_report_uses_the_messages_it_was_given():
    error = ContentError("a.yml", 1, 1, "x")
    assert (
        ContentErrors([error], Messages.for_language("da"))
        .report()
        .endswith("Der er 1 problem i indholdet. Intet er udgivet. Ret fejlen, og byg igen.")
    )
    assert (
        ContentErrors([error], Messages.for_language("en"))
        .report()
        .endswith(
            "Found 1 problem in the content. Nothing was published; fix them and build again."
        )
    )


def test_preview_banner_in_danish(tmp_path, monkeypatch):
    page = tmp_path / "index.html"
    page.write_text("<html><body><p>Hej</p></body></html>", encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", "da")
    preview.show_error(tmp_path, "a.yml:1:1: noget <galt>")
    html = page.read_text(encoding="utf-8")
    assert "<strong>Forhåndsvisningen kunne ikke opdateres.</strong>" in html
    assert "Ret fejlen, og gem igen:\na.yml:1:1: noget &lt;galt&gt;" in html


def run_check(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`recovery-college check` as an editor runs it, with only the given locale variables."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    clean["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", "--root", str(root), "check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.build
def test_check_command_speaks_danish_on_a_danish_pc(project):
    result = run_check(project, LANG="da_DK.UTF-8")
    assert (result.returncode, result.stdout.strip()) == (0, "Indholdet er i orden."), result.stderr
    edit(project, TERM, "venue: huset", "venue: hus")
    edit(project, "content/da/index.md", "summary: En skole til test.", "summary: En: skole")
    result = run_check(project, LANG="da_DK.UTF-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        'content/da/index.md:3:10: værdien af "summary" har et kolon og et mellemrum (": "). '
        "Det læser YAML som starten på et nyt felt. Sæt hele værdien i dobbelte anførselstegn: "
        'summary: "En: skole"',
        f'{TERM}:8:12: stedet "hus" findes ikke i content/data/venues.yml. Steder, du kan bruge: '
        "huset, kaelderen. Mente du huset?",
        "Resten af content/da/index.md kunne ikke læses på grund af fejlen ovenfor, så den er "
        "ikke tjekket. Ret fejlen, og kør igen.",
        "Der er 2 problemer i indholdet. Intet er udgivet. Ret fejlene, og byg igen.",
    ]
    assert run_check(project, LANGUAGE="xx:da", LANG="C").stderr == result.stderr


@pytest.mark.build
def test_check_command_speaks_english_without_a_danish_locale(project):
    assert run_check(project, LANG="C").stdout.strip() == "The content is valid."
    edit(project, TERM, "venue: huset", "venue: hus")
    result = run_check(project, LANG="C")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f'{TERM}:8:12: there is no venue "hus" in content/data/venues.yml. Known venues: huset, '
        "kaelderen. Did you mean huset?",
        "Found 1 problem in the content. Nothing was published; fix them and build again.",
    ]


def extracted() -> dict[str, str | tuple[str, ...]]:
    """Every message in the code, found as `pybabel extract` finds it (see messages.py)."""
    found: dict[str, str | tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(
        str(PACKAGE),
        [("**.py", "python")],
        {"**.py": {"encoding": "utf-8"}},
        keywords=KEYWORDS,
    ):
        key = message if isinstance(message, str) else message[0]
        found[key] = message
    return found


def test_messages_are_found_in_the_code():
    found = extracted()
    assert len(found) > 90
    assert "The content is valid." in found
    assert 'the Danish text is missing. Add a line "da: ..." (Danish comes first).' in found
    assert "mapping values are not allowed here" in found


def test_template_is_up_to_date():
    with (LOCALE / "errors.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert set(extracted()) == template, "run the pybabel extract command in messages.py"


def test_every_message_is_translated_into_danish_with_the_same_placeholders():
    with catalogue_path("da").open("rb") as handle:
        catalog = read_po(handle, locale="da")
    found = extracted()
    problems = []
    for key, message in found.items():
        entry = catalog.get(message if isinstance(message, str) else message[0])
        ids = [message] if isinstance(message, str) else list(message)
        strings = [] if entry is None else ([entry.string] if ids[1:] == [] else entry.string)
        if entry is None or entry.fuzzy or not all(strings):
            problems.append(f"not translated: {key!r}")
            continue
        wanted = {name for msgid in ids for name in PLACEHOLDER.findall(msgid)}
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {key!r} -> {string!r}")
            try:
                string % dict.fromkeys(wanted, "x")
            except (KeyError, ValueError, TypeError) as exc:
                problems.append(f"cannot be filled in ({exc}): {string!r}")
    leftovers = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} - set(found)
    assert problems == []
    assert leftovers == set(), "messages no longer in the code: run pybabel update"


@pytest.mark.build
def test_build_summary_is_in_the_editors_language(project, monkeypatch, capsys):
    from recovery_college import cli

    monkeypatch.setenv("LANGUAGE", "da")
    assert cli.main(["--root", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hjemmesiden er bygget på ") and "sider med indhold: da " in out
    assert "PDF'er: " in out
