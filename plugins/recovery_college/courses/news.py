"""What's new and changed, in words: the changes page and the Atom feeds of each language.

A change record (changes.py) says which offering changed and how; here it becomes one plain
sentence in the reader's language ("Håb: mødet mandag den 1. marts er flyttet til onsdag den
3. marts kl. 13.00."), on the changes page and in the feeds, which people subscribe to.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from recovery_college.courses.changes import Change, ChangeLog
from recovery_college.courses.models import Catalogue, CourseMeta
from recovery_college.outputs.i18n import Dates

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.atom"  # the whole school's feed, at each language's root
PAGE = "courses/nyt.md"  # the changes page, linked from the catalogue and the front page


def course_feed(course: str) -> str:
    """Where one course's feed goes, below the language root: beside its page."""
    return f"courses/{course}/{FEED}"


@dataclass(frozen=True)
class ChangeView:
    id: str  # the change record's id: the same in every build
    at: dt.datetime
    day: str  # the date, as the reader's language writes it
    kind: str
    course: str
    course_title: str
    course_url: str  # below the language root
    text: str


@dataclass(frozen=True)
class DayOfChanges:
    day: str
    changes: list[ChangeView]


class NewsViews:
    """The change records of one build in one language."""

    def __init__(
        self,
        log: ChangeLog,
        catalogue: Catalogue,
        courses: dict[str, CourseMeta],
        lang: str,
        gettext: Callable[[str], str],
    ):
        self.log = log
        self.catalogue = catalogue
        self._first_days: dict[str, dt.date] | None = None  # made when a change needs it
        self.courses = courses
        self.dates = Dates(lang)
        self._ = gettext

    def title(self, course: str) -> str:
        meta = self.courses.get(course)
        return meta.title if meta is not None else course

    def when(self, start: str) -> str:
        moment = dt.datetime.fromisoformat(start)
        return self._("%(date)s at %(time)s") % {
            "date": self.dates.date(self.dates.local(moment).date(), "full"),
            "time": self.dates.time(self.dates.local(moment)),
        }

    def place(self, place: str) -> str:
        if place == "online":
            return self._("Online")
        venue_id, _, room = place.partition("/")
        venue = self.catalogue.venues.get(venue_id)
        name = venue.name if venue else venue_id
        return f"{name}, {room}" if room else name

    def first(self, offering: str) -> str:
        """The first day an offering meets, found in one index rather than a search of the
        catalogue for each change (a new term adds a change for every offering in it)."""
        if self._first_days is None:
            self._first_days = {
                o.id: o.sessions.days()[0] for term in self.catalogue.terms for o in term.offerings
            }
        day = self._first_days.get(offering)
        return self.dates.date(day, "long") if day else ""

    def text(self, change: Change) -> str:
        _, course = self._, self.title(change.course)
        words = {
            "new": _("New course: %(course)s, from %(date)s."),
            "cancelled": _("Cancelled: %(course)s."),
            "full": _("Full: %(course)s."),
            "reopened": _("Places again: %(course)s."),
            "removed": _("No longer in the programme: %(course)s."),
        }
        if change.kind in words:
            text = words[change.kind] % {"course": course, "date": self.first(change.offering)}
            if change.kind == "full" and change.waiting_list:
                text += " " + _("You can join the waiting list.")
            return text
        if change.kind == "place":
            return _("%(course)s has moved to %(place)s.") % {
                "course": course,
                "place": self.place(change.place),
            }
        moved = []
        for (old, _end), (new, _new_end) in zip(change.before, change.after, strict=False):
            moved.append(
                _("the meeting %(old)s is moved to %(new)s")
                % {"old": self.when(old), "new": self.when(new)}
            )
        for old, _end in change.before[len(change.after) :]:
            moved.append(_("there is no meeting %(old)s") % {"old": self.when(old)})
        for new, _end in change.after[len(change.before) :]:
            moved.append(_("there is a new meeting %(new)s") % {"new": self.when(new)})
        return f"{course}: " + "; ".join(moved) + "."

    def view(self, change: Change) -> ChangeView:
        at = dt.datetime.fromisoformat(change.at)
        return ChangeView(
            id=change.id,
            at=at,
            day=self.dates.date(at.date(), "long"),
            kind=change.kind,
            course=change.course,
            course_title=self.title(change.course),
            course_url=f"courses/{change.course}/",
            text=self.text(change),
        )

    def changes(self, course: str | None = None) -> list[ChangeView]:
        chosen = self.log.changes if course is None else self.log.for_course(course)
        return [self.view(change) for change in chosen]

    def days(self) -> list[DayOfChanges]:
        """The changes page: newest first, grouped by the day they were published."""
        grouped: dict[str, list[ChangeView]] = {}
        for view in self.changes():
            grouped.setdefault(view.day, []).append(view)
        return [DayOfChanges(day, views) for day, views in grouped.items()]


def atom(
    title: str,
    feed_url: str,
    page_url: str,
    lang: str,
    school: str,
    entries: list[ChangeView],
    lang_url: str,
    built: dt.datetime,
) -> bytes:
    """An Atom feed (RFC 4287); every text is escaped by ElementTree."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(feed, "id", _urn(feed_url))
    sub(feed, "title", title)
    newest = max((entry.at for entry in entries), default=built)
    sub(feed, "updated", newest.isoformat(timespec="seconds"))
    sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    author = sub(feed, "author")
    sub(author, "name", school)
    for view in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", _urn(f"{feed_url}#{view.id}"))
        sub(entry, "title", view.text)
        sub(entry, "updated", view.at.isoformat(timespec="seconds"))
        sub(entry, "link", rel="alternate", type="text/html", href=lang_url + view.course_url)
        sub(entry, "summary", view.text, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _urn(text: str) -> str:
    """A stable id for a feed or an entry: the same text gives the same URN in every build."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, text)}"
