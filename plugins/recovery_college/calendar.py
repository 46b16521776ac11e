"""iCalendar files: one per offering, one per term, and one with everything.

Each session is its own event with a stable UID, so a subscribed calendar updates in place.
SEQUENCE must grow whenever an event changes; the build reads the previously published
calendar and bumps the number for every event whose content changed since then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar, Event

from .catalogue import OfferingView

PRODID = "-//recovery-college//site generator//EN"


@dataclass(frozen=True)
class Previous:
    sequence: int
    digest: str


def read_previous(path: Path) -> dict[str, Previous]:
    """UID -> sequence and content digest of the last published calendar, if there is one."""
    if not path.exists():
        return {}
    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except ValueError:
        return {}
    found = {}
    for event in calendar.walk("VEVENT"):
        found[str(event["UID"])] = Previous(
            int(event.get("SEQUENCE", 0)), str(event.get("X-RC-DIGEST", ""))
        )
    return found


class CalendarWriter:
    def __init__(
        self, host: str, base_url: str, school: str, lang: str, previous: dict[str, Previous]
    ):
        self.host = host
        self.base_url = base_url
        self.school = school
        self.lang = lang
        self.previous = previous
        self.stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

    def events(self, view: OfferingView) -> list[Event]:
        events = []
        location = (
            ", ".join(p for p in (view.venue.room, view.venue.name, view.venue.address) if p)
            if view.venue
            else "Online"
        )
        for number, (start, end) in enumerate(zip(view.starts, view.ends, strict=True), start=1):
            event = Event()
            uid = f"{view.id}-{start:%Y%m%d}@{self.host}"
            summary = f"{view.course_title} ({number}/{len(view.starts)})"
            status = "CANCELLED" if view.status == "cancelled" else "CONFIRMED"
            digest = hashlib.sha256(
                f"{summary}|{start}|{end}|{location}|{status}".encode()
            ).hexdigest()[:16]
            before = self.previous.get(uid)
            sequence = 0 if before is None else before.sequence + (before.digest != digest)
            event.add("uid", uid)
            event.add("dtstamp", self.stamp)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", summary)
            event.add("location", location)
            event.add("status", status)
            event.add("sequence", sequence)
            event.add("url", self.base_url + view.course_url)
            event.add(
                "description", f"{self.school} – {view.term_name}. {self.base_url}{view.course_url}"
            )
            event.add("x-rc-digest", digest)
            events.append(event)
        return events

    def calendar(self, name: str, views: list[OfferingView]) -> bytes:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        for view in views:
            for event in self.events(view):
                calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()
