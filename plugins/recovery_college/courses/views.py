"""What the course pages, term pages and the catalogue show, worked out once per language.

Templates receive these views and only lay them out; every label, date and status text is
decided here, through the language's gettext catalogue and Babel.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from babel import Locale
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from recovery_college.content import languages
from recovery_college.content.models import Localized, LocalText
from recovery_college.content.settings import TIMEZONE
from recovery_college.courses.models import (
    Catalogue,
    CourseMeta,
    Meeting,
    Offering,
    Sessions,
    Term,
    Venue,
    status,
    term_is_past,
)
from recovery_college.outputs.i18n import CHIME_LABELS, N_, Dates
from recovery_college.outputs.pagination import Pager, page_count, pager

Gettext = Callable[[str], str]

# Coming runs a course page shows in full; the rest are on its later pages (courses/<id>/side/2/
# ...). A run in full (dates, teachers, the venue's access and directions) takes 2 to 3 KB.
RUNS_PER_PAGE = 6

STATUS_LABELS = {
    "open": N_("Open for sign-up"),
    "few": N_("Few places left"),
    "full": N_("Full"),
    "cancelled": N_("Cancelled"),
    "finished": N_("Finished"),
}
DROP_IN_OPEN = N_("Just turn up")
# An open course whose sign-up window is shut must not say "Open for sign-up" at the top.
SIGNUP_CLOSED = N_("Sign-up closed")
SIGNUP_NOT_YET = N_("Sign-up opens later")
ROLE_LABELS = {
    "peer": N_("Peer educator (lived experience)"),
    "relative": N_("Relative educator (lived experience as a relative)"),
    "professional": N_("Professional educator"),
}
DEMAND_LABELS = {"light": N_("Light"), "moderate": N_("Moderate"), "intensive": N_("Intensive")}
PAUSE_LABELS = {
    "keep-place": N_("You can take a break and keep your place."),
    "rejoin-next-term": N_("If you need a break, you can join again next term."),
    "drop-in-any-time": N_("Come when you can. You do not need to sign up."),
}
TIME_OF_DAY = {"morning": N_("Morning"), "afternoon": N_("Afternoon"), "evening": N_("Evening")}
# Weekdays as they stand in addresses and filter values (Monday first, as isoweekday counts),
# Danish like the site's other fixed slugs, written without æ, ø, å: `?dag=loerdag`.
WEEKDAY_SLUGS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag")
# Each filter's name in the catalogue's address (`courses/?sprog=ar&dag=tirsdag`), so a
# chosen filter can be shared, bookmarked and kept by the back button.
FILTER_PARAMS = {
    "theme": "tema",
    "chime": "chime",
    "venue": "sted",
    "weekday": "dag",
    "time": "tid",
    "mode": "form",
    "attendance": "tilmelding",
    "language": "sprog",
    "stepfree": "trinfri",
}


def weekday_slug(day: dt.date) -> str:
    return WEEKDAY_SLUGS[day.isoweekday() - 1]


def written_out(link: str) -> str:
    """A link as a reader copies it from paper: the e-mail address, the phone number, the web
    address without https:// (a browser adds it)."""
    if link.startswith("tel:"):
        number = link[len("tel:") :]
        if number.startswith("+45") and len(number) == 11:  # +45 12 34 56 78, as Danes write it
            return "+45 " + " ".join(number[i : i + 2] for i in range(3, 11, 2))
        return number
    if link.startswith("mailto:"):
        return link[len("mailto:") :].split("?", 1)[0]
    if link.startswith("https://"):  # the query stays: it may say which course
        return link[len("https://") :].rstrip("/")
    return link


def time_of_day(start: dt.time) -> str:
    if start.hour < 12:
        return "morning"
    return "afternoon" if start.hour < 17 else "evening"


@dataclass(frozen=True)
class VenueView:
    id: str
    name: str
    address: str
    room: str | None
    step_free: bool
    facts: list[tuple[str, bool]]
    transport: LocalText | None
    map: str | None
    access: str = ""  # the facts in one line, for calendars


