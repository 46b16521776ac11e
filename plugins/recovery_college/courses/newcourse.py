"""`recovery-college new-course`: a course page and a run of it in a term, asked as a person
thinks of them: which term, which course (a new one, or a new run of one that exists), what it
is, then where, when, who teaches and how to sign up.

Every answer is checked as it is typed (content.asking). What cannot be asked sensibly, what
people get out of the course and the long description, is written as a placeholder that the
build refuses to publish (content.placeholders). The files are written all at once and checked
with the same validation as the build; if anything is wrong nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from recovery_college.assembly import load_project
from recovery_college.content.asking import (
    Choice,
    Console,
    Invalid,
    Question,
    Refused,
    long_date,
    not_empty,
    parse_date,
    parse_number,
    parse_time,
)
from recovery_college.content.languages import language_name
from recovery_college.content.loading import Project
from recovery_college.content.models import CHIME
from recovery_college.content.urls import EMAIL, url_problem
from recovery_college.courses.models import SIGNUP_SCHEMES, Term, Venue
from recovery_college.courses.newterm import (
    ID,
    Site,
    TermPlan,
    add_offering,
    ask_term,
    offerings_yaml,
    term_yaml,
    unique_id,
    write_all,
)
from recovery_college.courses.views import DEMAND_LABELS, PAUSE_LABELS, ROLE_LABELS
from recovery_college.outputs.i18n import CHIME_LABELS

NEW = "new"
ONLINE = "online"
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def slug(title: str) -> str:
    """A course id from its title: "Sorg og håb" gives "sorg-og-haab"."""
    text = unicodedata.normalize("NFKD", title.lower().translate(DANISH_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Plan:
    """What will be written: the course page (for a new course) and the run in its term."""

    term: Term | TermPlan
    course: str
    page: str | None
    offering: dict[str, Any]
    summary: list[tuple[str, str]]


class NewCourse:
    """The questions, in order; each method asks one part and adds to the plan."""

    def __init__(self, console: Console, site: Site):
        self.console = console
        self.site = site
        self.say = console.say
        self.messages = site.messages
        self.summary: list[tuple[str, str]] = []

    def note(self, label: str, value: str) -> None:
        self.summary.append((label, value))

    def run(self) -> Plan:
        term = self.term()
        course, page = self.course()
        offering = self.offering(term, course)
        return Plan(term, course, page, offering, self.summary)

    # -- term -----------------------------------------------------------------------------

    def term(self) -> Term | TermPlan:
        terms = {term.id: term for term in self.site.catalogue.terms}
        files = {p.stem for p in self.site.terms_dir.glob("*.yml")}
        choices = [
            Choice(t.id, f"{self.site.term_name(t)} ({t.id}): {self.site.span(t.starts, t.ends)}")
            for t in terms.values()
        ] + [Choice(NEW, self.say("A new term"))]
        coming = [t.id for t in terms.values() if t.ends >= self.site.today]

        def parse(value: str) -> Term | str:
            if value == NEW:
                if not self.console.interactive:
                    raise Invalid(
                        self.say(
                            "make the term first with recovery-college new-term, then add the "
                            "course to it."
                        )
                    )
                return NEW
            if value in terms:
                return terms[value]
            if value in files:
                raise Invalid(
                    self.say(
                        "content/data/terms/%(id)s.yml still has texts to fill in. Fill them "
                        "in first (recovery-college check lists them).",
                        id=value,
                    )
                )
            raise Invalid(
                self.say(
                    'there is no term "%(id)s". Known terms: %(known)s. A new term is made '
                    "with recovery-college new-term.",
                    id=value,
                    known=", ".join(terms) or self.say("none yet"),
                )
            )

        found = self.console.ask(
            Question(
                "term",
                self.say("Which term is the course in?"),
                parse,
                default=coming[0] if coming else NEW,
                choices=choices,
                store=lambda t: t if isinstance(t, str) else t.id,
            )
        )
        if found == NEW:
            plan = ask_term(self.console, self.site, prefix="term-")
            self.note(
                self.say("Term"),
                f"{plan.name(self.messages.language)} ({plan.id}), " + self.say("a new term"),
            )
            return plan
        assert isinstance(found, Term)
        self.note(self.say("Term"), f"{self.site.term_name(found)} ({found.id})")
        return found

    # -- course ---------------------------------------------------------------------------

    def course(self) -> tuple[str, str | None]:
        pages = self.site.project.pages.get(self.site.lang, {})
        existing = {
            rel.removeprefix("courses/").removesuffix(".md"): page.title
            for rel, page in pages.items()
            if rel.startswith("courses/") and rel.count("/") == 1 and rel != "courses/index.md"
        }
        choices = [Choice(NEW, self.say("A new course"))] + [
            Choice(cid, f"{title} ({cid})") for cid, title in sorted(existing.items())
        ]

        def parse(value: str) -> str:
            if value != NEW and value not in existing:
                raise Invalid(
                    self.say(
                        'there is no course "%(id)s". Known courses: %(known)s.',
                        id=value,
                        known=", ".join(sorted(existing)) or self.say("none yet"),
                    )
                )
            return value

        chosen = self.console.ask(
            Question(
                "course",
                self.say("A new course, or a new run of a course that exists?"),
                parse,
                default=NEW,
                choices=choices,
            )
        )
        assert chosen is not None
        if chosen != NEW:
            self.note(self.say("Course"), f"{existing[chosen]} ({chosen})")
            return chosen, None
        return self.new_course(existing)

    def new_course(self, existing: dict[str, str]) -> tuple[str, str]:
        ask, say, messages = self.console.ask, self.say, self.messages
        title = ask(Question("title", say("Title"), lambda t: not_empty(t, messages)))
        assert title is not None

        def course_id(text: str) -> str:
            value = text.strip()
            if not ID.match(value):
                raise Invalid(
                    say(
                        '"%(value)s" cannot be a course id. Use small letters, digits and '
                        'hyphens, e.g. "sorg-og-haab".',
                        value=value,
                    )
                )
            if value in existing:
                raise Invalid(
                    say(
                        'there is already a course "%(id)s". To add a new run of it, choose it '
                        "in the list of courses (--course %(id)s), or choose another id.",
                        id=value,
                    )
                )
            return value

        course = ask(
            Question(
                "id",
                say("Short name for the address (small letters, digits and hyphens)"),
                course_id,
                default=slug(title) or None,
            )
        )
        assert course is not None
        summary = ask(
            Question("summary", say("Summary (one sentence)"), lambda t: not_empty(t, messages))
        )
        for_whom = ask(
            Question(
                "for-whom",
                say("Who is the course for?"),
                lambda t: not_empty(t, messages),
                default=self.site.content.say(
                    "Everyone who is interested. You do not need a diagnosis or a referral."
                ),
            )
        )
        meta: dict[str, Any] = {"title": title, "summary": summary}
        meta["outcomes"] = [
            f"{self.site.marker} "
            + self.site.content.say("write 2 to 4 things people get out of the course")
        ]
        meta["for_whom"] = for_whom
        meta.update(self.course_fields())
        self.note(say("Course"), f"{title} ({course}), " + say("a new course"))
        return course, self.page_text(meta)

    def course_fields(self) -> dict[str, Any]:
        ask, say, label = self.console.ask, self.say, self.site.label
        fields: dict[str, Any] = {}
        fields["chime"] = ask(
            self.several(
                "chime",
                say("Which recovery processes (CHIME) does the course support?"),
                [Choice(c, label(CHIME_LABELS[c])) for c in CHIME],
                "hope",
            )
        )
        themes = [
            Choice(t.id, t.name.get(self.messages.language))
            for t in self.site.catalogue.themes.values()
        ]
        fields["themes"] = ask(
            self.several(
                "themes",
                say("Themes (for the catalogue's filter)"),
                themes,
                themes[0].value if themes else None,
            )
        )
        fields["demand"] = ask(
            self.one(
                "demand",
                say("How demanding is the course?"),
                [Choice(k, label(v)) for k, v in DEMAND_LABELS.items()],
                "light",
            )
        )
        fields["attendance"] = ask(
            self.one(
                "attendance",
                say("How do people take part?"),
                [
                    Choice("sign-up", say("They sign up")),
                    Choice("drop-in", say("They just turn up (drop-in)")),
                ],
                "sign-up",
            )
        )
        drop_in = fields["attendance"] == "drop-in"
        fields["pause_policy"] = ask(
            self.one(
                "pause-policy",
                say("If someone needs a break"),
                [Choice(k, label(v)) for k, v in PAUSE_LABELS.items()],
                "drop-in-any-time" if drop_in else "keep-place",
            )
        )
        return fields

    def one(self, key: str, text: str, choices: list[Choice], default: str) -> Question[str]:
        return Question(key, text, lambda value: value, default=default, choices=choices)

    def several(
        self, key: str, text: str, choices: list[Choice], default: str | None
    ) -> Question[list[str]]:
        return Question(
            key,
            text,
            lambda value: value.split(","),
            default=default,
            choices=choices,
            several=True,
            store=",".join,
        )

    def page_text(self, meta: dict[str, Any]) -> str:
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        content = self.site.content
        body = (
            f"{self.site.marker} "
            + content.say(
                "write what happens on the course and how a meeting goes. Write short and plain."
            )
            + "\n\n"
            + content.say(
                "The course is taught by an educator with lived experience together with a "
                "professional educator."
            )
            + "\n"
        )
        return f"---\n{front}---\n\n{body}"

    # -- the run --------------------------------------------------------------------------

    def offering(self, term: Term | TermPlan, course: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": unique_id(f"{course}-{term.id}", self.site.offering_ids()),
            "course": course,
        }
        data.update(self.place())
        data["language"] = self.language()
        data["sessions"] = self.sessions(term)
        data["educators"] = self.educators()
        capacity = self.console.ask(
            Question(
                "capacity",
                self.say("Number of places"),
                lambda t: parse_number(t, self.messages, 1, 500),
                default="14",
            )
        )
        data["capacity"] = data["places_left"] = capacity
        self.note(self.say("Places"), str(capacity))
        data["signup"] = self.signup(term, data["sessions"])
        return data

    def place(self) -> dict[str, Any]:
        venues = self.site.catalogue.venues
        choices = [Choice(v.id, f"{v.name} ({v.address.one_line()})") for v in venues.values()] + [
            Choice(ONLINE, self.say("Online"))
        ]

        def parse(value: str) -> str:
            if value != ONLINE and value not in venues:
                raise Invalid(
                    self.say(
                        'there is no venue "%(venue)s" in content/data/venues.yml. Known '
                        "venues: %(known)s, or online.",
                        venue=value,
                        known=", ".join(venues) or self.say("none yet"),
                    )
                )
            return value

        venue_id = self.console.ask(
            Question(
                "venue",
                self.say("Where is the course held?"),
                parse,
                default=next(iter(venues), ONLINE),
                choices=choices,
            )
        )
        if venue_id == ONLINE:
            self.note(self.say("Place"), self.say("Online"))
            return {"online": True}
        venue = venues[str(venue_id)]
        room = self.room(venue)
        self.note(self.say("Place"), f"{venue.name}, {room}" if room else venue.name)
        return {"venue": venue.id, **({"room": room} if room else {})}

    def room(self, venue: Venue) -> str | None:
        if not venue.rooms:
            return self.console.ask(
                Question("room", self.say("Room"), lambda t: t.strip(), optional=True)
            )

        def parse(value: str) -> str:
            if value not in venue.rooms:
                raise Invalid(
                    self.say(
                        '"%(room)s" is not a room of %(venue)s. Rooms: %(rooms)s.',
                        room=value,
                        venue=venue.name,
                        rooms=", ".join(venue.rooms),
                    )
                )
            return value

        return self.console.ask(
            Question(
                "room",
                self.say("Which room?"),
                parse,
                choices=[Choice(r, r) for r in venue.rooms],
                default=venue.rooms[0],
                optional=True,
            )
        )

    def language(self) -> str:
        def parse(text: str) -> str:
            code = text.strip().lower()
            try:
                Locale.parse(code)
            except (UnknownLocaleError, ValueError):
                raise Invalid(
                    self.say(
                        'the language code "%(code)s" is not known. Write the two-letter code '
                        "of the language the course is taught in, such as da, en, ar, uk or fa.",
                        code=text,
                    )
                ) from None
            return code

        code = self.console.ask(
            Question(
                "language",
                self.say("Language the course is taught in (code)"),
                parse,
                default=self.site.lang,
                show=lambda code: language_name(code, self.messages.language),
            )
        )
        assert code is not None
        return code

    def sessions(self, term: Term | TermPlan) -> dict[str, Any]:
        ask, say, messages = self.console.ask, self.say, self.messages

        def in_term(text: str) -> dt.date:
            day = parse_date(text, messages)
            if not term.starts <= day <= term.ends:
                raise Invalid(
                    say(
                        "%(day)s is outside the term (%(starts)s to %(ends)s). Choose a date "
                        "in the term.",
                        day=long_date(day, messages),
                        starts=long_date(term.starts, messages),
                        ends=long_date(term.ends, messages),
                    )
                )
            return day

        first = ask(
            Question(
                "first",
                say("Date of the first meeting (e.g. 14-01-2027)"),
                in_term,
                show=lambda day: long_date(day, messages),
            )
        )
        assert first is not None

        def fits(text: str) -> int:
            count = parse_number(text, messages, 1, 60)
            last = first + dt.timedelta(weeks=count - 1)
            if last > term.ends:
                raise Invalid(
                    say(
                        "with %(count)s weekly meetings the last would be %(last)s, outside the "
                        "term, which ends %(ends)s. Write a smaller number.",
                        count=count,
                        last=long_date(last, messages),
                        ends=long_date(term.ends, messages),
                    )
                )
            return count

        count = ask(
            Question(
                "count",
                say("Number of meetings (one a week)"),
                fits,
                default="6",
                show=lambda n: say(
                    "last meeting: %(last)s",
                    last=long_date(first + dt.timedelta(weeks=n - 1), messages),
                ),
            )
        )
        assert count is not None
        start = ask(
            Question(
                "start",
                say("Start time (e.g. 13:00)"),
                lambda t: parse_time(t, messages),
                default="13:00",
            )
        )
        assert start is not None

        def after_start(text: str) -> str:
            end = parse_time(text, messages)
            if end <= start:
                raise Invalid(
                    say(
                        "the end time %(end)s is not after the start time %(start)s. Check the "
                        "times.",
                        end=end,
                        start=start,
                    )
                )
            return end

        end = ask(Question("end", say("End time (e.g. 15:00)"), after_start, default="15:00"))
        last = first + dt.timedelta(weeks=count - 1)
        self.note(
            say("Meetings"),
            say(
                "%(count)s, weekly from %(first)s to %(last)s, %(start)s-%(end)s",
                count=count,
                first=long_date(first, messages),
                last=long_date(last, messages),
                start=start,
                end=end,
            ),
        )
        return {"weekly": {"first": first, "count": count}, "start": start, "end": end}

    def educators(self) -> list[dict[str, str]]:
        ask, say, label, messages = self.console.ask, self.say, self.site.label, self.messages
        role = ask(
            self.one(
                "role",
                say("The educator with lived experience has it"),
                [
                    Choice("peer", label(ROLE_LABELS["peer"])),
                    Choice("relative", label(ROLE_LABELS["relative"])),
                ],
                "peer",
            )
        )
        assert role is not None
        lived = ask(
            Question(
                role,
                say("Name of the educator with lived experience"),
                lambda t: not_empty(t, messages),
            )
        )
        professional = ask(
            Question(
                "professional",
                say("Name of the professional educator"),
                lambda t: not_empty(t, messages),
            )
        )
        self.note(say("Educators"), f"{lived} ({label(ROLE_LABELS[role])}), {professional}")
        return [
            {"name": str(lived), "role": role},
            {"name": str(professional), "role": "professional"},
        ]

    def signup(self, term: Term | TermPlan, sessions: dict[str, Any]) -> dict[str, Any]:
        ask, say, messages = self.console.ask, self.say, self.messages
        link_given = self.console.given.get("signup", "")
        guessed = next(
            (m for m, schemes in SIGNUP_SCHEMES.items() if link_given.startswith(schemes)), None
        )
        drop_in = self.console.answers.get("attendance") == "drop-in"
        method = ask(
            self.one(
                "signup-method",
                say("How do people sign up?"),
                [
                    Choice("form", say("On a form on the web (https:// link)")),
                    Choice("email", say("By e-mail")),
                    Choice("phone", say("By phone")),
                    Choice("drop-in", say("No sign-up: they just turn up")),
                ],
                guessed or ("drop-in" if drop_in else "form"),
            )
        )
        assert method is not None
        signup: dict[str, Any] = {"method": method}
        if method == "drop-in":
            self.note(say("Sign-up"), say("No sign-up: they just turn up"))
            return signup
        prompts = {
            "form": say("Web address of the sign-up form (https://...)"),
            "email": say("E-mail address for sign-up"),
            "phone": say("Phone number for sign-up"),
        }
        link = ask(Question("signup", prompts[method], lambda t: self.link(method, t)))
        signup["link"] = link
        first: dt.date = sessions["weekly"]["first"]
        opens = ask(
            Question(
                "opens",
                say("Day sign-up opens (empty: open from now on)"),
                lambda t: parse_date(t, messages),
                optional=True,
                show=lambda day: long_date(day, messages),
            )
        )

        def after_opening(text: str) -> dt.date:
            day = parse_date(text, messages)
            if opens and day < opens:
                raise Invalid(
                    say(
                        "sign-up closes (%(closes)s) before it opens (%(opens)s).",
                        closes=long_date(day, messages),
                        opens=long_date(opens, messages),
                    )
                )
            return day

        closes = ask(
            Question(
                "closes",
                say("Last day to sign up"),
                after_opening,
                default=(first - dt.timedelta(days=1)).isoformat(),
                optional=True,
                show=lambda day: long_date(day, messages),
            )
        )
        if opens:
            signup["opens"] = opens
        if closes:
            signup["closes"] = closes
        self.note(say("Sign-up"), str(link))
        return signup

    def link(self, method: str, text: str) -> str:
        """The link as the build wants it (content.urls and the sign-up rule); an e-mail
        address or a phone number typed plainly gets its mailto: or tel: in front."""
        value = text.strip()
        if method == "email" and ":" not in value and EMAIL.match(value):
            value = f"mailto:{value}"
        if method == "phone" and re.fullmatch(r"\+?[\d ]{8,20}", value):
            number = value.replace(" ", "")
            value = "tel:" + (f"+45{number}" if len(number) == 8 else number)
        problem = url_problem(value)
        if problem is not None:
            raise Invalid(problem.translated(self.messages))
        scheme = SIGNUP_SCHEMES[method][0]
        if not value.startswith(scheme):
            raise Invalid(
                self.say(
                    'the sign-up link "%(link)s" must start with %(scheme)s for sign-up by '
                    "%(method)s.",
                    link=value,
                    scheme=scheme,
                    method=method,
                )
            )
        return value


def files(site: Site, plan: Plan) -> dict[Path, str]:
    """The files to write: the course page (new course), and the term with the new run."""
    found: dict[Path, str] = {}
    if plan.page is not None:
        page = site.project.content_dir(site.lang) / "courses" / f"{plan.course}.md"
        if page.exists():
            raise Refused(site.messages.say("%(file)s already exists.", file=site.display(page)))
        found[page] = plan.page
    if isinstance(plan.term, TermPlan):
        found[site.terms_dir / f"{plan.term.id}.yml"] = term_yaml(plan.term, [plan.offering])
        return found
    path = site.terms_dir / f"{plan.term.id}.yml"
    text = add_offering(path.read_text(encoding="utf-8"), offerings_yaml([plan.offering]))
    if text is None:
        raise Refused(
            site.messages.say(
                '%(file)s has no "offerings:" list to add to.', file=site.display(path)
            )
        )
    found[path] = text
    return found


def write(site: Site, plan: Plan) -> tuple[list[Path], Project]:
    planned = files(site, plan)
    project = write_all(
        site.root,
        planned,
        lambda: load_project(site.root, messages=site.messages, allow_placeholders=True),
    )
    return list(planned), project
