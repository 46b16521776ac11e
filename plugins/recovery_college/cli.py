"""`recovery-college`: the commands school staff and scripts run."""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from recovery_college import cli_publish
from recovery_college.assembly import KINDS, load_project
from recovery_college.content.asking import (
    Console,
    Refused,
    Stop,
    draft_path,
    drop_draft,
    load_draft,
    save_draft,
)
from recovery_college.content.errors import ContentError, ContentErrors
from recovery_college.content.loading import Project
from recovery_college.content.messages import Messages
from recovery_college.content.translations import report, stamp
from recovery_college.courses import newcourse
from recovery_college.courses.newterm import Site, run_new_term
from recovery_college.editing import generated
from recovery_college.engine import preview
from recovery_college.engine.build import BuildFailed, build_site, kept_parses, load_checked
from recovery_college.guides.readability import EASY_READ_LIX, lix_threshold, scores, too_hard


class Usage(Exception):
    """A command given something it cannot use (a folder, a file, a flag); the text, already
    in the person's language, says what and how to do it right."""


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    say = Messages.from_environment().say
    if not root.exists():
        raise Usage(
            say(
                "The folder %(folder)s does not exist. Give the project folder (the one with "
                "mkdocs.yml) with --root, or run the command inside it.",
                folder=args.root,
            )
        )
    if not (root / "mkdocs.yml").is_file():
        raise Usage(
            say(
                "%(folder)s is not a project folder: there is no mkdocs.yml in it. Give the "
                "project folder with --root, or run the command inside it.",
                folder=args.root,
            )
        )
    return root


def _check_out(out: Path) -> None:
    """Refuse a --out the site cannot be published to before building (which takes minutes)."""
    say = Messages.from_environment().say
    folder = out
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise Usage(
            say(
                "Cannot publish to %(out)s: %(file)s is a file, not a folder.",
                out=out,
                file=folder,
            )
        )
    if not os.access(folder, os.W_OK):
        raise Usage(
            say(
                "Cannot publish to %(out)s: %(folder)s is not a folder you can write in.",
                out=out,
                folder=folder,
            )
        )


def cmd_build(args: argparse.Namespace) -> int:
    root = _root(args)
    if args.out:
        _check_out(Path(args.out).resolve())
    result = build_site(root, Path(args.out) if args.out else None, force=args.force)
    messages = Messages.from_environment()
    if result.up_to_date:
        print(
            messages.say(
                "Nothing changed since the last build, so the site was kept as it is "
                "(%(seconds)s s). Use --force to build it again anyway.",
                seconds=messages.decimal(result.seconds),
            )
        )
        return 0
    pages = ", ".join(f"{code} {count}" for code, count in result.pages.items())
    print(
        messages.say(
            "Built the site in %(seconds)s s (content pages: %(pages)s).",
            seconds=messages.decimal(result.seconds),
            pages=pages,
        )
    )
    print(
        messages.say(
            "PDFs: %(rendered)s rendered, %(cached)s from cache (%(seconds)s s).",
            rendered=result.pdfs.rendered,
            cached=result.pdfs.cached,
            seconds=messages.decimal(result.pdfs.seconds),
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    messages = Messages.from_environment()
    root = _root(args).resolve()
    files = kept_parses(root)
    load_checked(root, files, messages)
    files.keep()  # the build after it (in the pipelines) reads the parses
    print(messages.say("The content is valid."))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root)
    if args.stamp:
        found = [(name, *_translation(project, name)) for name in args.stamp]
        for name, path, danish in found:
            digest = stamp(path, danish)
            print(f"{name}: source_hash {digest}")
        return 0
    print(report(project))
    return 0


def _translation(project: Project, name: str) -> tuple[Path, Path]:
    """The translated page a --stamp names and the Danish page it translates, or Usage."""
    say = Messages.from_environment().say
    root = project.root
    given = Path(name)
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, root / given]
    found = [c.resolve() for c in candidates if c.is_file()]
    inside = [c for c in found if c.is_relative_to(root / "content")]
    path = (inside or found)[0] if found else None
    if path is None:
        pages = [p.relative_to(root).as_posix() for p in (root / "content").glob("*/**/*.md")]
        close = difflib.get_close_matches(given.as_posix(), pages, n=1)
        hint = say(" Did you mean %(page)s?", page=close[0]) if close else ""
        raise Usage(say("There is no file %(file)s.", file=name) + hint)
    try:
        parts = path.relative_to(root / "content").parts
    except ValueError:
        parts = ()
    codes = [language.code for language in project.languages]
    if len(parts) < 2 or parts[0] not in codes or path.suffix != ".md":
        raise Usage(
            say(
                "%(file)s is not a translated page. Give a page under content/<language>/, "
                "such as content/en/guides/pause.md.",
                file=name,
            )
        )
    if parts[0] == project.default.code:
        raise Usage(
            say(
                "%(file)s is the original, not a translation. Give the translated page, such "
                "as content/en/%(rest)s.",
                file=name,
                rest="/".join(parts[1:]),
            )
        )
    danish = project.content_dir(project.default.code).joinpath(*parts[1:])
    if not danish.is_file():
        raise Usage(
            say(
                "%(file)s translates no page: there is no %(original)s.",
                file=name,
                original=danish.relative_to(root).as_posix(),
            )
        )
    return path, danish


