"""`recovery-college new-term`: a term file that validates, asked one field at a time.

A new term either starts empty (courses are then added with `new-course`) or copies the runs
of an earlier term: the same courses, places, educators and times, with the dates left as
placeholders (content.placeholders) saying which weekday the run was on. The build refuses
the term until they are filled in, so an old date is never published for a new term.

What `new-course` shares with it lives here too: the site as the questions need it (`Site`),
writing files all-or-nothing (`write_all`) and an offering as YAML (`offerings_yaml`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.support import NullTranslations

from recovery_college.assembly import load_project
from recovery_college.content.asking import (
    Choice,
    Console,
    Invalid,
    Question,
    long_date,
    not_empty,
    parse_date,
)
from recovery_college.content.errors import ContentError, display_path
from recovery_college.content.languages import language_name
from recovery_college.content.loading import Project
from recovery_college.content.messages import Messages
from recovery_college.content.placeholders import marker_for
from recovery_college.content.settings import build_time
from recovery_college.courses.load import TERMS
from recovery_college.courses.models import Catalogue, Offering, Term
from recovery_college.outputs.i18n import load_translations

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names a term id like 2027-foraar suggests, so the usual case is one Enter per language.
SEASONS = {
    "foraar": {"da": "Forår", "en": "Spring", "ar": "ربيع"},
    "efteraar": {"da": "Efterår", "en": "Autumn", "ar": "خريف"},
    "sommer": {"da": "Sommer", "en": "Summer", "ar": "صيف"},
    "vinter": {"da": "Vinter", "en": "Winter", "ar": "شتاء"},
}


@dataclass
class Site:
    """The project as the questions need it, loaded once before the first question."""

    root: Path
    project: Project
    messages: Messages  # the person's language (the computer's)
    # Which terms are still to come: the build's clock (SOURCE_DATE_EPOCH), like the site.
    today: dt.date = field(default_factory=lambda: build_time().date())
    ui: NullTranslations = field(init=False)

    def __post_init__(self) -> None:
        self.ui = load_translations(self.project.theme_dir, self.messages.language)

    @classmethod
    def load(cls, root: Path, messages: Messages) -> Site:
        """Placeholders left by an earlier run are allowed; any other problem is reported
        (as ContentErrors) before anything is asked, so no answer is lost to it."""
        return cls(root, load_project(root, messages=messages, allow_placeholders=True), messages)

    @property
    def lang(self) -> str:
        """The site's main language: the language the files are written in."""
        return self.project.default.code

    @property
    def content(self) -> Messages:
        """Texts written into the files, in the site's main language."""
        return Messages.for_language(self.lang)

    @property
    def marker(self) -> str:
        return marker_for(self.lang)

    @property
    def catalogue(self) -> Catalogue:
        return self.project.part(Catalogue)

    @property
    def terms_dir(self) -> Path:
        return self.project.data_dir / TERMS

    def label(self, msgid: str) -> str:
        """A word of the site (a CHIME process, a role), in the person's language."""
        return self.ui.gettext(msgid)

    def term_name(self, term: Term) -> str:
        return term.name.get(self.messages.language)

    def span(self, starts: dt.date, ends: dt.date) -> str:
        lang = self.messages.language
        return (
            f"{format_date(starts, 'long', locale=lang)} – {format_date(ends, 'long', locale=lang)}"
        )

    def offering_ids(self) -> set[str]:
        return {o.id for t in self.catalogue.terms for o in t.offerings}

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


@dataclass(frozen=True)
class TermPlan:
    id: str
    names: dict[str, str]
    starts: dt.date
    ends: dt.date

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next(iter(self.names.values()))


