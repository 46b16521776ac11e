"""iCalendar files: one per offering, one per term, and one with everything.

Each session is its own event with a stable UID, so a subscribed calendar updates in place.
SEQUENCE must grow whenever an event changes; the build reads the previously published
calendar and bumps the number for every event whose content changed since then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
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
    """UID -> sequence and content digest of the last published calendar, if there is one.

    Only three properties of each event are needed, so the file (which this build wrote
    last time) is scanned line by line instead of parsed whole: with a thousand offerings
    the full parse took longer than building every page.
    """
    if not path.exists():
        return {}
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return {}
    found: dict[str, Previous] = {}
    event: dict[str, str] | None = None
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        if name == "BEGIN" and value.upper() == "VEVENT":
            event = {}
        elif name == "END" and value.upper() == "VEVENT" and event is not None:
            if "UID" in event:
                sequence = event.get("SEQUENCE", "0")
                found[_unescape(event["UID"])] = Previous(
                    int(sequence) if sequence.isdigit() else 0, event.get("X-RC-DIGEST", "")
                )
            event = None
        elif event is not None and name in ("UID", "SEQUENCE", "X-RC-DIGEST"):
            event[name] = value.strip()
    return found


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


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
        self._events: dict[str, bytes] = {}
        self._zones: bytes | None = None

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
        """The same bytes as adding every event to one Calendar and serialising it.

        Every offering appears in three calendars (its own, its term's, everything), so each
        offering's events are serialised once and the calendars are put together from them;
        the VTIMEZONE is the same in every calendar and is also made once.
        """
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        head = calendar.to_ical()
        events = b"".join(self._serialized(view) for view in views)
        if not events:
            return head
        end = b"END:VCALENDAR\r\n"
        return head[: -len(end)] + self._timezones(views[0]) + events + end

    def _serialized(self, view: OfferingView) -> bytes:
        if view.id not in self._events:
            self._events[view.id] = b"".join(event.to_ical() for event in self.events(view))
        return self._events[view.id]

    def _timezones(self, view: OfferingView) -> bytes:
        """The VTIMEZONE components icalendar adds for the zones the events use."""
        if self._zones is None:
            sample = Calendar()
            for event in self.events(view)[:1]:
                sample.add_component(event)
            sample.add_missing_timezones()
            self._zones = b"".join(zone.to_ical() for zone in sample.timezones)
        return self._zones