def _given(args: argparse.Namespace, keys: list[str]) -> dict[str, str]:
    """The answers given as flags, by question key (the flag's name without --)."""
    found = {}
    for key in keys:
        value = getattr(args, key.replace("-", "_"), None)
        if value is not None:
            found[key] = str(value)
    return found


def _interview(
    args: argparse.Namespace,
    command: str,
    given: dict[str, str],
    run: Callable[[Console, Site], tuple[list[Path], Project]],
) -> int:
    """Ask (or take the flags), write, and report; answers are never lost (see asking)."""
    root = _root(args)
    messages = Messages.from_environment()
    say = messages.say
    site = Site.load(root, messages)  # a problem already in the content stops us here
    console = Console(messages, interactive=sys.stdin.isatty(), given=given)
    draft = load_draft(root, command)
    if args.resume:
        if draft is None:
            raise Usage(
                say(
                    "There are no saved answers to continue with. Run recovery-college "
                    "%(command)s without --resume.",
                    command=command,
                )
            )
        console.remembered = draft
    elif draft is not None and console.interactive:
        shown = draft_path(root, command).relative_to(root).as_posix()
        if console.confirm(
            say("You have answers saved from last time (%(file)s). Continue with them?", file=shown)
        ):
            console.remembered = draft

    def keep(reason: str) -> int:
        print(say("Nothing was written: %(reason)s", reason=reason), file=sys.stderr)
        answers = {**console.remembered, **console.answers}
        if console.interactive and answers:
            path = save_draft(root, command, answers)
            print(
                say(
                    "Your answers are saved in %(file)s. Continue with: recovery-college "
                    "%(command)s --resume",
                    file=path.relative_to(root).as_posix(),
                    command=command,
                ),
                file=sys.stderr,
            )
        return 1

    try:
        written, project = run(console, site)
    except Stop:
        return keep(say("you stopped before the end."))
    except Refused as exc:
        return keep(str(exc))
    except ContentErrors as exc:
        return keep(say("the files would not pass the check:") + "\n" + exc.report())
    except OSError as exc:
        return keep(_os_problem(exc, messages))
    drop_draft(root, command)
    for path in written:
        print(say("Wrote %(file)s", file=path.relative_to(root).as_posix()))
    _placeholders(project, [p.relative_to(root).as_posix() for p in written], messages)
    return 0


def _placeholders(project: Project, files: list[str], messages: Messages) -> None:
    todo: list[ContentError] = [p for p in project.placeholders if p.path in files]
    if not todo:
        return
    print(
        messages.plural(
            "%(count)s text to fill in before the site can be built (recovery-college check "
            "lists it):",
            "%(count)s texts to fill in before the site can be built (recovery-college check "
            "lists them):",
            len(todo),
            count=len(todo),
        )
    )
    for error in todo:
        print(f"  {error}")


NEW_COURSE_FLAGS = [
    "term", "course", "id", "title", "summary", "for-whom", "chime", "themes", "demand",
    "attendance", "pause-policy", "venue", "room", "language", "first", "count", "start", "end",
    "peer", "relative", "professional", "capacity", "signup-method", "signup", "opens", "closes",
]  # fmt: skip


def cmd_new_course(args: argparse.Namespace) -> int:
    given = _given(args, NEW_COURSE_FLAGS)
    if args.relative:
        given["role"] = "relative"
    elif args.peer:
        given["role"] = "peer"
    if args.id and not args.course:
        given["course"] = newcourse.NEW

    def run(console: Console, site: Site) -> tuple[list[Path], Project]:
        plan = newcourse.NewCourse(console, site).run()
        say = console.say
        console.write("")
        for label, value in plan.summary:
            console.write(f"  {label}: {value}")
        if not console.confirm(say("Write the course?")):
            raise Stop
        return newcourse.write(site, plan)

    return _interview(args, "new-course", given, run)


