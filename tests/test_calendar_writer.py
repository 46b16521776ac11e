"""Calendar files are written directly, not through icalendar's objects, for speed: they must
still read back exactly, whatever a course title contains. The JSON feed is written in pieces,
and must be the same document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

from icalendar import Calendar

from recovery_college.assembly import load_project
from recovery_college.courses import feed
from recovery_college.courses.calendar import (
    CalendarWriter,
    LastCalendar,
    Previous,
    Record,
    read_previous,
)
from recovery_college.courses.models import Catalogue
from recovery_college.courses.views import CatalogueViews
from recovery_college.outputs.i18n import TIMEZONE
from recovery_college.outputs.keptmade import KeptMade

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
        writer = CalendarWriter("example.org", "https://example.org/", "Skolen, by", {})
        data = writer.calendar("Skolen", [dataclasses.replace(view, course_title=title)])
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        events = list(Calendar.from_ical(data).walk("VEVENT"))
        assert [str(e["SUMMARY"]) for e in events] == [
            f"{title} ({n}/{len(events)})" for n in range(1, len(events) + 1)
        ]
        assert events[0].decoded("dtstart") == view.starts[0]
        assert str(events[0]["DESCRIPTION"]).startswith("Skolen, by – ")


def _runs(project) -> list:
    """The views of the fixture school's last term's runs, in Danish."""
    loaded = load_project(project)
    term = loaded.part(Catalogue).terms[-1]
    metas = {"hab": loaded.pages["da"]["courses/hab.md"].meta}
    now = dt.datetime(2026, 11, 23, 12, tzinfo=TIMEZONE)
    views = CatalogueViews(loaded.part(Catalogue), metas, "da", lambda s: s, now)
    return [views.offering(term, offering) for offering in term.offerings]


def test_a_written_calendar_is_read_back_for_the_next_build(project, tmp_path):
    """The file written piece by piece holds the same bytes, and the next build reads every
    event's UID, SEQUENCE and digest back from it, however its lines were folded."""
    runs = _runs(project)
    host = "a-very-long-host-name-so-that-every-uid-is-folded-onto-a-second-line.example.org"
    writer = CalendarWriter(host, "https://example.org/", "Skolen", {})
    target = tmp_path / "courses.ics"
    writer.write(target, "Skolen", runs)
    assert target.read_bytes() == writer.calendar("Skolen", runs)
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert any(b"\r\n " in line for line in target.read_bytes().split(b"UID:")[1:])  # folded
    found = read_previous(target)
    assert set(found) == {str(event["UID"]) for event in events}
    assert {entry.sequence for entry in found.values()} == {0}
    assert all(len(entry.digest) == 16 for entry in found.values())
    # An event that changed since is sent again with a higher SEQUENCE.
    again = CalendarWriter(host, "https://example.org/", "Skolen", found)
    moved = dataclasses.replace(runs[0], course_title="Nyt navn")
    bumped = Calendar.from_ical(again.calendar("Skolen", [moved, *runs[1:]])).walk("VEVENT")
    sequences = {str(event["UID"]): int(event["SEQUENCE"]) for event in bumped}
    assert {uid for uid, number in sequences.items() if number} == {
        str(event["UID"])
        for event in Calendar.from_ical(writer.calendar("", [moved])).walk("VEVENT")
    }


