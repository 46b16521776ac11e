"""iCalendar files: one per offering, one per term, and one with everything.

Each session is its own event with a stable UID, so a subscribed calendar updates in place.
SEQUENCE must grow whenever an event changes; the build reads the previously published
calendar and bumps the number for every event whose content changed since then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from icalendar import Calendar, Timezone

from recovery_college.courses.views import OfferingView
from recovery_college.outputs.keptmade import KeptMade

PRODID = "-//recovery-college//site generator//EN"
RECORDS = Path(".cache") / "calendars"  # a folder a language: what its build wrote (`Record`)


@dataclass(frozen=True)
class Previous:
    sequence: int
    digest: str


def read_previous(path: Path, records: Path | None = None) -> dict[str, Previous]:
    """UID -> sequence and content digest of the last published calendar, if there is one:
    from the record the build that wrote it left in `records`, if it did (`LastCalendar`)."""
    if records is not None:
        return LastCalendar.of(path, records).previous()
    return _scanned(path) if path.exists() else {}


@dataclass(frozen=True)
class LastCalendar:
    """The calendar with everything as the last build published it, and what that build
    left beside it in `records`: the record of its events (`Record`) and the events it made
    for each run (`kept`). Both are named by the digest of the calendar's bytes, so they are
    used only while the published file is the one they describe, byte for byte. The file is
    hashed once for both: 4.8 MB a language at 1,000 offerings, 48 MB at 10,000."""

    path: Path | None  # None: nothing was published
    records: Path
    name: str  # the digest of the published file; "" when there is none

    @classmethod
    def of(cls, path: Path | None, records: Path) -> LastCalendar:
        return cls(path, records, _digest(path) if path and path.is_file() else "")

    def previous(self) -> dict[str, Previous]:
        """UID -> sequence and digest of each published event. The record is read when
        there is one (scanning the file took 0.2 s of CPU in each language's rebuild at
        1,000 offerings)."""
        if self.path is None or not self.name:
            return {}
        recorded = _recorded(self.records / f"{self.name}{Record.SUFFIX}")
        return recorded if recorded is not None else _scanned(self.path)

    def kept(self) -> KeptMade:
        """Each run's events as the last build made them, by the key `CalendarWriter` gives
        them, and this build's, named by the calendar they go into by `Record.close`."""
        partial = self.records / f"writing-{os.getpid()}{KEPT}.part"
        return KeptMade(self.records / f"{self.name}{KEPT}", partial)


def _scanned(path: Path) -> dict[str, Previous]:
    """The events of a calendar no record describes. Only three properties of each event
    are needed, so the file is scanned line by line instead of parsed whole: with a thousand
    offerings the full parse took longer than building every page. It is read as it is
    scanned: the calendar with everything is tens of MB at 10,000 offerings."""
    found: dict[str, Previous] = {}
    event: dict[str, str] | None = None
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line in _unfolded(handle):
                name, _, value = line.partition(":")
                name = name.split(";", 1)[0].upper()
                if name == "BEGIN" and value.upper() == "VEVENT":
                    event = {}
                elif name == "END" and value.upper() == "VEVENT" and event is not None:
                    if "UID" in event:
                        sequence = event.get("SEQUENCE", "0")
                        found[_unescape(event["UID"])] = Previous(
                            int(sequence) if sequence.isdigit() else 0,
                            event.get("X-RC-DIGEST", ""),
                        )
                    event = None
                elif event is not None and name in ("UID", "SEQUENCE", "X-RC-DIGEST"):
                    event[name] = value.strip()
    except UnicodeDecodeError:
        return {}
    return found


class Record:
    """The events of the calendar with everything, written line by line as the writer makes
    them (`CalendarWriter(record=...)`, one `UID`, `SEQUENCE` and digest a line), and named by
    the digest of the calendar's bytes when it is written (`close`): the next build reads it
    instead of the calendar (`read_previous`). Written as it goes, not kept in memory: a
    national school's calendar has 70,000 events. One a language, below `.cache/`."""

    SUFFIX = ".events"

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.partial = folder / f"writing-{os.getpid()}{self.SUFFIX}.part"
        self.out = self.partial.open("w", encoding="utf-8", newline="\n")

    def add(self, uid: str, event: Previous) -> None:
        self.out.write(f"{uid}\t{event.sequence}\t{event.digest}\n")

    def close(self, calendar: Path, kept: KeptMade | None = None) -> None:
        """The record of `calendar`, now written, and the events `kept` for the next build;
        the records of earlier calendars go, and what a build that stopped left half written
        a day ago. A record is only a shortcut: one that cannot be kept (another build in the
        same folder at the same time) is not."""
        self.out.close()
        name = _digest(calendar)
        done = self.folder / f"{name}{self.SUFFIX}"
        with_events = self.folder / f"{name}{KEPT}"
        day_ago = time.time() - 86_400
        if kept is not None:
            kept.close(with_events)
        with contextlib.suppress(OSError):
            self.partial.replace(done)
            for old in self.folder.iterdir():
                stale = old.name.startswith("writing-") and old.stat().st_mtime < day_ago
                ours = old.name.endswith(self.SUFFIX) or old.name.endswith(KEPT)
                if old not in (done, with_events) and (ours or stale):
                    old.unlink(missing_ok=True)