def ask_term(console: Console, site: Site, prefix: str = "") -> TermPlan:
    """The id, names and dates of a new term. `prefix` keeps the keys apart inside new-course."""
    say = console.say
    messages = site.messages
    known = {p.stem for p in site.terms_dir.glob("*.yml")}

    def term_id(text: str) -> str:
        value = text.strip()
        if not ID.match(value):
            raise Invalid(
                say(
                    '"%(value)s" cannot be a term id. Use small letters, digits and hyphens, '
                    "for example 2027-efteraar.",
                    value=value,
                )
            )
        if value in known:
            raise Invalid(
                say(
                    "there is already a term %(id)s (content/data/terms/%(id)s.yml). "
                    "Choose another id.",
                    id=value,
                )
            )
        return value

    new_id = console.ask(
        Question(
            f"{prefix}id",
            say(
                "Id of the new term (file name; small letters, digits, hyphens, e.g. 2027-efteraar)"
            ),
            term_id,
            default=_next_term_id(site),
        )
    )
    assert new_id is not None
    names = {}
    guess = _guess_names(new_id)
    for language in site.project.languages:
        code = language.code
        name = console.ask(
            Question(
                f"{prefix}name-{code}",
                say(
                    "Name of the term in %(language)s",
                    language=language_name(code, messages.language),
                ),
                lambda text: not_empty(text, messages),
                default=guess.get(code),
                optional=code != site.lang,
            )
        )
        if name:
            names[code] = name
    starts = console.ask(
        Question(
            f"{prefix}starts",
            say("First day of the term (e.g. 11-01-2027)"),
            lambda text: parse_date(text, messages),
            show=lambda day: long_date(day, messages),
        )
    )
    assert starts is not None

    def after_start(text: str) -> dt.date:
        day = parse_date(text, messages)
        if day <= starts:
            raise Invalid(
                say(
                    "the term must end after it starts (%(starts)s). Write a later date.",
                    starts=long_date(starts, messages),
                )
            )
        return day

    ends = console.ask(
        Question(
            f"{prefix}ends",
            say("Last day of the term (e.g. 18-06-2027)"),
            after_start,
            show=lambda day: long_date(day, messages),
        )
    )
    assert ends is not None
    return TermPlan(new_id, names, starts, ends)


def _next_term_id(site: Site) -> str | None:
    """The term after the latest one, where its id follows the pattern 2027-foraar."""
    terms = site.catalogue.terms
    found = re.fullmatch(r"(\d{4})-(foraar|efteraar)", terms[-1].id) if terms else None
    if found is None:
        return None
    year, season = int(found.group(1)), found.group(2)
    return f"{year}-efteraar" if season == "foraar" else f"{year + 1}-foraar"


def _guess_names(term_id: str) -> dict[str, str]:
    found = re.fullmatch(r"(\d{4})-(\w+)", term_id)
    if found is None or found.group(2) not in SEASONS:
        return {}
    return {code: f"{word} {found.group(1)}" for code, word in SEASONS[found.group(2)].items()}


def term_yaml(plan: TermPlan, offerings: list[dict[str, Any]]) -> str:
    head = {"id": plan.id, "name": plan.names, "starts": plan.starts, "ends": plan.ends}
    text = yaml.safe_dump(head, allow_unicode=True, sort_keys=False, default_flow_style=None)
    if not offerings:
        return text + "offerings: []\n"
    return text + "offerings:\n" + offerings_yaml(offerings)


def offerings_yaml(offerings: list[dict[str, Any]]) -> str:
    """Offerings as they look in the example term files: indented, times in double quotes,
    a blank line between runs."""
    text = yaml.safe_dump(
        offerings, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )
    text = re.sub(r"^(\s*(?:start|end)): '?(\d\d:\d\d)'?$", r'\1: "\2"', text, flags=re.M)
    text = re.sub(r"\n(?=- )", "\n\n", text)
    return "\n".join("  " + line if line else line for line in text.splitlines()) + "\n"


def add_offering(term_text: str, block: str) -> str | None:
    """The term file with one more offering at the end of its list, or None where the file
    has no `offerings:` list this can add to."""
    lines = term_text.rstrip("\n").split("\n")
    head = next(
        (i for i, line in enumerate(lines) if re.match(r"^offerings:\s*(\[\])?\s*$", line)), None
    )
    if head is None:
        return None
    if lines[head].rstrip().endswith("[]"):
        lines[head] = "offerings:"
    end = next(
        (i for i in range(head + 1, len(lines)) if re.match(r"^[^\s#-]", lines[i])), len(lines)
    )
    while end > head + 1 and not lines[end - 1].strip():
        end -= 1
    blank = [""] if end > head + 1 else []
    new = [*lines[:end], *blank, *block.rstrip("\n").split("\n"), *lines[end:]]
    return "\n".join(new) + "\n"


