"""Wrong invocations of `recovery-college`: each says what is wrong in plain words, exits with
an error code, prints no traceback and, for the commands that write, writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from recovery_college.cli import main
from support import REPO

COURSE = [
    "--id", "sorg-og-haab", "--title", "Sorg og håb", "--summary", "Om at leve med tab.",
    "--term", "2026-efteraar", "--venue", "huset", "--first", "24-11-2026", "--count", "3",
    "--peer", "Anna Berg", "--professional", "Bo Lind", "--signup", "https://example.org/t",
]  # fmt: skip
TERM = ["new-term", "--id", "2027-foraar", "--starts", "11-01-2027", "--ends", "18-06-2027"]


def course(**changes: str) -> list[str]:
    """The new-course flags above with some changed (`first="31-02-2027"`)."""
    args = list(COURSE)
    for name, value in changes.items():
        flag = "--" + name.replace("_", "-")
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    return ["new-course", *args]


def broken_yaml(root: Path) -> list[str]:
    path = root / "content/data/venues.yml"
    path.write_text(path.read_text().replace("name: Huset", "name: Huset: det gule"))
    return ["check"]


def out_is_a_file(root: Path) -> list[str]:
    (root / "site.txt").write_text("not a folder")
    return ["build", "--out", str(root / "site.txt" / "site")]


# (what is wrong, the arguments after --root <project> (or a function making them), what the
# message must say)
CASES: list[tuple[str, list[str] | Callable[[Path], list[str]], str]] = [
    ("unknown command", ["buld"], 'there is no command "buld". The commands are: build, check'),
    ("no command", [], "say which command to run: build, check"),
    ("unknown flag", ["check", "--verbose"], "unknown option --verbose"),
    ("flag without its value", ["build", "--out"], "--out needs a value after it"),
    ("not a number", ["readability", "--threshold", "abc"], '--threshold "abc" is not a number'),
    ("language the site lacks", ["serve", "--lang", "xx"], 'The site has no language "xx"'),
    (
        "mistyped translation",
        ["translations", "--stamp", "content/en/guides/pauze.md"],
        "There is no file content/en/guides/pauze.md.",
    ),
    (
        "file outside content",
        ["translations", "--stamp", "mkdocs.yml"],
        "mkdocs.yml is not a translated page",
    ),
    (
        "the original, not a translation",
        ["translations", "--stamp", "content/da/courses/hab.md"],
        "is the original, not a translation",
    ),
    ("broken YAML", broken_yaml, "content/data/venues.yml:2:"),
    ("--out under a file", out_is_a_file, "site.txt is a file, not a folder"),
    ("date that does not exist", course(first="31-02-2026"), "there is no day 31 in month 2"),
    ("date that is not a date", course(first="next tuesday"), '"next tuesday" is not a date'),
    ("date outside the term", course(first="14-01-2027"), "is outside the term"),
    ("too many meetings", course(count="12"), "outside the term, which ends"),
    ("count not a number", course(count="three"), '"three" is not a whole number from 1 to 60'),
    ("unknown venue", course(venue="slottet"), 'there is no venue "slottet"'),
    ("room not at the venue", course(room="Salen"), '"Salen" is not a room of Huset'),
    ("unknown term", course(term="2099-foraar"), 'there is no term "2099-foraar"'),
    ("bad time", course(start="25:00"), '"25:00" is not a time of day'),
    ("end before start", course(start="14:00", end="13:00"), "is not after the start time"),
    ("http link", course(signup="http://example.org/t"), 'starts with "http:"'),
    (
        "mail link for a form",
        course(signup="mailto:a@example.org", signup_method="form"),
        "must start with https:// for sign-up by form",
    ),
    ("unknown CHIME", course(chime="happiness"), '"happiness" is not one of the choices'),
    ("bad course id", course(id="Sorg og Håb"), "cannot be a course id"),
    ("course id that exists", course(id="hab"), 'there is already a course "hab"'),
    ("unknown course", course(course="yoga"), 'there is no course "yoga"'),
    ("unknown language", course(language="xq"), 'the language code "xq" is not known'),
    ("no draft to resume", [*course(), "--resume"], "There are no saved answers to continue"),
    ("bad term id", [*TERM[:2], "Forår 2027", *TERM[3:]], "cannot be a term id"),
    ("term id that exists", [*TERM[:2], "2026-efteraar", *TERM[3:]], "there is already a term"),
    ("term ends before it starts", [*TERM[:-1], "01-01-2027"], "the term must end after it"),
    ("bad --name", [*TERM, "--name", "Forår 2027"], "write the language code, =, and the name"),
    ("unknown term to copy", [*TERM, "--copy-from", "1999"], 'there is no term "1999" to copy'),
]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "theme" not in p.parts
    }


@pytest.mark.parametrize(("args", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_wrong_invocation_says_what_is_wrong_and_writes_nothing(project, capsys, args, says):
    argv = args(project) if callable(args) else args
    before = snapshot(project)
    assert main(["--root", str(project), *argv]) != 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert says in captured.err
    if argv and argv[0] in ("new-course", "new-term", "translations"):
        assert snapshot(project) == before


def test_at_least_twenty_wrong_invocations_are_checked():
    assert len(CASES) >= 20


@pytest.mark.parametrize(
    ("root", "says"),
    [
        ("/no/such/folder", "The folder /no/such/folder does not exist"),
        (str(REPO / "content"), "is not a project folder: there is no mkdocs.yml in it"),
        (str(REPO / "README.md"), "is not a project folder"),
    ],
)
def test_a_root_that_is_not_a_project_is_named(capsys, root, says):
    assert main(["--root", root, "check"]) == 2
    assert says in capsys.readouterr().err


def run(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, PYTHONPATH=str(REPO / "plugins"))
    return subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_a_danish_pc_is_told_in_danish_and_a_script_gets_the_real_flag(project):
    """As a real process, with stdin that is not a terminal (a script): nothing is asked."""
    wrong = run("--root", str(project), "buld", lang="da_DK.UTF-8")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert 'der er ingen kommando "buld"' in wrong.stderr
    missing = run("--root", str(project), "new-course", *COURSE[:-4], lang="da_DK.UTF-8")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "Intet blev skrevet: --professional mangler" in missing.stderr
    english = run("--root", "/no/such/folder", "check", lang="C")
    assert "The folder /no/such/folder does not exist" in english.stderr