KEPT = ".kept"  # beside a record: each run's events as its build made them (`LastCalendar.kept`)


def _packed(events: bytes, made: list[tuple[str, Previous]]) -> str:
    """A run's events and their lines of the record as one text: the number of lines, the
    lines, the events."""
    lines = "".join(f"{uid}\t{event.sequence}\t{event.digest}\n" for uid, event in made)
    return f"{len(made)}\n{lines}{events.decode('utf-8')}"


def _unpacked(text: str) -> tuple[bytes, list[tuple[str, Previous]]] | None:
    """`_packed`'s parts; None if the text is not what it made (the run is made again)."""
    try:
        count, rest = text.split("\n", 1)
        *lines, events = rest.split("\n", int(count))
        made = []
        for line in lines:
            uid, sequence, digest = line.split("\t")
            made.append((uid, Previous(int(sequence), digest)))
    except ValueError:
        return None
    return events.encode("utf-8"), made


def _recorded(record: Path) -> dict[str, Previous] | None:
    """The events of a record; None if there is none, or it cannot be read."""
    found: dict[str, Previous] = {}
    try:
        with record.open(encoding="utf-8") as lines:
            for line in lines:
                uid, sequence, digest = line.rstrip("\n").split("\t")
                found[uid] = Previous(int(sequence), digest)
    except (OSError, ValueError):  # not there, or not a record
        return None
    return found


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


def _unfolded(lines: Iterable[str]) -> Iterator[str]:
    """The content lines of an iCalendar file, each folded line joined again (RFC 5545,
    3.1: a line break followed by a space or a tab continues the line)."""
    current: str | None = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield current
        current = line
    if current is not None:
        yield current


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


class CalendarWriter:
    def __init__(
        self,
        host: str,
        base_url: str,
        school: str,
        previous: dict[str, Previous],
        record: Record | None = None,
        kept: KeptMade | None = None,
        fingerprint: Callable[[OfferingView], str | None] | None = None,
    ):
        """`record`: every event made, for the next build; `kept`: each run's events as the
        last build made them, and this build's, by the `fingerprint` of the run's view and
        of what made them (`Fingerprints.made`; `LastCalendar.kept`)."""
        self.host = host
        self.base_url = base_url
        self.school = school
        self.previous = previous
        self.stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        self._events: dict[str, bytes] = {}
        self.record = record
        self.kept = kept
        self.fingerprint = fingerprint
        self._heads: dict[str, bytes] = {}
        self._zones: bytes | None = None

    def events(self, view: OfferingView, made: list[tuple[str, Previous]] | None = None) -> bytes:
        """One VEVENT per session, written directly (see `_property`); each event's UID,
        SEQUENCE and digest are added to `made`."""
        lines = []
        location = (
            ", ".join(p for p in (view.venue.room, view.venue.name, view.venue.address) if p)
            if view.venue
            else "Online"
        )
        url = self.base_url + view.course_url
        access = f" {view.venue.access}." if view.venue and view.venue.access else ""
        description = f"{self.school} – {view.term_name}.{access} {url}"
        meetings = view.meetings
        for number, meeting in enumerate(meetings, start=1):
            start, end = meeting.start, meeting.end
            # The planned day names the meeting: moved or cancelled, it keeps its UID, and
            # the higher SEQUENCE tells every calendar that imported it what changed.
            uid = f"{view.id}-{meeting.planned:%Y%m%d}@{self.host}"
            summary = f"{view.course_title} ({number}/{len(meetings)})"
            cancelled = view.status == "cancelled" or meeting.cancelled
            status = "CANCELLED" if cancelled else "CONFIRMED"
            digest = hashlib.sha256(
                f"{summary}|{start}|{end}|{location}|{status}".encode()
            ).hexdigest()[:16]
            before = self.previous.get(uid)
            sequence = 0 if before is None else before.sequence + (before.digest != digest)
            if made is not None:
                made.append((uid, Previous(sequence, digest)))
            # The order icalendar writes them in: its canonical ones, then alphabetical.
            lines += [
                "BEGIN:VEVENT",
                _property("SUMMARY", _text(summary)),
                _property(*_moment("DTSTART", start)),
                _property(*_moment("DTEND", end)),
                _property(*_moment("DTSTAMP", self.stamp)),
                _property("UID", _text(uid)),
                f"SEQUENCE:{sequence}",
                _property("DESCRIPTION", _text(description)),
                _property("LOCATION", _text(location)),
                f"STATUS:{status}",
                _property("URL", url),
                _property("X-RC-DIGEST", _text(digest)),
                "END:VEVENT",
            ]
        return "".join(line + "\r\n" for line in lines).encode("utf-8")

    def calendar(self, name: str, views: list[OfferingView]) -> bytes:
        """The same bytes as adding every event to one Calendar and serialising it."""
        out = io.BytesIO()
        self._write(out, name, views)
        return out.getvalue()

    def write(self, target: Path, name: str, views: list[OfferingView]) -> None:
        """`calendar`, written to a file piece by piece: the calendar with everything is
        tens of MB at 10,000 offerings, and put together in memory it took twice that."""
        with target.open("wb") as out:
            self._write(out, name, views)

    def _write(self, out: BinaryIO, name: str, views: list[OfferingView]) -> None:
        """Every offering appears in four calendars (its own, its term's, its course's and
        everything), so each offering's events are serialised once and the calendars are put
        together from them; the VTIMEZONE is the same in every calendar and is also made once.
        """
        head = self._head(name)
        end = b"END:VCALENDAR\r\n"
        if not any(self._serialized(view) for view in views):  # no sessions: no time zone
            out.write(head)
            return
        out.write(head[: -len(end)])
        out.write(self._timezones(views[0]))
        for view in views:
            out.write(self._serialized(view))
        out.write(end)

    def _head(self, name: str) -> bytes:
        """An empty calendar of this name, made by icalendar once for each name: a run's own
        calendar is named for its course, so a thousand runs have a hundred names."""
        if name not in self._heads:
            calendar = Calendar()
            calendar.add("prodid", PRODID)
            calendar.add("version", "2.0")
            calendar.add("calscale", "GREGORIAN")
            calendar.add("x-wr-calname", name)
            self._heads[name] = calendar.to_ical()
        return self._heads[name]

    def _serialized(self, view: OfferingView) -> bytes:
        if view.id not in self._events:
            self._events[view.id] = self._made(view)
        return self._events[view.id]

    def _made(self, view: OfferingView) -> bytes:
        """A run's events: as the last build made them while its view and what made them
        are the same (`kept`: 0.4 s of CPU a language at 1,000 offerings, where one change
        leaves 999 runs as they were, and every SEQUENCE stays what it was), else made now;
        noted in the record, and kept for the next build."""
        key = self.fingerprint(view) if self.fingerprint is not None else None
        found = self.kept.get(key) if self.kept is not None and key is not None else None
        unpacked = _unpacked(found) if found is not None else None
        if unpacked is not None:
            events, made = unpacked
        else:
            made = []
            events = self.events(view, made)
        if self.record is not None:
            for uid, event in made:
                self.record.add(uid, event)
        if self.kept is not None and key is not None:
            self.kept.put(key, _packed(events, made))
        return events

    def _timezones(self, view: OfferingView) -> bytes:
        """The VTIMEZONE for the zone the sessions are in, as icalendar describes it."""
        if self._zones is None:
            zones = {start.tzinfo for start in view.starts if start.tzinfo is not dt.UTC}
            self._zones = b"".join(
                Timezone.from_tzid(_tzid(zone)).to_ical() for zone in zones if zone
            )
        return self._zones


