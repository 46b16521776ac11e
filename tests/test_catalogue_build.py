"""End-to-end: the fixture school's catalogue, course pages, calendars and JSON feed."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from icalendar import Calendar

from recovery_college.engine.build import build_site

pytestmark = pytest.mark.build  # every test here builds a site


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_course_page_shows_coming_offerings_with_dates_status_and_sign_up(built):
    page = text(read(built, "courses/hab/index.html"))
    assert "Tirsdag, 13.00 – 15.00 . 2 gange fra tirsdag den 1. december 2026." in page
    assert "tirsdag den 15. december 2026" in page
    assert "Få pladser tilbage" in page and "2 af 12 pladser er ledige" in page
    assert "Huset , Lokale 1 Testvej 1, 9999 Testby" in page  # each name in its <bdi>
    assert "Indgang uden trin: ja" in page and "Teleslynge: nej" in page
    assert "Mette Holm : Peer-underviser (egen erfaring)" in page
    assert "Jonas Berg : Fagprofessionel underviser" in page
    assert "Tilmeld dig senest 30. november 2026." in page
    assert "Aflyst" in page  # the cancelled online run is still shown, marked
    assert "Forår 2026" not in page  # finished runs are not listed as coming
    html = read(built, "courses/hab/index.html")
    assert 'href="https://example.org/tilmelding"' in html
    assert 'href="../../calendars/hab-2026e.ics"' in html


def test_course_page_in_english_uses_english_dates_and_labels(built):
    page = text(read(built, "en/courses/hab/index.html"))
    assert "Tuesday, December 1, 2026" in page
    assert "Peer educator (lived experience)" in page and "Few places left" in page


def test_course_page_has_schema_org_course_and_instances(built):
    html = read(built, "courses/hab/index.html")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Course" and data["name"] == "Håb"
    kinds = [i["@type"] for i in data["hasCourseInstance"]]
    assert kinds == ["CourseInstance", "CourseInstance"]
    assert data["hasCourseInstance"][0]["startDate"] == "2026-12-01T13:00:00+01:00"
    assert data["hasCourseInstance"][1]["eventStatus"] == "https://schema.org/EventCancelled"


def cards(html: str) -> list[str]:
    """The offering ids of a list page's cards, in order."""
    return re.findall(r'<article class="rc-offering[^"]*" aria-labelledby="o-([^"]+)"', html)


def test_catalogue_lists_every_coming_offering_in_its_filter_index(built):
    html = read(built, "courses/index.html")
    assert cards(html) == ["cafe-2026e", "hab-2026e", "hab-2026e-aflyst"]  # spring is over
    assert 'id="rc-filterbox" hidden' in html  # filters appear only when JavaScript runs
    assert 'data-index="filter-index.json"' in html
    index = json.loads(read(built, "courses/filter-index.json"))
    by_id = {o["id"]: o for o in index["offerings"]}
    assert list(by_id) == ["cafe-2026e", "hab-2026e", "hab-2026e-aflyst"]
    cafe = by_id["cafe-2026e"]
    assert cafe["f"] == {
        "theme": "relationer",
        "chime": "connectedness",
        "venue": "kaelderen",
        "weekday": "torsdag",
        "time": "evening",
        "mode": "in-person",
        "attendance": "drop-in",
        "language": "en",
        "stepfree": "no",
    }
    assert cafe["when"] == ["Torsdag", "18.00", "20.00", "26. november 2026."]
    assert cafe["where"] == ["Kælderen", "Indgang uden trin: nej"]
    assert by_id["hab-2026e-aflyst"]["where"] == [None, "Online"]
    assert cafe["language"] == "Engelsk" and cafe["signup"] == [
        "Ingen tilmelding: bare mød op",
        None,
    ]
    assert by_id["hab-2026e"]["signup"] == [
        "Tilmeld dig på skolens formular",
        "https://example.org/tilmelding",
    ]
    assert index["courses"]["hab"] == {
        "title": "Håb",
        "summary": "Et kursus om håb.",
        "url": "../courses/hab/",
    }
    english = json.loads(read(built, "en/courses/filter-index.json"))
    assert english["courses"]["hab"]["summary"] == "A course about hope."
    assert english["labels"]["when"] == "When"