@dataclass(frozen=True)
class MeetingView:
    """One meeting for the calendars: its identity is the day it was planned for, so a moved
    or cancelled meeting keeps its place in every calendar that imported it."""

    planned: dt.date
    start: dt.datetime
    end: dt.datetime
    cancelled: bool


@dataclass(frozen=True)
class SignupView:
    method: str
    label: str
    link: str | None  # None when no one can sign up now: full, over, or outside the window
    window: str | None
    opens: dt.date | None = None
    closes: dt.date | None = None
    written: str = ""  # the sign-up address written out for print: a web address, e-mail, phone
    waiting_label: str | None = None  # a full course with a waiting list: how to join it
    waiting_link: str | None = None
    waiting_method: str | None = None


@dataclass(frozen=True)
class OfferingView:
    id: str
    course: str
    course_title: str
    course_url: str
    term: str
    term_name: str
    status: str
    status_label: str
    badge: str  # the label's look: the status, or "closed" while sign-up is shut
    dates: list[str]
    first_day: dt.date
    weekday: str
    time: str
    time_of_day: str
    online: bool
    venue: VenueView | None
    language: str
    language_name: str
    educators: list[tuple[str, str, str]]
    signup: SignupView
    places: str | None
    notes: LocalText | None
    ics_url: str
    starts: list[dt.datetime]
    ends: list[dt.datetime]
    filters: dict[str, str] = field(default_factory=dict)
    co_production_exception: str | None = None  # why no educator has lived experience
    summary: str = ""  # the course's summary, for the printed programme
    # Start and end apart, so print can isolate each: a right-to-left reader meets the start first.
    time_start: str = ""
    time_end: str = ""
    first_date: str = ""  # the first meeting held, as the language writes a date
    first_date_short: str = ""  # the same without its weekday, for cards that name it already
    meetings: list[MeetingView] = field(default_factory=list)  # with cancelled ones
    changes: list[str] = field(default_factory=list)  # moved or cancelled meetings, in words
    # The language of the course's title and summary: the default one where the course page
    # is not translated, so a Danish summary on an Arabic card is read (and set) as Danish.
    content_lang: str = ""
    content_dir: str = "ltr"


@dataclass(frozen=True)
class TermLink:
    """A term as the catalogue pages name it: a link to its page. Only what they show, so a
    changed offering does not change every list page's inputs (engine/rendercache.py)."""

    id: str
    name: Localized

    @classmethod
    def of(cls, term: Term) -> TermLink:
        return cls(term.id, term.name)


@dataclass(frozen=True)
class Month:
    label: str
    offerings: list[OfferingView]

    fingerprint_fields: ClassVar[bool] = True  # a page's key digests each view once (rendercache)


