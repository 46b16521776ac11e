"""Staying informed: the fixture school is built, changed as a school changes its programme, and
built again; the feeds, the changes page, courses.json and the HSDS export tell what changed."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

from recovery_college.engine.build import build_site
from support import FIXTURES, replace_once

pytestmark = pytest.mark.build
TERM = "content/data/terms/2026-efteraar.yml"


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support import make_project

    root = make_project(tmp_path_factory.mktemp("informed") / "school")
    build_site(root)
    assert json.loads((root / "site/changes.json").read_text("utf-8"))["changes"] == []
    term = root / TERM
    # A meeting moved: the second meeting of Håb from 15 to 8 December.
    replace_once(term, "skip: [2026-12-08]}", "skip: [2026-12-15]}")
    # Håb is full, with a waiting list by e-mail.
    replace_once(term, "    places_left: 2\n", "    places_left: 0\n")
    replace_once(
        term,
        "      closes: 2026-11-30\n",
        "      closes: 2026-11-30\n      waiting_list: {method: email, link: 'mailto:skolen@example.org'}\n",
    )
    # The café is cancelled, and a new café is added.
    replace_once(term, "      method: drop-in\n", "      method: drop-in\n    status: cancelled\n")
    text = term.read_text(encoding="utf-8")
    term.write_text(
        text.replace(
            "  - id: hab-2026e-aflyst\n",
            "  - id: cafe-2026e-2\n    course: cafe\n    venue: kaelderen\n    language: en\n"
            '    sessions:\n      dates: [2026-12-10]\n      start: "18:00"\n      end: "20:00"\n'
            "    educators:\n      - {name: Ali Kaya, role: peer}\n"
            "    signup:\n      method: drop-in\n"
            "  - id: hab-2026e-aflyst\n",
            1,
        ),
        encoding="utf-8",
    )
    build_site(root)
    return root / "site"


def test_the_feed_is_valid_atom_and_says_what_changed(changed: Path):
    feed = feedparser.parse((changed / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Testskolen: nye og ændrede kurser"
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == [
        "Aflyst: Recovery-café.",
        "Fuldt booket: Håb. Du kan skrive dig på venteliste.",
        "Håb: mødet tirsdag den 15. december 2026 kl. 13.00 er flyttet til tirsdag den "
        "8. december 2026 kl. 13.00.",
        "Nyt kursus: Recovery-café, fra 10. december 2026.",
    ]
    for entry in feed.entries:
        assert (
            entry.id.startswith("urn:uuid:")
            and entry.updated
            and entry.link.startswith("https://test.example/courses/")
        )
    english = feedparser.parse((changed / "en/feed.atom").read_bytes())
    assert not english.bozo
    assert "Cancelled: Recovery-café." in {entry.title for entry in english.entries}


def test_each_course_has_its_own_feed_and_pages_announce_theirs(changed: Path):
    feed = feedparser.parse((changed / "courses/hab/feed.atom").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2  # moved and full, nothing of the café
    page = (changed / "courses/hab/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.atom"' in page
    assert 'type="application/atom+xml" href="../../feed.atom"' in page  # the school's feed


def test_the_changes_page_lists_the_changes_newest_first(changed: Path):
    page = (changed / "courses/nyt/index.html").read_text(encoding="utf-8")
    assert "<h1 data-search-body>Nyt og ændret</h1>" in page
    assert (
        "Aflyst: Recovery-café." in page
        and "Nyt kursus: Recovery-café, fra 10. december 2026." in page
    )
    assert 'href="nyt/"' in (changed / "courses/index.html").read_text("utf-8")
    arabic = (changed / "ar/courses/nyt/index.html").read_text(encoding="utf-8")
    assert "أُلغيت" in arabic


def test_a_full_course_offers_its_waiting_list_instead_of_sign_up(changed: Path):
    page = (changed / "courses/hab/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:skolen@example.org">Skriv dig på venteliste på e-mail</a>' in page
    assert "https://example.org/tilmelding" not in page
    feed = json.loads((changed / "courses.json").read_text(encoding="utf-8"))
    hab = next(entry for entry in feed["offerings"] if entry["id"] == "hab-2026e")
    assert hab["status"] == "full" and hab["signup"]["link"] is None
    assert hab["signup"]["waiting_list"] == {"method": "email", "link": "mailto:skolen@example.org"}
    schema = json.loads((changed / "courses.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema)
    calendar = (changed / "calendars/hab-2026e.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Copenhagen:20261208T130000" in calendar


def test_calendars_can_be_subscribed_to(changed: Path):
    catalogue = (changed / "courses/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://test.example/courses.ics"' in catalogue
    assert "Abonnér, så kommer ændringer selv ind i kalenderen på din telefon." in catalogue
    english = (changed / "en/courses/hab/index.html").read_text(encoding="utf-8")
    assert (
        'href="webcal://test.example/en/calendars/hab-2026e.ics">Subscribe in your calendar</a>'
        in english
    )


def test_the_hsds_export_validates_against_the_published_schema(changed: Path):
    schema = json.loads((FIXTURES / "hsds/service.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    services = json.loads((changed / "hsds/services.json").read_text(encoding="utf-8"))
    assert {service["name"] for service in services} == {"Recovery-café", "Håb"}
    for service in services:
        errors = [error.message for error in validator.iter_errors(service)]
        assert errors == [], errors
    hab = next(service for service in services if service["name"] == "Håb")
    autumn = next(at for at in hab["service_at_locations"] if "hab-2026e " in at["description"])
    # Håb meets on 1 and 8 December: a plain weekly run, one rule.
    assert [(s["dtstart"], s["count"], s["byday"], s["freq"]) for s in autumn["schedules"]] == [
        ("2026-12-01", 2, "TU", "WEEKLY")
    ]
    place = hab["service_at_locations"][0]["location"]
    assert place["addresses"][0]["postal_code"] == "9999"
    assert "step-free entrance: yes" in place["accessibility"][0]["description"]


def test_the_memory_survives_a_rebuild_and_old_changes_stay(changed: Path):
    log = json.loads((changed / "changes.json").read_text(encoding="utf-8"))
    kinds = sorted(change["kind"] for change in log["changes"])
    assert kinds == ["cancelled", "full", "moved", "new"]
    assert set(log["snapshot"]) >= {"hab-2026e", "cafe-2026e", "cafe-2026e-2"}


def test_a_course_can_be_followed_in_a_calendar(changed: Path):
    from icalendar import Calendar

    page = (changed / "courses/hab/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://test.example/calendars/kurser/hab.ics"' in page
    calendar = Calendar.from_ical((changed / "calendars/kurser/hab.ics").read_bytes())
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    # Both runs of Håb in the autumn term, and the cancelled one, in one calendar.
    assert any(uid.startswith("hab-2026e-") for uid in uids)
    assert any(uid.startswith("hab-2026e-aflyst-") for uid in uids)


def test_a_course_without_runs_yet_can_be_followed_too(project: Path):
    """Its calendar is empty until the first run is planned, and its page links no dead file."""
    from icalendar import Calendar

    hab = (project / "content/da/courses/hab.md").read_text(encoding="utf-8")
    (project / "content/da/courses/ny.md").write_text(
        hab.replace("title: Håb", "title: Nyt kursus"), encoding="utf-8"
    )
    build_site(project)  # the link check would stop the build on a missing calendar
    calendar = Calendar.from_ical((project / "site/calendars/kurser/ny.ics").read_bytes())
    assert list(calendar.walk("VEVENT")) == []