def test_the_record_of_a_written_calendar_is_read_only_while_the_file_is_that_calendar(
    project, tmp_path
):
    """The next build reads the events from the record the last build wrote as it made
    them (`Record`), not from the file, but only while the file holds the bytes it recorded."""
    runs = _runs(project)
    target, records = tmp_path / "courses.ics", tmp_path / "cache" / "da"

    def write(runs: list, previous: dict[str, Previous]) -> None:
        record = Record(records)
        writer = CalendarWriter("example.org", "https://example.org/", "Skolen", previous, record)
        writer.write(target, "Skolen", runs)
        record.close(target)

    write(runs, {})
    scanned = read_previous(target)
    assert len(scanned) > 1 and {event.sequence for event in scanned.values()} == {0}
    assert read_previous(target, records) == scanned
    assert len(list(records.iterdir())) == 1
    # The record is what is read: a record that says otherwise of the same file wins.
    (recorded,) = records.iterdir()
    recorded.write_text(recorded.read_text().replace("\t0\t", "\t7\t"), encoding="utf-8")
    assert {entry.sequence for entry in read_previous(target, records).values()} == {7}
    # Once the file is another calendar, it is scanned again; a new record replaces the old.
    target.write_bytes(target.read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:3"))
    assert {entry.sequence for entry in read_previous(target, records).values()} == {3}
    write(runs[:1], read_previous(target, records))
    assert read_previous(target, records) == read_previous(target) != scanned
    assert len(list(records.iterdir())) == 1
    (recorded,) = records.iterdir()
    recorded.write_text("broken", encoding="utf-8")
    assert read_previous(target, records) == read_previous(target)


def test_a_run_whose_view_is_the_same_gets_the_events_the_last_build_made(project, tmp_path):
    """Taken from `LastCalendar.kept` while the published calendar is the last build's: the same
    bytes and the same record as making them again; a changed run is made again, its
    SEQUENCE one higher, and a calendar the last build did not write keeps nothing."""
    runs = _runs(project)
    target, records = tmp_path / "site" / "courses.ics", tmp_path / "cache" / "da"
    target.parent.mkdir()
    made: list[str] = []

    def build(runs: list, *, keep: bool = True) -> bytes:
        last = LastCalendar.of(target, records)
        record = Record(records)
        kept = last.kept() if keep else None
        writer = CalendarWriter(
            "example.org",
            "https://example.org/",
            "Skolen",
            last.previous(),
            record,
            kept,
            repr,
        )
        events = writer.events
        writer.events = lambda view, lines=None: made.append(view.id) or events(view, lines)
        writer.write(target, "Skolen", runs)
        record.close(target, kept)
        return target.read_bytes()

    first = build(runs)
    assert made == [run.id for run in runs]
    made.clear()
    again = build(runs)
    assert again == first and made == []
    assert read_previous(target, records) == read_previous(target)
    moved = dataclasses.replace(runs[0], course_title="Et nyt navn")
    changed = build([moved, *runs[1:]])
    assert made == [moved.id]
    sequences = {
        e["SUMMARY"]: int(e["SEQUENCE"]) for e in Calendar.from_ical(changed).walk("VEVENT")
    }
    assert {s for title, s in sequences.items() if title.startswith("Et nyt navn")} == {1}
    assert {s for title, s in sequences.items() if not title.startswith("Et nyt navn")} == {0}
    made.clear()
    target.write_bytes(changed.replace(b"SEQUENCE:1", b"SEQUENCE:4"))  # not the last build's
    assert not LastCalendar.of(target, records).kept().file.exists()
    assert build([moved, *runs[1:]]) == changed.replace(b"SEQUENCE:1", b"SEQUENCE:4")
    assert made == [run.id for run in [moved, *runs[1:]]]


def test_events_that_cannot_be_kept_are_made_again_by_the_next_build(project, tmp_path):
    """Keeping is only a shortcut: a build that cannot keep the events still writes the
    calendar and its record."""
    runs = _runs(project)
    target, records = tmp_path / "courses.ics", tmp_path / "cache" / "da"
    records.mkdir(parents=True)
    (records / f"writing-{os.getpid()}.kept.part").mkdir()  # where the store would go
    record = Record(records)
    kept = LastCalendar.of(target, records).kept()
    writer = CalendarWriter("example.org", "https://example.org/", "Skolen", {}, record, kept, repr)
    writer.write(target, "Skolen", runs)
    record.close(target, kept)
    assert not LastCalendar.of(target, records).kept().file.exists()
    assert not any(records.glob("*.kept"))
    assert len(read_previous(target, records)) > 1
    assert read_previous(target, records) == read_previous(target)


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


def _every_run(project) -> tuple[Catalogue, list]:
    """The fixture school's catalogue and the Danish views of all its runs."""
    loaded = load_project(project)
    catalogue = loaded.part(Catalogue)
    metas = {"hab": loaded.pages["da"]["courses/hab.md"].meta}
    now = dt.datetime(2026, 11, 23, 12, tzinfo=TIMEZONE)
    views = CatalogueViews(catalogue, metas, "da", lambda s: s, now)
    return catalogue, [views.offering(term, o) for term in catalogue.terms for o in term.offerings]


def test_the_feed_written_in_pieces_is_the_whole_document(project, tmp_path):
    catalogue, runs = _every_run(project)
    assert len(runs) > 1
    for some in (runs, runs[:1], []):
        target = tmp_path / "courses.json"
        feed.write(target, some, catalogue, "https://x.dk/", "da", 'Skolen "Håb"')
        whole = {
            "$schema": "https://x.dk/" + feed.SCHEMA_NAME,
            "language": "da",
            "school": 'Skolen "Håb"',
            "offerings": [feed.offering_entry(v, catalogue, "https://x.dk/") for v in some],
        }
        expected = json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
        assert target.read_text(encoding="utf-8") == expected


def test_the_feed_takes_a_run_whose_view_and_makers_are_the_same_from_the_last_build(
    project, tmp_path, monkeypatch
):
    """outputs/keptmade.py: the same document as writing every entry; a changed run is
    written anew, and every run once what made them changed (here the venues, which are in
    `Fingerprints.made` through venues.yml)."""
    catalogue, runs = _every_run(project)
    made: list[str] = []
    entry = feed.offering_entry
    monkeypatch.setattr(feed, "offering_entry", lambda v, c, b: made.append(v.id) or entry(v, c, b))
    target, store = tmp_path / "courses.json", tmp_path / "made" / "feed-da.sqlite"

    def write(runs: list, catalogue: Catalogue = catalogue) -> str:
        made.clear()
        kept = KeptMade(store)
        entries = feed.Entries(catalogue, "https://x.dk/", kept, lambda v: repr((v, catalogue)))
        feed.write(target, runs, catalogue, "https://x.dk/", "da", "Skolen", entries)
        kept.close()
        whole = {
            "$schema": "https://x.dk/" + feed.SCHEMA_NAME,
            "language": "da",
            "school": "Skolen",
            "offerings": [entry(v, catalogue, "https://x.dk/") for v in runs],
        }
        text = target.read_text(encoding="utf-8")
        assert text == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
        return text

    first = write(runs)
    assert made == [run.id for run in runs]
    assert write(runs) == first and made == []
    renamed = dataclasses.replace(runs[0], course_title="Et nyt navn")
    write([renamed, *runs[1:]])
    assert made == [renamed.id]
    place = next(run.venue.id for run in runs if run.venue)
    venue = catalogue.venues[place]
    moved = dataclasses.replace(
        catalogue,
        venues={**catalogue.venues, place: venue.model_copy(update={"lift": not venue.lift})},
    )
    write(runs, moved)
    assert made == [run.id for run in runs]
    assert write(runs, moved) and made == []


def test_the_same_instant_in_two_zones_is_written_in_each_zone():
    """The written moments are kept between events; an instant in Copenhagen equals the same
    instant in UTC, and each must still be written in its own zone."""
    from zoneinfo import ZoneInfo

    from recovery_college.courses.calendar import _moment

    local = dt.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Copenhagen"))
    utc = local.astimezone(dt.UTC)
    assert local == utc
    assert _moment("DTSTART", local) == ("DTSTART;TZID=Europe/Copenhagen", "20261201T100000")
    assert _moment("DTSTART", utc) == ("DTSTART", "20261201T090000Z")