@functools.lru_cache(maxsize=4096)
def _text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11), escaped the way icalendar escapes it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _tzid(zone: dt.tzinfo | None) -> str:
    return getattr(zone, "key", None) or str(zone)


def _moment(name: str, moment: dt.datetime) -> tuple[str, str]:
    """A DTSTART, DTEND or DTSTAMP line's name and value."""
    return _moment_in(name, moment, moment.tzinfo)


@functools.lru_cache(maxsize=8192)
def _moment_in(name: str, moment: dt.datetime, zone: dt.tzinfo | None) -> tuple[str, str]:
    """`_moment`, kept: a school's sessions start and end at the same few times of the same
    days, and every event has the stamp. The zone is part of the key, because two moments
    in different zones are equal when they are the same instant, but are written apart."""
    if moment.tzinfo is dt.UTC:
        return name, f"{moment:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={_tzid(moment.tzinfo)}", f"{moment:%Y%m%dT%H%M%S}"


@functools.lru_cache(maxsize=4096)
def _property(name: str, value: str) -> str:
    """A content line, folded after 75 octets (RFC 5545, 3.1) as icalendar folds it.

    Writing the events directly instead of through icalendar's objects made the calendars
    (three per offering) about ten times faster; tests compare the result with icalendar's.
    Each meeting of an offering repeats its description and place, so lines are kept, and a
    line under 75 octets (most, in any language) is returned as it is.
    """
    line = f"{name}:{value}"
    if len(line) < 75 and (line.isascii() or len(line.encode("utf-8")) < 75):
        return line
    return _fold(line)


def _fold(line: str) -> str:
    """`_property`'s folding, cut in the line's UTF-8 bytes: each part at most 74 octets and
    never inside a letter. Like icalendar, it never leaves an escaping backslash at the end
    of a part. A Danish or Arabic description is folded on every event: walking it letter by
    letter took 0.45 s of the Danish calendars in cProfile, cutting the bytes 0.1 s."""
    data = line.encode("utf-8")
    parts = []
    start = 0
    while len(data) - start >= 75:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # a letter's continuation byte: cut before the letter
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)