def test_catalogue_cards_say_what_the_course_is_in_a_few_lines(built):
    html = read(built, "courses/index.html")
    card = html.split('aria-labelledby="o-hab-2026e"', 1)[1].split("</article>", 1)[0]
    assert '<p class="rc-offering__summary">Et kursus om håb.</p>' in card
    assert "Indgang uden trin: ja" in card and "Dansk" in card
    assert "Mette Holm" not in card, "the teachers are on the course page, not on the card"
    assert '<dl class="rc-facts rc-facts--compact">' in card
    # A course page not translated into Arabic: its Danish summary is marked as Danish.
    arabic = read(built, "ar/courses/index.html")
    assert '<p class="rc-offering__summary" lang="da" dir="ltr">Et kursus om håb.</p>' in arabic
    english = read(built, "en/courses/index.html")
    assert '<p class="rc-offering__summary">A course about hope.</p>' in english


FACETS = {
    # page: (Danish title, English title, the offerings it lists)
    "courses/sprog/en/": ("Kurser på engelsk", "Courses taught in English", ["cafe-2026e"]),
    "courses/sprog/da/": (
        "Kurser på dansk",
        "Courses taught in Danish",
        ["hab-2026e", "hab-2026e-aflyst"],
    ),
    "courses/tema/hverdagsliv/": (
        "Kurser med temaet Hverdagsliv",
        "Courses on the theme: Everyday life",
        ["hab-2026e", "hab-2026e-aflyst"],
    ),
    "courses/dag/torsdag/": (
        "Kurser om torsdagen",
        "Courses on Thursdays",
        ["cafe-2026e", "hab-2026e-aflyst"],
    ),
    "courses/find/online/": ("Kurser på nettet", "Online courses", ["hab-2026e-aflyst"]),
    "courses/find/drop-in/": (
        "Kurser, hvor du bare møder op",
        "Courses where you just turn up",
        ["cafe-2026e"],
    ),
    "courses/find/trinfri/": (
        "Kurser med adgang uden trin",
        "Courses with step-free access",
        ["hab-2026e", "hab-2026e-aflyst"],
    ),
}


@pytest.mark.parametrize("path", FACETS)
def test_each_facet_has_a_plain_page_in_every_language(built, path):
    danish, english, listed = FACETS[path]
    page = read(built, path + "index.html")
    assert f"<h1>{danish}</h1>" in page and cards(page) == listed
    assert "data-search-body" not in page, "facet pages stay out of the search index"
    assert "catalogue.js" not in page and 'id="rc-filters"' not in page  # plain HTML
    assert f"<h1>{english}</h1>" in read(built, "en/" + path + "index.html")
    assert cards(read(built, "ar/" + path + "index.html")) == listed
    catalogue = read(built, "courses/index.html")
    assert f'href="{path[len("courses/") :]}"' in catalogue, "linked from the catalogue"
    sitemap = read(built, "sitemap.xml")
    for lang in ("", "en/", "ar/"):
        assert f"<loc>https://test.example/{lang}{path}</loc>" in sitemap


def test_facet_pages_are_titled_in_arabic(built):
    page = read(built, "ar/courses/sprog/en/index.html")
    assert "<h1>دورات باللغة الإنجليزية</h1>" in page
    assert "<h1>دورات يوم الخميس</h1>" in read(built, "ar/courses/dag/torsdag/index.html")
    assert "<h1>دورات عبر الإنترنت</h1>" in read(built, "ar/courses/find/online/index.html")


