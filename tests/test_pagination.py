"""Long lists (the catalogue, a term's programme) come in fixed-size pages with page links."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from recovery_college.assembly import load_project
from recovery_college.courses.models import Catalogue
from recovery_college.courses.views import RUNS_PER_PAGE, CatalogueViews, course_view
from recovery_college.engine.build import build_site
from recovery_college.outputs.i18n import TIMEZONE
from recovery_college.outputs.pagesize import compact
from recovery_college.outputs.pagination import PAGE_SIZE, page_url, pager

EXTRA = 2 * PAGE_SIZE + 2  # with the fixture's three coming offerings: three pages


def offering(number: int) -> str:
    return f"""
  - id: ekstra-{number}
    course: hab
    venue: huset
    room: Lokale 1
    language: da
    sessions:
      dates: [2026-12-{1 + number % 17:02d}]
      start: "13:00"
      end: "15:00"
    educators:
      - {{name: Mette Holm, role: peer}}
      - {{name: Jonas Berg, role: professional}}
    signup:
      method: form
      link: https://example.org/tilmelding?hold={number}
"""


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def entries(html: str) -> list[str]:
    return re.findall(r'aria-labelledby="o-([^"]+)"', html)


def test_page_links_show_the_ends_and_the_pages_around_the_current_one():
    middle = pager("courses/", 5, 10 * PAGE_SIZE)
    assert [link.number for link in middle.links] == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert [link.url for link in middle.links if link.current] == ["courses/side/5/"]
    assert middle.previous == "courses/side/4/" and middle.next == "courses/side/6/"
    assert (middle.first, middle.last) == (4 * PAGE_SIZE + 1, 5 * PAGE_SIZE)
    first = pager("courses/", 1, PAGE_SIZE + 1)
    assert first.previous is None and first.next == "courses/side/2/"
    assert not pager("courses/", 1, PAGE_SIZE).paged


def add_runs(project, count: int) -> None:
    term = project / "content/data/terms/2026-efteraar.yml"
    term.write_text(
        term.read_text(encoding="utf-8") + "".join(offering(n) for n in range(count)),
        encoding="utf-8",
    )


def test_a_course_page_shows_the_next_runs_in_full_and_pages_the_rest(project):
    add_runs(project, 10_000 // 4)  # a national school's course: thousands of coming runs
    loaded = load_project(project)
    metas = {"hab": loaded.pages["da"]["courses/hab.md"].meta}
    now = dt.datetime(2026, 11, 23, 12, tzinfo=TIMEZONE)
    views = CatalogueViews(loaded.part(Catalogue), metas, "da", lambda s: s, now)
    coming, _past = views.for_course("hab")
    assert len(coming) > 2500

    first = course_view(views, "hab", metas["hab"], "https://x.dk/courses/hab/", "Skolen")
    assert [o.id for o in first.coming] == [o.id for o in coming[:RUNS_PER_PAGE]]
    assert first.pager.next == "courses/hab/side/2/" and first.pager.total == len(coming)
    instances = json.loads(first.jsonld)["hasCourseInstance"]
    assert len(instances) == RUNS_PER_PAGE  # search engines get the runs the page shows

    count = first.pager.count
    last = course_view(views, "hab", metas["hab"], "", "Skolen", count)
    assert last.pager.previous == f"courses/hab/side/{count - 1}/" and last.pager.next is None
    assert [o.id for o in last.coming] == [o.id for o in coming[(count - 1) * RUNS_PER_PAGE :]]
    # "Access and directions: see above" points to a run on the same page.
    for page in (first, last):
        shown = {f"rc-access-{o.id}" for o in page.coming}
        assert set(page.venue_shown_at.values()) <= shown


@pytest.mark.build
def test_catalogue_and_term_pages_split_a_long_list(project):
    add_runs(project, EXTRA)
    build_site(project)
    site = project / "site"

    first = read(site, "courses/index.html")
    assert len(entries(first)) == PAGE_SIZE
    total = EXTRA + 3
    assert f"{total} kurser på vej. Denne side viser kursus 1 til {PAGE_SIZE}." in first
    assert '<nav class="rc-pages" aria-label="Sider">' in first
    assert 'href="side/2/" rel="next">Næste side</a>' in first
    assert 'href="./" aria-current="page">1</a>' in first
    assert 'data-index="filter-index.json"' in first  # the filters choose among all pages

    last = read(site, "courses/side/3/index.html")
    assert "<title>Kurser, side 3 af 3 - " in last
    assert len(entries(last)) == total - 2 * PAGE_SIZE
    assert 'rel="prev">Forrige side</a>' in last and "Næste side" not in last
    every = [
        e for n in (1, 2, 3) for e in entries(read(site, page_url("courses/", n) + "index.html"))
    ]
    assert len(every) == len(set(every)) == total  # each coming offering on exactly one page

    # List entries are short: dates and the venue's details are on the course page.
    assert "Alle datoer" not in first and "Alle datoer" in read(site, "courses/hab/index.html")

    programme = read(site, "terms/2026-efteraar/side/2/index.html")
    assert "Efterår 2026, side 2 af 3" in programme
    assert "December 2026" in programme and len(entries(programme)) == PAGE_SIZE
    assert 'href="../../prospectus.pdf"' in programme  # the whole programme is one PDF away

    english = read(site, "en/courses/side/2/index.html")
    assert "<title>Courses, page 2 of 3 - " in english

    # The course with all these runs: the next ones in full, the rest on pages of their own.
    course = read(site, "courses/hab/index.html")
    runs = EXTRA + 2  # and the two coming runs the fixture has
    pages = -(-runs // RUNS_PER_PAGE)
    assert len(entries(course)) == RUNS_PER_PAGE
    assert f"Kurset har {runs} hold på vej. Denne side viser hold 1 til {RUNS_PER_PAGE}." in course
    assert 'href="side/2/" rel="next">Næste side</a>' in course
    later = read(site, f"courses/hab/side/{pages}/index.html")
    assert f", side {pages} af {pages}</h1>" in later
    assert 'href="../../">Om kurset</a>' in later  # back to what the course is
    every = [
        e
        for n in range(1, pages + 1)
        for e in entries(read(site, page_url("courses/hab/", n) + "index.html"))
    ]
    assert len(every) == len(set(every)) == runs  # each run on exactly one page
    assert all(
        len(read(site, page_url(f"{lang}courses/hab/", n) + "index.html").encode()) < 40 * 1024
        for lang in ("", "en/", "ar/")
        for n in range(1, pages + 1)
    )


def test_pages_carry_no_indentation_but_preformatted_text_is_kept(built):
    html = read(built, "courses/index.html")
    assert "\n  " not in html and "\n\n" not in html
    source = "<div>\n    <pre>  two spaces\n    four</pre>\n  <script>\n  x = 1\n</script>\n</div>"
    assert (
        compact(source)
        == "<div>\n<pre>  two spaces\n    four</pre>\n<script>\n  x = 1\n</script>\n</div>"
    )


def test_a_term_printed_place_by_place_has_a_page_for_its_programmes(project, monkeypatch):
    """A national school's term is printed place by place: a hundred links on the term's
    pages would make each of them long, so every page of the term links one page with them."""
    from recovery_college.courses import prospectus

    monkeypatch.setattr(prospectus, "SPLIT_AT", 1)  # the language builds are forked from here
    monkeypatch.setattr(prospectus, "PLACES_AT", 1)
    add_runs(project, EXTRA)
    build_site(project)
    site = project / "site"
    for page, link in (("index.html", "udskrift/"), ("side/3/index.html", "../../udskrift/")):
        text = read(site, f"terms/2026-efteraar/{page}")
        assert f'<a href="{link}">Programmet som PDF til udskrift</a>' in text
        assert 'type="application/pdf"' not in text
    listing = read(site, "terms/2026-efteraar/udskrift/index.html")
    assert listing.count('type="application/pdf"') > 2