def cmd_new_term(args: argparse.Namespace) -> int:
    given = _given(args, ["id", "starts", "ends", "copy-from"])
    messages = Messages.from_environment()
    for item in args.name or []:
        code, sep, text = item.partition("=")
        if not sep or not re.fullmatch(r"[a-z]{2,3}", code.strip()):
            raise Usage(
                messages.say(
                    '--name "%(value)s": write the language code, =, and the name, such as '
                    '--name da="Forår 2027".',
                    value=item,
                )
            )
        given[f"name-{code.strip()}"] = text
    return _interview(args, "new-term", given, run_new_term)


def cmd_schemas(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root)
    outputs = generated.generated(project, KINDS)
    messages = Messages.from_environment()
    if args.check:
        stale = generated.stale(root, outputs)
        for path in stale:
            print(
                messages.say(
                    "%(path)s is out of date: run `recovery-college schemas` and commit it.",
                    path=path.as_posix(),
                ),
                file=sys.stderr,
            )
        return 1 if stale else 0
    written = generated.write(root, outputs)
    for path in written:
        print(messages.say("wrote %(path)s", path=path.as_posix()))
    print(messages.say("%(count)s files are current.", count=len(outputs)))
    return 0


def cmd_readability(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root)
    threshold = args.threshold or lix_threshold(root)
    hard = {score.path for score in too_hard(project, threshold)}
    for score in scores(project):
        limit = EASY_READ_LIX if score.easy_read else threshold
        flag = f"  above {limit}" if score.path in hard else ""
        kind = "  (easy read)" if score.easy_read else ""
        print(f"{score.lix:5.1f}  {score.words:5d} words  {score.path}{kind}{flag}")
    print(
        "LIX: under 30 very easy, 30-40 easy, 40-50 medium, over 50 hard. "
        f"Guides above {threshold} and easy-read pages above {EASY_READ_LIX}: {len(hard)}."
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root)
    codes = [language.code for language in project.languages]
    if args.lang is not None and args.lang not in codes:
        messages = Messages.from_environment()
        print(
            messages.say(
                'The site has no language "%(code)s". Choose one of: %(codes)s.',
                code=args.lang,
                codes=", ".join(codes),
            ),
            file=sys.stderr,
        )
        return 2
    config = project.language(args.lang or project.default.code).config_file
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.chdir(root)
    preview.serve(config, args.address)
    return 0


NEW_COURSE_HELP = {
    "term": ("TERM", "the term's id (file name in content/data/terms)"),
    "course": ("ID", "a course that exists, for a new run of it"),
    "id": ("ID", "the id of a new course, e.g. sorg-og-haab"),
    "title": ("TEXT", "the new course's title"),
    "summary": ("TEXT", "the new course's summary, one sentence"),
    "for-whom": ("TEXT", "who the course is for"),
    "chime": ("IDS", "CHIME processes, e.g. hope,meaning"),
    "themes": ("IDS", "theme ids from content/data/themes.yml, e.g. hverdagsliv"),
    "demand": ("LEVEL", "light, moderate or intensive"),
    "attendance": ("HOW", "sign-up or drop-in"),
    "pause-policy": ("POLICY", "keep-place, rejoin-next-term or drop-in-any-time"),
    "venue": ("VENUE", "a venue id from content/data/venues.yml, or online"),
    "room": ("ROOM", "a room of the venue"),
    "language": ("CODE", "the language it is taught in (default: the site's)"),
    "first": ("DATE", "the first meeting, e.g. 14-01-2027"),
    "count": ("N", "number of weekly meetings (default 6)"),
    "start": ("HH:MM", "start time (default 13:00)"),
    "end": ("HH:MM", "end time (default 15:00)"),
    "peer": ("NAME", "the educator with lived experience of mental ill-health"),
    "relative": ("NAME", "the educator with lived experience as a relative (instead of --peer)"),
    "professional": ("NAME", "the professional educator"),
    "capacity": ("N", "number of places (default 14)"),
    "signup-method": ("HOW", "form, email, phone or drop-in"),
    "signup": ("LINK", "sign-up link: https://..., mailto:... or tel:..."),
    "opens": ("DATE", "the day sign-up opens"),
    "closes": ("DATE", "the last day to sign up (default: the day before the first meeting)"),
}