class CatalogueViews:
    """Views of one catalogue in one language at one moment."""

    def __init__(
        self,
        catalogue: Catalogue,
        courses: dict[str, CourseMeta],
        lang: str,
        gettext: Gettext,
        now: dt.datetime,
        untranslated: tuple[str, str, frozenset[str]] | None = None,
    ):
        """`untranslated`: the default language's code and direction, and the courses whose
        page exists only in it (their title and summary are shown in that language)."""
        self.untranslated = untranslated
        self.catalogue = catalogue
        self.courses = courses
        self.lang = lang
        self._ = gettext
        self.now = now
        self.dates = Dates(lang)
        self._views: dict[tuple[str, str], OfferingView] = {}
        self._programmes: dict[str, list[OfferingView]] = {}
        self._months: dict[str, list[Month]] = {}
        self._upcoming: list[OfferingView] | None = None
        self._by_course: dict[str, tuple[list[OfferingView], list[OfferingView]]] | None = None

    def venue(self, venue: Venue, room: str | None) -> VenueView:
        _ = self._
        facts = [
            (_("Step-free entrance"), venue.step_free),
            (_("Lift"), venue.lift),
            (_("Accessible toilet"), venue.accessible_toilet),
            (_("Hearing loop"), venue.hearing_loop),
            (_("Quiet room"), venue.quiet_room),
        ]
        return VenueView(
            id=venue.id,
            name=venue.name,
            address=venue.address.one_line(),
            room=room,
            step_free=venue.step_free,
            facts=facts,
            transport=venue.transport.text(self.lang) if venue.transport else None,
            map=venue.map,
            access=" · ".join(f"{label}: {_('yes') if ok else _('no')}" for label, ok in facts),
        )

    def signup(self, offering: Offering, state: str) -> SignupView:
        _ = self._
        signup = offering.signup
        labels = {
            "form": _("Sign up with the school's form"),
            "email": _("Sign up by e-mail"),
            "phone": _("Sign up by phone"),
            "drop-in": _("No sign-up: just turn up"),
        }
        window = None
        where = signup.window(self.now.date())
        if signup.method != "drop-in" and state not in ("cancelled", "finished"):
            if where == "before" and signup.opens is not None:
                window = _("Sign-up opens %(date)s.") % {
                    "date": self.dates.date(signup.opens, "long")
                }
            elif where == "after":
                window = _("Sign-up has closed.")
            elif signup.closes:
                window = _("Sign up by %(date)s.") % {
                    "date": self.dates.date(signup.closes, "long")
                }
        # Outside the sign-up window: no button to a form that will not take it.
        open_to_sign_up = state not in ("cancelled", "finished", "full") and where == "open"
        link = signup.link if open_to_sign_up else None
        waiting = signup.waiting_list if state == "full" else None
        waiting_labels = {
            "form": _("Join the waiting list with the school's form"),
            "email": _("Join the waiting list by e-mail"),
            "phone": _("Join the waiting list by phone"),
        }
        return SignupView(
            signup.method,
            labels[signup.method],
            link,
            window,
            signup.opens,
            signup.closes,
            written=written_out(signup.link) if signup.link else "",
            waiting_label=waiting_labels[waiting.method] if waiting else None,
            waiting_link=waiting.link if waiting else None,
            waiting_method=waiting.method if waiting else None,
        )

    def _status_label(self, offering: Offering, state: str) -> tuple[str, str]:
        signup = offering.signup
        if state == "open" and signup.method == "drop-in":
            return DROP_IN_OPEN, state
        if state in ("open", "few"):
            where = signup.window(self.now.date())
            if where == "after":
                return SIGNUP_CLOSED, "closed"
            if where == "before":
                return SIGNUP_NOT_YET, "closed"
        return STATUS_LABELS[state], state

    def meeting_words(
        self, sessions: Sessions, meetings: list[Meeting]
    ) -> tuple[list[str], list[str]]:
        """Every meeting's day (a moved one says from when, a cancelled one says so), and what
        changed in the run, one sentence each, shown wherever the run is."""
        _ = self._
        labels: list[str] = []
        changes: list[str] = []
        for meeting in meetings:
            day = self.dates.date(meeting.day, "full")
            planned = self.dates.date(meeting.planned, "full")
            times = f"{self.dates.time(meeting.start)}–{self.dates.time(meeting.end)}"
            if meeting.cancelled:
                labels.append(_("%(date)s: cancelled") % {"date": day})
                changes.append(_("The meeting on %(date)s is cancelled.") % {"date": planned})
            elif meeting.moved or (meeting.start, meeting.end) != (sessions.start, sessions.end):
                words = {"date": day, "time": times, "planned": planned}
                labels.append(_("%(date)s, %(time)s (moved from %(planned)s)") % words)
                changes.append(
                    _("The meeting on %(planned)s is moved to %(date)s, %(time)s.") % words
                )
            else:
                labels.append(day)
        return labels, changes

    def offering(self, term: Term, offering: Offering) -> OfferingView:
        """Each offering's view is made once: course, term, catalogue pages and calendars share it."""
        key = (term.id, offering.id)
        if key not in self._views:
            self._views[key] = self._offering(term, offering)
        return self._views[key]

    def _offering(self, term: Term, offering: Offering) -> OfferingView:
        _ = self._
        state = status(offering, self.now)
        sessions = offering.sessions
        meetings = sessions.meetings()  # worked out once: days, times and calendars come from it
        timed = [
            MeetingView(
                m.planned,
                dt.datetime.combine(m.day, m.start, TIMEZONE),
                dt.datetime.combine(m.day, m.end, TIMEZONE),
                m.cancelled,
            )
            for m in meetings
        ]
        held = [m for m in timed if not m.cancelled]
        days = [m.start.date() for m in held]
        time_start, time_end = self.dates.time(sessions.start), self.dates.time(sessions.end)
        meta = self.courses.get(offering.course)
        venue = self.catalogue.venues.get(offering.venue or "")
        venue_view = self.venue(venue, offering.room) if venue else None
        start = offering.sessions.start
        label, badge = self._status_label(offering, state)
        places = None
        if offering.signup.method != "drop-in" and offering.places_left is not None:
            places = _("%(left)s of %(total)s places left") % {
                "left": offering.places_left,
                "total": offering.capacity if offering.capacity is not None else "?",
            }
        language = offering.language or self.lang  # the loader always sets it
        labels, changes = self.meeting_words(sessions, meetings)
        language_name = languages.language_name(language, self.lang)
        view = OfferingView(
            id=offering.id,
            course=offering.course,
            course_title=meta.title if meta else offering.course,
            course_url=f"courses/{offering.course}/",
            term=term.id,
            term_name=term.name.get(self.lang),
            status=state,
            status_label=_(label),
            badge=badge,
            dates=labels,
            first_day=days[0],
            weekday=self.dates.weekday(days[0]),
            time=f"{time_start}–{time_end}",
            time_start=time_start,
            time_end=time_end,
            time_of_day=time_of_day(start),
            online=offering.online,
            venue=venue_view,
            language=language,
            language_name=language_name,
            educators=[(e.name, e.role, _(ROLE_LABELS[e.role])) for e in offering.educators],
            signup=self.signup(offering, state),
            places=places,
            notes=offering.notes.text(self.lang) if offering.notes else None,
            ics_url=f"calendars/{offering.id}.ics",
            starts=[m.start for m in held],
            ends=[m.end for m in held],
            co_production_exception=offering.co_production_exception,
            summary=meta.summary if meta else "",
            meetings=timed,
            changes=changes,
            first_date=self.dates.date(days[0], "full"),
            first_date_short=self.dates.date(days[0], "long"),
            content_lang=self.lang,
            content_dir="rtl"
            if Locale.parse(self.lang).character_order == "right-to-left"
            else "ltr",
        )
        if self.untranslated and offering.course in self.untranslated[2]:
            object.__setattr__(view, "content_lang", self.untranslated[0])
            object.__setattr__(view, "content_dir", self.untranslated[1])
        filters = {
            "theme": " ".join(meta.themes) if meta else "",
            "chime": " ".join(meta.chime) if meta else "",
            "venue": offering.venue or "online",
            "weekday": weekday_slug(days[0]),
            "time": view.time_of_day,
            "mode": "online" if offering.online else "in-person",
            "attendance": "drop-in" if offering.signup.method == "drop-in" else "sign-up",
            "language": offering.language,
            "stepfree": "yes" if offering.online or (venue and venue.step_free) else "no",
            "status": state,
        }
        object.__setattr__(view, "filters", filters)
        return view

    def current_terms(self) -> list[Term]:
        return [t for t in self.catalogue.terms if not term_is_past(t, self.now.date())]

    def current_term_links(self) -> list[TermLink]:
        return [TermLink.of(t) for t in self.current_terms()]

    def past_terms(self) -> list[Term]:
        return [t for t in self.catalogue.terms if term_is_past(t, self.now.date())]

    def upcoming(self) -> list[OfferingView]:
        """Offerings a citizen can still join or follow: current and coming terms, not over."""
        if self._upcoming is None:
            views = [self.offering(t, o) for t in self.current_terms() for o in t.offerings]
            self._upcoming = sorted(
                (v for v in views if v.status != "finished"), key=lambda v: (v.first_day, v.time)
            )
        return self._upcoming

    def for_course(self, course: str) -> tuple[list[OfferingView], list[OfferingView]]:
        """A course's coming and past runs. Every course page, each page of its runs, its
        poster and the page list ask; the catalogue is gone through once for all courses (a
        national school's 200 courses asking 10,000 offerings each was most of a build)."""
        if self._by_course is None:
            found: dict[str, list[OfferingView]] = {}
            for term, offering in self.catalogue.offerings():
                found.setdefault(offering.course, []).append(self.offering(term, offering))
            self._by_course = {
                name: (
                    sorted((v for v in views if v.status != "finished"), key=lambda v: v.first_day),
                    sorted((v for v in views if v.status == "finished"), key=lambda v: v.first_day),
                )
                for name, views in found.items()
            }
        return self._by_course.get(course, ([], []))

    def term_offerings(self, term: Term) -> list[OfferingView]:
        """A term's programme in the order it happens (worked out once: every page of it asks)."""
        if term.id not in self._programmes:
            self._programmes[term.id] = sorted(
                (self.offering(term, o) for o in term.offerings),
                key=lambda v: (v.first_day, v.time),
            )
        return self._programmes[term.id]

    def printed_months(self, term: Term) -> list[Month]:
        """What a term's printed programme lists, by month: the offerings that are not over.
        A programme is printed to hand out and sign up from; a run that has ended only
        lengthens it (and a term that is over has none; its page still lists every run).
        Worked out once: the term pages' links to the programme and the programme ask."""
        if term.id not in self._months:
            coming = [v for v in self.term_offerings(term) if v.status != "finished"]
            self._months[term.id] = self.months(coming)
        return self._months[term.id]

    def months(self, views: list[OfferingView]) -> list[Month]:
        """Offerings (in order) grouped by the month they start in."""
        months: dict[tuple[int, int], list[OfferingView]] = {}
        for view in views:
            months.setdefault((view.first_day.year, view.first_day.month), []).append(view)
        return [
            Month(self.dates.date(dt.date(year, month, 1), "LLLL y").capitalize(), items)
            for (year, month), items in months.items()
        ]

    def weekday_name(self, slug: str) -> str:
        """A weekday slug's name in this language, as a label starts: "Tirsdag"."""
        monday = dt.date(2024, 1, 1)
        return self.dates.weekday(monday + dt.timedelta(WEEKDAY_SLUGS.index(slug))).capitalize()

    def filter_options(self, views: list[OfferingView]) -> dict[str, list[tuple[str, str]]]:
        """Choices for each filter, only those that occur among `views` (the whole catalogue,
        not one page of it, so every language and place taught in can be chosen from page
        one), with labels in this language."""
        _ = self._

        def present(key: str) -> set[str]:
            return {token for v in views for token in v.filters[key].split()}

        weekdays = [slug for slug in WEEKDAY_SLUGS if slug in present("weekday")]
        venues = {v.venue.id: v.venue.name for v in views if v.venue}
        return {
            "theme": sorted(
                (
                    (t, self.catalogue.themes[t].name.get(self.lang))
                    for t in present("theme")
                    if t in self.catalogue.themes
                ),
                key=lambda item: item[1],
            ),
            "chime": [(c, _(CHIME_LABELS[c])) for c in CHIME_LABELS if c in present("chime")],
            "venue": sorted(venues.items(), key=lambda item: item[1])
            + ([("online", _("Online"))] if "online" in present("venue") else []),
            "weekday": [(d, self.weekday_name(d)) for d in weekdays],
            "time": [(k, _(label)) for k, label in TIME_OF_DAY.items() if k in present("time")],
            "mode": [("in-person", _("In person")), ("online", _("Online"))],
            "attendance": [("sign-up", _("Sign-up")), ("drop-in", _("Drop-in"))],
            "language": [
                (code, languages.language_name(code, self.lang).capitalize())
                for code in sorted(present("language"))
            ],
            "stepfree": [("yes", _("Step-free access only"))],
        }


