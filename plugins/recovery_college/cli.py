"""`recovery-college`: the commands school staff and scripts run."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path

from recovery_college.assembly import KINDS, load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.content.messages import Messages
from recovery_college.content.translations import report, stamp
from recovery_college.courses.newcourse import NewCourse, NewCourseError, create
from recovery_college.editing import generated
from recovery_college.engine import preview
from recovery_college.engine.build import BuildFailed, build_site
from recovery_college.guides.readability import EASY_READ_LIX, lix_threshold, scores, too_hard


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_build(args: argparse.Namespace) -> int:
    result = build_site(_root(args), Path(args.out) if args.out else None, force=args.force)
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
    load_project(_root(args), messages=messages)
    print(messages.say("The content is valid."))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root)
    if args.stamp:
        for name in args.stamp:
            path = Path(name).resolve()
            rel_parts = path.relative_to(root / "content").parts
            danish = project.content_dir(project.default.code).joinpath(*rel_parts[1:])
            digest = stamp(path, danish)
            print(f"{name}: source_hash {digest}")
        return 0
    print(report(project))
    return 0


def _ask(value: str | None, question: str, default: str | None = None) -> str:
    if value:
        return value
    if not sys.stdin.isatty():
        raise NewCourseError(f"missing --{question.split(' (')[0].lower().replace(' ', '-')}")
    suffix = f" [{default}]" if default else ""
    answer = input(f"{question}{suffix}: ").strip()
    return answer or default or ""


def cmd_new_course(args: argparse.Namespace) -> int:
    root = _root(args)
    try:
        first = _ask(args.first, "First date (YYYY-MM-DD)")
        course = NewCourse(
            id=_ask(args.id, "Id (small letters and hyphens, e.g. sorg-og-haab)"),
            title=_ask(args.title, "Title"),
            summary=_ask(args.summary, "Summary (one sentence)"),
            term=_ask(args.term, "Term (file name in content/data/terms without .yml)"),
            venue=_ask(args.venue, "Venue id (from content/data/venues.yml)"),
            first=dt.date.fromisoformat(first),
            count=int(_ask(args.count, "Count (number of meetings)", "6")),
            start=_ask(args.start, "Start (HH:MM)", "13:00"),
            end=_ask(args.end, "End (HH:MM)", "15:00"),
            peer=_ask(args.peer, "Peer educator's name"),
            professional=_ask(args.professional, "Professional educator's name"),
            signup_link=_ask(args.signup, "Signup link (https://..., mailto:... or tel:...)"),
        )
        written = create(root, course)
    except NewCourseError as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(
            f"Nothing was written: {exc}. Dates are YYYY-MM-DD, counts whole numbers.",
            file=sys.stderr,
        )
        return 1
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print("Now fill in outcomes, chime, themes and the description in the course page.")
    return 0


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


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="recovery-college", description=__doc__)
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
    new = sub.add_parser("new-course", help="write a new course page and an offering that validate")
    for flag in ("id", "title", "summary", "term", "venue", "first", "count", "start", "end"):
        new.add_argument(f"--{flag}")
    new.add_argument("--peer", help="the peer educator's name")
    new.add_argument("--professional", help="the professional educator's name")
    new.add_argument("--signup", help="sign-up link: https://..., mailto:... or tel:...")
    new.set_defaults(func=cmd_new_course)
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
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
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


if __name__ == "__main__":
    sys.exit(main())