class Parser(argparse.ArgumentParser):
    """argparse, with its complaints said in plain words (and in Danish on a Danish PC)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {_usage_problem(self, message)}", file=sys.stderr)
        say = Messages.from_environment().say
        print(
            say("%(command)s --help lists the commands and their options.", command=self.prog),
            file=sys.stderr,
        )
        raise SystemExit(2)


def _usage_problem(parser: argparse.ArgumentParser, message: str) -> str:
    say = Messages.from_environment().say
    commands = ", ".join(_commands(parser))
    found = re.match(r"argument command: invalid choice: '(.*?)'", message)
    if found:
        return say(
            'there is no command "%(value)s". The commands are: %(commands)s.',
            value=found.group(1),
            commands=commands,
        )
    found = re.match(r"unrecognized arguments: (.*)", message)
    if found:
        return say("unknown option %(value)s.", value=found.group(1))
    if "arguments are required: command" in message:
        return say("say which command to run: %(commands)s.", commands=commands)
    found = re.match(r"argument (\S+): invalid \w+ value: '(.*?)'", message)
    if found:
        return say(
            '%(flag)s "%(value)s" is not a number.', flag=found.group(1), value=found.group(2)
        )
    found = re.match(r"argument (\S+): expected one argument", message)
    if found:
        return say("%(flag)s needs a value after it.", flag=found.group(1))
    return message


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _os_problem(exc: OSError, messages: Messages) -> str:
    return messages.say(
        "%(file)s could not be used: %(reason)s.",
        file=exc.filename or "",
        reason=exc.strerror or str(exc),
    )


def parser() -> argparse.ArgumentParser:
    main = Parser(prog="recovery-college", description=__doc__)
    main.add_argument("--root", default=".", help="the project folder (default: here)")
    sub = main.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="validate the content and build every language into site/")
    build.add_argument("--out", help="publish somewhere other than site/")
    build.add_argument(
        "--force", action="store_true", help="build even when nothing changed since the last build"
    )
    build.set_defaults(func=cmd_build)
    check = sub.add_parser("check", help="validate the content without building")
    check.set_defaults(func=cmd_check)
    trans = sub.add_parser("translations", help="list missing and outdated translations")
    trans.add_argument(
        "--stamp", nargs="+", metavar="FILE", help="mark these translations as up to date"
    )
    trans.set_defaults(func=cmd_translations)
    new = sub.add_parser(
        "new-course",
        help="add a course, or a new run of one, asking one thing at a time",
        description="Asks one question at a time in a terminal; elsewhere (or in scripts) "
        "the answers are given as flags. Dates may be written 14-01-2027 or 2027-01-14.",
    )
    for flag, text in NEW_COURSE_HELP.items():
        new.add_argument(f"--{flag}", metavar=text[0], help=text[1])
    new.add_argument("--resume", action="store_true", help="continue with the saved answers")
    new.set_defaults(func=cmd_new_course)
    term = sub.add_parser(
        "new-term",
        help="add a term, empty or with the courses of an earlier one",
        description="Writes content/data/terms/<id>.yml, asking one thing at a time.",
    )
    term.add_argument("--id", metavar="ID", help="the term's id and file name, e.g. 2027-efteraar")
    term.add_argument(
        "--name", action="append", metavar="LANG=NAME", help='a name, e.g. da="Efterår 2027"'
    )
    term.add_argument("--starts", metavar="DATE", help="first day of the term")
    term.add_argument("--ends", metavar="DATE", help="last day of the term")
    term.add_argument(
        "--copy-from", metavar="TERM", help="copy this term's courses (dates to fill in)"
    )
    term.add_argument("--resume", action="store_true", help="continue with the saved answers")
    term.set_defaults(func=cmd_new_term)
    schemas = sub.add_parser(
        "schemas", help="write the JSON Schemas, editor settings and /admin/ config from the models"
    )
    schemas.add_argument(
        "--check", action="store_true", help="only say which generated files are out of date"
    )
    schemas.set_defaults(func=cmd_schemas)
    lix = sub.add_parser("readability", help="LIX readability of every Danish page")
    lix.add_argument("--threshold", type=float, help="warn above this (default: mkdocs.yml, or 40)")
    lix.set_defaults(func=cmd_readability)
    serve = sub.add_parser("serve", help="live preview of one language")
    serve.add_argument("--lang", default=None, help="language code (default: the main language)")
    serve.add_argument("--address", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)
    cli_publish.register(sub)  # fetch-published, offline: what a publishing pipeline runs
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a complaint already printed
        return exc.code if isinstance(exc.code, int) else 0
    messages = Messages.from_environment()
    try:
        return args.func(args)
    except Usage as exc:
        print(f"recovery-college: {exc}", file=sys.stderr)
        return 2
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildFailed as exc:
        failed = Messages.from_environment().say("The build failed and site/ was left as it was:")
        print(f"{failed}\n{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`recovery-college translations | head`): stop quietly, and
        # point stdout at nothing so Python's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(messages.say("Stopped."), file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        print(f"recovery-college: {_os_problem(exc, messages)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