@dataclass(frozen=True)
class CourseView:
    meta: CourseMeta
    demand: str
    attendance: str
    pause: str
    chime: list[str]
    themes: list[str]
    coming: list[OfferingView]  # the runs this page shows in full: at most RUNS_PER_PAGE
    past: list[OfferingView]
    jsonld: Markup  # trusted: made by course_jsonld
    # Offering id -> anchor of the venue details shown for an earlier run at the same place:
    # a course with many runs lists each venue's access facts once, and the page stays small.
    venue_shown_at: dict[str, str]
    pager: Pager  # where these runs stand among all coming runs of the course

    fingerprint_fields: ClassVar[bool] = True  # a page's key digests each view once (rendercache)


def course_runs_base(course: str) -> str:
    """The course page's address: page 1 of its runs; later pages are below it."""
    return f"courses/{course}/"


def course_run_pages(views: CatalogueViews, course: str) -> int:
    """How many pages the course's coming runs take (1: the course page alone)."""
    coming, _past = views.for_course(course)
    return page_count(len(coming), RUNS_PER_PAGE)


def course_view(
    views: CatalogueViews, course: str, meta: CourseMeta, url: str, school: str, page: int = 1
) -> CourseView:
    """The course's page, or page `page` of its coming runs: a course run at many places and
    times (a national school has hundreds of runs a course) shows the next RUNS_PER_PAGE in
    full, and links to the pages with the rest, so no page grows with the catalogue."""
    _ = views._
    every, past = views.for_course(course)
    pager_ = pager(course_runs_base(course), page, len(every), RUNS_PER_PAGE)
    coming = pager_.items(every)
    return CourseView(
        meta=meta,
        demand=_(DEMAND_LABELS[meta.demand]),
        attendance=_("Drop-in") if meta.attendance == "drop-in" else _("Sign-up"),
        pause=_(PAUSE_LABELS[meta.pause_policy]),
        chime=[_(CHIME_LABELS[c]) for c in meta.chime],
        themes=[
            views.catalogue.themes[t].name.get(views.lang)
            for t in meta.themes
            if t in views.catalogue.themes
        ],
        coming=coming,
        past=past,
        jsonld=course_jsonld(meta, coming, url, school, views.lang),
        venue_shown_at=venue_shown_at(coming),
        pager=pager_,
    )