def test_the_catalogue_links_every_facet_with_coming_courses_without_javascript(built):
    html = read(built, "courses/index.html")
    found = html.split('<nav class="rc-facets"', 1)[1].split("</nav>", 1)[0]
    assert '<h2 id="rc-facets-title">Find kurser efter tema, sprog og dag</h2>' in found
    assert '<a href="sprog/en/">Engelsk</a> <span class="rc-facets__count">(1)</span>' in found
    assert '<a href="dag/tirsdag/">Tirsdag</a> <span class="rc-facets__count">(1)</span>' in found
    assert '<a href="#rc-facets">Find kurser efter tema, sprog og dag</a>' in html
    # A facet page links the others, and the whole catalogue.
    facet = read(built, "courses/sprog/en/index.html")
    assert '<a href="../da/">Dansk</a>' in facet and 'aria-current="page">Engelsk</a>' in facet
    assert '<a href="../../">Alle kurser</a>' in facet


def test_term_page_groups_by_month_and_archive_lists_past_terms(built):
    term = text(read(built, "terms/2026-efteraar/index.html"))
    assert "November 2026" in term and "December 2026" in term
    assert term.index("November 2026") < term.index("Recovery-café") < term.index("December 2026")
    archive = read(built, "courses/arkiv/index.html")
    assert 'href="../../terms/2026-foraar/"' in archive
    assert "2026-efteraar" not in archive


def events(site, rel: str) -> list:
    return list(Calendar.from_ical((site / rel).read_bytes()).walk("VEVENT"))


def test_calendars_per_offering_per_term_and_for_everything(built):
    offering = events(built, "calendars/hab-2026e.ics")
    assert [str(e["UID"]) for e in offering] == [
        "hab-2026e-20261201@test.example",
        "hab-2026e-20261215@test.example",
    ]
    assert offering[0].decoded("dtstart").isoformat() == "2026-12-01T13:00:00+01:00"
    assert str(offering[0]["SUMMARY"]) == "Håb (1/2)"
    raw = (built / "calendars/hab-2026e.ics").read_text()
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Copenhagen" in raw
    assert len(events(built, "calendars/2026-efteraar.ics")) == 4
    assert len(events(built, "courses.ics")) == 6
    cancelled = events(built, "calendars/hab-2026e-aflyst.ics")
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"
    english = events(built, "en/calendars/hab-2026e.ics")
    assert str(english[0]["SUMMARY"]) == "Hope (1/2)"


def test_sequence_grows_only_when_an_event_changes(project):
    build_site(project)
    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(project / "site", "courses.ics")}
    assert set(first.values()) == {0}
    term = project / "content/data/terms/2026-efteraar.yml"
    term.write_text(term.read_text().replace('start: "18:00"', 'start: "17:00"'), encoding="utf-8")
    build_site(project)
    second = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(project / "site", "courses.ics")}
    assert second["cafe-2026e-20261126@test.example"] == 1
    assert second["hab-2026e-20261201@test.example"] == 0
    build_site(project)
    third = {str(e["UID"]): int(e["SEQUENCE"]) for e in events(project / "site", "courses.ics")}
    assert third == second


def test_json_feed_matches_its_schema_and_the_contract(built):
    feed = json.loads(read(built, "courses.json"))
    schema = json.loads(read(built, "courses.schema.json"))
    jsonschema.validate(feed, schema)
    by_id = {o["id"]: o for o in feed["offerings"]}
    hab = by_id["hab-2026e"]
    assert (
        hab["status"] == "few"
        and hab["course_id"] == "hab"
        and hab["term"]["id"] == "2026-efteraar"
    )
    assert hab["sessions"][0] == {
        "start": "2026-12-01T13:00:00+01:00",
        "end": "2026-12-01T15:00:00+01:00",
    }
    assert hab["venue"]["address"] == {"street": "Testvej 1", "postcode": "9999", "city": "Testby"}
    assert hab["venue"]["step_free"] is True
    assert hab["educators"] == [
        {"name": "Mette Holm", "role": "peer"},
        {"name": "Jonas Berg", "role": "professional"},
    ]
    assert hab["signup"] == {
        "method": "form",
        "link": "https://example.org/tilmelding",
        "opens": "2026-11-01",
        "closes": "2026-11-30",
        "waiting_list": None,
    }
    assert hab["url"] == "https://test.example/courses/hab/"
    assert hab["ical_url"] == "https://test.example/calendars/hab-2026e.ics"
    assert (
        by_id["hab-2026e-aflyst"]["online"] is True and by_id["hab-2026e-aflyst"]["venue"] is None
    )
    assert by_id["hab-2026f"]["status"] == "finished"
    english = json.loads(read(built, "en/courses.json"))
    assert english["language"] == "en" and english["offerings"][0]["url"].startswith(
        "https://test.example/en/"
    )