def unique_id(base: str, taken: set[str]) -> str:
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def copy_offering(
    site: Site, offering: Offering, plan: TermPlan, taken: set[str]
) -> dict[str, Any]:
    """A run of an earlier term for the new one: the same course, place, people and times;
    each date a placeholder that says what to write."""
    new_id = unique_id(f"{offering.course}-{plan.id}", taken)
    taken.add(new_id)
    data: dict[str, Any] = {"id": new_id, "course": offering.course}
    for name in ("venue", "room", "language", "co_production_exception"):
        if getattr(offering, name):
            data[name] = getattr(offering, name)
    if offering.online:
        data["online"] = True
    data["sessions"] = _copied_sessions(site, offering, plan)
    data["educators"] = [{"name": e.name, "role": e.role} for e in offering.educators]
    if offering.capacity is not None:
        data["capacity"] = offering.capacity
        data["places_left"] = offering.capacity
    signup: dict[str, Any] = {"method": offering.signup.method}
    if offering.signup.link:
        signup["link"] = offering.signup.link
    for name in ("opens", "closes"):
        if getattr(offering.signup, name):
            signup[name] = _date_placeholder(
                site, plan, getattr(offering.signup, name), mark_sign_up=name
            )
    if offering.signup.waiting_list:
        wait = offering.signup.waiting_list
        signup["waiting_list"] = {"method": wait.method, "link": wait.link}
    data["signup"] = signup
    return data


def _copied_sessions(site: Site, offering: Offering, plan: TermPlan) -> dict[str, Any]:
    sessions = offering.sessions
    found: dict[str, Any] = {}
    if sessions.weekly is not None:
        weekly: dict[str, Any] = {
            "first": _date_placeholder(site, plan, sessions.weekly.first),
            "count": sessions.weekly.count,
        }
        if sessions.weekly.every != 1:
            weekly["every"] = sessions.weekly.every
        found["weekly"] = weekly
    else:
        found["dates"] = [_date_placeholder(site, plan, day) for day in sessions.planned()]
    found["start"] = f"{sessions.start:%H:%M}"
    found["end"] = f"{sessions.end:%H:%M}"
    return found


def _date_placeholder(site: Site, plan: TermPlan, old: dt.date, mark_sign_up: str = "") -> str:
    content = site.content
    term = plan.name(site.lang)
    was = format_date(old, "full", locale=site.lang)
    if mark_sign_up == "opens":
        text = content.say(
            "the day sign-up opens for %(term)s, as YYYY-MM-DD (last time: %(was)s)",
            term=term,
            was=was,
        )
    elif mark_sign_up == "closes":
        text = content.say(
            "the day sign-up closes for %(term)s, as YYYY-MM-DD (last time: %(was)s)",
            term=term,
            was=was,
        )
    else:
        text = content.say(
            "a date in %(term)s, a %(weekday)s, as YYYY-MM-DD (last time: %(was)s)",
            term=term,
            weekday=format_date(old, "EEEE", locale=site.lang),
            was=was,
        )
    return f"{site.marker} {text}"


def write_all(root: Path, files: dict[Path, str], check: Callable[[], Project]) -> Project:
    """Write every file, then `check` the project; on any failure put back what was there
    (and remove what was new), so the project is never left half-changed."""
    before = {path: path.read_text(encoding="utf-8") if path.exists() else None for path in files}
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return check()
    except BaseException:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(old, encoding="utf-8")
        raise


def placeholders_in(project: Project, site: Site, paths: list[Path]) -> list[ContentError]:
    shown = {site.display(path) for path in paths}
    return [p for p in project.placeholders if p.path in shown]


def run_new_term(console: Console, site: Site) -> tuple[list[Path], Project]:
    """Ask for a new term, write it (with copies of an earlier term's runs, if chosen)."""
    say = console.say
    plan = ask_term(console, site)
    terms = site.catalogue.terms
    choices = [Choice("none", say("Start empty (add courses with new-course)"))] + [
        Choice(
            term.id,
            say(
                "Copy the %(count)s runs of %(term)s (dates to fill in)",
                count=len(term.offerings),
                term=site.term_name(term),
            ),
        )
        for term in reversed(terms)
        if term.offerings
    ]
    by_id = {term.id: term for term in terms}

    def source(value: str) -> Term | None:
        if value == "none":
            return None
        if value not in by_id:
            raise Invalid(
                say(
                    'there is no term "%(id)s" to copy. Known terms: %(known)s.',
                    id=value,
                    known=", ".join(by_id) or say("none yet"),
                )
            )
        return by_id[value]

    copy = console.ask(
        Question(
            "copy-from",
            say("Courses in the new term"),
            source,
            choices=choices,
            default="none",
            store=lambda term: term.id if term else "none",
        )
    )
    taken = site.offering_ids()
    offerings = [copy_offering(site, o, plan, taken) for o in (copy.offerings if copy else [])]
    path = site.terms_dir / f"{plan.id}.yml"
    project = write_all(
        site.root,
        {path: term_yaml(plan, offerings)},
        lambda: load_project(site.root, messages=site.messages, allow_placeholders=True),
    )
    return [path], project