def venue_anchor(offering: OfferingView) -> str:
    return f"rc-access-{offering.id}"


def venue_shown_at(offerings: list[OfferingView]) -> dict[str, str]:
    first: dict[str, OfferingView] = {}
    found = {}
    for offering in offerings:
        if offering.online or offering.venue is None:
            continue
        if offering.venue.id in first:
            found[offering.id] = venue_anchor(first[offering.venue.id])
        else:
            first[offering.venue.id] = offering
    return found


def course_jsonld(
    meta: CourseMeta, offerings: list[OfferingView], url: str, school: str, lang: str
) -> Markup:
    """schema.org Course with its coming CourseInstances, so search engines can list them."""
    instances = []
    for view in offerings:
        location: dict = (
            {"@type": "VirtualLocation", "url": url}
            if view.online or view.venue is None
            else {"@type": "Place", "name": view.venue.name, "address": view.venue.address}
        )
        instances.append(
            {
                "@type": "CourseInstance",
                "name": f"{meta.title} ({view.term_name})",
                "courseMode": "online" if view.online else "onsite",
                "startDate": view.starts[0].isoformat(),
                "endDate": view.ends[-1].isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if view.status == "cancelled"
                else "https://schema.org/EventScheduled",
                "location": location,
                "inLanguage": view.language,
                "instructor": [{"@type": "Person", "name": name} for name, _, _ in view.educators],
                "offers": {"@type": "Offer", "price": 0, "priceCurrency": "DKK"},
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": meta.title,
        "description": meta.summary,
        "url": url,
        "inLanguage": lang,
        "isAccessibleForFree": True,
        "provider": {"@type": "EducationalOrganization", "name": school},
        "hasCourseInstance": instances,
    }
    # Inside <script>, JSON must not close the element or open a comment: <, > and & are
    # written as \\u escapes (as Jinja's tojson does), which JSON reads back as the same text.
    return Markup(htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False))