def test_untranslated_notes_and_directions_are_marked_as_danish(project):
    term = project / "content/data/terms/2026-efteraar.yml"
    term.write_text(
        term.read_text(encoding="utf-8").replace(
            "    capacity: 12\n",
            '    capacity: 12\n    notes: {da: "Tag en kop med.", en: "Bring a mug."}\n',
            1,
        ),
        encoding="utf-8",
    )
    venues = project / "content/data/venues.yml"
    venues.write_text(
        venues.read_text(encoding="utf-8").replace(
            "  quiet_room: true\n", '  quiet_room: true\n  transport: {da: "Bus 2 til døren."}\n', 1
        ),
        encoding="utf-8",
    )
    build_site(project)
    english = read(project / "site", "en/courses/hab/index.html")
    assert '<bdi lang="en">Bring a mug.</bdi>' in english
    assert '<p lang="da">Bus 2 til døren.</p>' in english
    arabic = read(project / "site", "ar/courses/hab/index.html")
    assert '<bdi lang="da">Tag en kop med.</bdi>' in arabic  # isolated: the full stop stays put


@pytest.mark.parametrize(
    ("window", "label"),
    [
        ("opens: 2026-11-01\n      closes: 2026-11-20", "Tilmelding lukket"),
        ("opens: 2026-11-25\n      closes: 2026-11-30", "Tilmelding åbner senere"),
    ],
)
def test_a_course_whose_sign_up_is_shut_does_not_say_open(project, window, label):
    term = project / "content/data/terms/2026-efteraar.yml"
    text = term.read_text(encoding="utf-8")
    assert "opens: 2026-11-01\n      closes: 2026-11-30" in text
    term.write_text(
        text.replace("opens: 2026-11-01\n      closes: 2026-11-30", window), encoding="utf-8"
    )
    build_site(project)
    page = read(project / "site", "courses/hab/index.html")
    assert f'<p class="rc-status rc-status--closed">{label}</p>' in page
    assert "Få pladser tilbage</p>" not in page
    assert 'href="https://example.org/tilmelding"' not in page, "no sign-up button while shut"
    feed = json.loads(read(project / "site", "courses.json"))
    hab = {o["id"]: o for o in feed["offerings"]}["hab-2026e"]
    assert hab["status"] == "few" and hab["signup"]["link"] is None


def test_a_course_page_describes_each_venue_once(project):
    term = project / "content/data/terms/2026-efteraar.yml"
    text = term.read_text(encoding="utf-8")
    second = """  - id: hab-2026e-to
    course: hab
    venue: huset
    language: da
    sessions:
      dates: [2026-12-10]
      start: "13:00"
      end: "15:00"
    educators:
      - {name: Mette Holm, role: peer}
    signup:
      method: drop-in
"""
    term.write_text(
        text.replace("  - id: cafe-2026e\n", second + "  - id: cafe-2026e\n"), encoding="utf-8"
    )
    build_site(project)
    page = read(project / "site", "courses/hab/index.html")
    assert page.count('<ul class="rc-access"') == 1
    assert '<ul class="rc-access" id="rc-access-hab-2026e">' in page
    assert '<a href="#rc-access-hab-2026e">Adgang og vej: se ovenfor</a>' in page
