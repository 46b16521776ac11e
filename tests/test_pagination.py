"""Long lists (the catalogue, a term's programme) come in fixed-size pages with page links."""

from __future__ import annotations

import re

import pytest

from recovery_college.engine.build import build_site
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


@pytest.mark.build
def test_catalogue_and_term_pages_split_a_long_list(project):
    term = project / "content/data/terms/2026-efteraar.yml"
    term.write_text(
        term.read_text(encoding="utf-8") + "".join(offering(n) for n in range(EXTRA)),
        encoding="utf-8",
    )
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


def test_pages_carry_no_indentation_but_preformatted_text_is_kept(built):
    html = read(built, "courses/index.html")
    assert "\n  " not in html and "\n\n" not in html
    source = "<div>\n    <pre>  two spaces\n    four</pre>\n  <script>\n  x = 1\n</script>\n</div>"
    assert (
        compact(source)
        == "<div>\n<pre>  two spaces\n    four</pre>\n<script>\n  x = 1\n</script>\n</div>"
    )
