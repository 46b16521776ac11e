"""Changed meetings told right everywhere: fortnightly runs, a meeting moved to another day or
time, a single meeting cancelled; calendars keep each meeting's identity and tell the change."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from recovery_college.courses.models import Sessions
from recovery_college.engine.build import build_site
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"


def sessions(**rule) -> Sessions:
    return Sessions.model_validate({"start": "13:00", "end": "15:00", **rule})


def test_a_fortnightly_run_and_its_changes():
    run = sessions(
        weekly={"first": "2027-03-01", "count": 4, "every": 2},
        moved=[{"date": "2027-03-15", "to": "2027-03-17", "start": "14:00", "end": "16:00"}],
        cancelled=["2027-03-29"],
    )
    assert [d.isoformat() for d in run.planned()] == [
        "2027-03-01", "2027-03-15", "2027-03-29", "2027-04-12",
    ]  # fmt: skip
    assert [d.isoformat() for d in run.days()] == ["2027-03-01", "2027-03-17", "2027-04-12"]
    moved = next(m for m in run.meetings() if m.moved)
    assert (moved.planned, moved.start) == (dt.date(2027, 3, 15), dt.time(14))
    assert [m.cancelled for m in run.meetings()] == [False, False, True, False]


def test_only_a_planned_meeting_can_be_moved_or_cancelled():
    with pytest.raises(ValueError, match="2027-03-08 is not one of the planned meetings"):
        sessions(weekly={"first": "2027-03-01", "count": 2, "every": 2}, cancelled=["2027-03-08"])
    with pytest.raises(ValueError, match="every meeting is cancelled"):
        sessions(dates=["2027-03-01"], cancelled=["2027-03-01"])


def events(calendar: Path) -> dict[str, dict]:
    parsed = Calendar.from_ical(calendar.read_bytes())
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "sequence": int(e.get("SEQUENCE", 0)),
            "status": str(e.get("STATUS")),
            "description": str(e.get("DESCRIPTION")),
        }
        for e in parsed.walk("VEVENT")
    }


@pytest.mark.build
def test_a_moved_and_a_cancelled_meeting_keep_their_place_in_every_calendar(project: Path):
    build_site(project)
    before = events(project / "site/calendars/hab-2026e.ics")
    assert len(before) == 2
    term = project / TERM
    replace_once(
        term,
        "      weekly: {first: 2026-12-01, count: 2, skip: [2026-12-08]}\n",
        "      weekly: {first: 2026-12-01, count: 2, skip: [2026-12-08]}\n"
        "      moved: [{date: 2026-12-15, to: 2026-12-17, start: '14:00', end: '16:00'}]\n"
        "      cancelled: [2026-12-01]\n",
    )
    build_site(project)
    site = project / "site"
    after = events(site / "calendars/hab-2026e.ics")
    assert set(after) == set(before)  # the same meetings, under the same UIDs
    moved = after[next(uid for uid in after if "20261215" in uid)]
    assert moved["start"] == dt.datetime(2026, 12, 17, 14, tzinfo=moved["start"].tzinfo)
    assert moved["sequence"] == 1 and moved["status"] == "CONFIRMED"
    cancelled = after[next(uid for uid in after if "20261201" in uid)]
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] == 1
    assert "Indgang uden trin: ja" in moved["description"]  # the venue's access facts
    # The term's calendar and the one with everything say the same.
    assert events(site / "calendars/2026-efteraar.ics")[next(iter(after))]["sequence"] == 1
    page = (site / "courses/hab/index.html").read_text(encoding="utf-8")
    assert (
        "Mødet tirsdag den 15. december 2026 er flyttet til torsdag den 17. december 2026, 14.00–16.00."
        in page
    )
    assert "Mødet tirsdag den 1. december 2026 er aflyst." in page
    assert "tirsdag den 1. december 2026: aflyst" in page
    if shutil.which("pdftotext"):  # the printed programme says it too
        printed = subprocess.run(
            ["pdftotext", str(site / "terms/2026-efteraar/prospectus.pdf"), "-"],
            capture_output=True,
            text=True,
        ).stdout
        flat = " ".join(printed.split())
        assert "Mødet tirsdag den 1. december 2026 er aflyst." in flat
        assert "er flyttet til torsdag den 17. december 2026, 14.00–16.00." in flat
    feed = json.loads((site / "courses.json").read_text(encoding="utf-8"))
    hab = next(o for o in feed["offerings"] if o["id"] == "hab-2026e")
    assert [s["start"] for s in hab["sessions"]] == ["2026-12-17T14:00:00+01:00"]
    assert [s["start"] for s in hab["cancelled_sessions"]] == ["2026-12-01T13:00:00+01:00"]
