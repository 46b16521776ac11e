"""Calendar files are written directly, not through icalendar's objects, for speed: they must
still read back exactly, whatever a course title contains."""

from __future__ import annotations

import dataclasses
import datetime as dt

from icalendar import Calendar

from recovery_college.assembly import load_project
from recovery_college.courses.calendar import CalendarWriter
from recovery_college.courses.models import Catalogue
from recovery_college.courses.views import CatalogueViews
from recovery_college.outputs.i18n import TIMEZONE

TITLES = [
    "Sorg, krise; og håb \\ en dag",
    "Linje et\nlinje to",
    "الأمل " * 20,
    "x" * 72 + "\\,y",
    "x" * 65 + "\\,z",  # the backslash falls where the line is folded
]


def test_any_title_reads_back_exactly_and_lines_stay_short(project):
    loaded = load_project(project)
    term = loaded.part(Catalogue).terms[-1]
    metas = {"hab": loaded.pages["da"]["courses/hab.md"].meta}
    now = dt.datetime(2026, 11, 23, 12, tzinfo=TIMEZONE)
    view = CatalogueViews(loaded.part(Catalogue), metas, "da", lambda s: s, now).offering(
        term, term.offerings[0]
    )
    for title in TITLES:
        writer = CalendarWriter("example.org", "https://example.org/", "Skolen, by", "da", {})
        data = writer.calendar("Skolen", [dataclasses.replace(view, course_title=title)])
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        events = list(Calendar.from_ical(data).walk("VEVENT"))
        assert [str(e["SUMMARY"]) for e in events] == [
            f"{title} ({n}/{len(events)})" for n in range(1, len(events) + 1)
        ]
        assert events[0].decoded("dtstart") == view.starts[0]
        assert str(events[0]["DESCRIPTION"]).startswith("Skolen, by – ")


def test_lines_are_folded_exactly_where_icalendar_folds_them():
    """Near the 75-octet limit, in one-byte and several-byte letters alike."""
    from icalendar import Event

    from recovery_college.courses.calendar import _property

    for length in range(20, 90):
        for letters in ("a", "æ", "الأ", "€\\", "x;"):
            value = (letters * length)[:length]
            event = Event()
            event.add("summary", value)
            expected = event.to_ical().decode().split("\r\n")
            written = _property("SUMMARY", value.replace("\\", "\\\\").replace(";", "\\;"))
            start = expected.index(written.split("\r\n")[0])
            assert written.split("\r\n") == expected[start : start + written.count("\r\n") + 1]
