"""Nothing a school writes can break a reader's browser or the build (issue: escaping, links,
safe reading, errors without echoes, language codes, roles).

Each test writes unusual but realistic content into a copy of the fixture school and checks
what a reader or an editor would meet: the built HTML, or the error message.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.courses.models import few_places
from recovery_college.engine.build import build_site
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"
COURSE = "content/da/courses/hab.md"


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        load_project(root)
    return raised.value.report().splitlines()


class _Head(html.parser.HTMLParser):
    """The page's <title> text and its meta description as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


# --- 1. Escaping -----------------------------------------------------------------------------


@pytest.mark.build
def test_markup_and_quotes_from_content_are_text_everywhere(project: Path):
    course = project / COURSE
    replace_once(course, "title: Håb", 'title: "Håb <b>og</b> mod"')
    replace_once(course, "summary: Et kursus om håb.", "summary: 'Om \"de svære samtaler\".'")
    term = project / TERM
    replace_once(
        term, "{name: Mette Holm, role: peer}", "{name: '<script>x()</script>', role: peer}"
    )
    guide = project / "content/da/guides/snak.md"
    replace_once(guide, "title: Før du kommer", "title: Før du <em>kommer</em>")
    build_site(project)
    site = project / "site"
    page = site / "courses/hab/index.html"
    found = head(page)
    assert found.title.startswith("Håb <b>og</b> mod - ")  # shown as text, not as bold
    assert found.description == 'Om "de svære samtaler".'  # the attribute did not end early
    text = page.read_text(encoding="utf-8")
    assert "<b>og</b>" not in text and "&lt;b&gt;og&lt;/b&gt;" in text
    assert "<script>x()</script>" not in text and "&lt;script&gt;x()&lt;/script&gt;" in text
    for lang in ("", "en/", "ar/"):  # the catalogue card and the term page in every language
        for listing in ("courses/index.html", "terms/2026-efteraar/index.html"):
            assert "<b>og</b>" not in (site / lang / listing).read_text(encoding="utf-8")
    # A generated list (the guides section) goes through Markdown: markup stays text there too.
    guides = (site / "guides/index.html").read_text(encoding="utf-8")
    assert "<em>kommer</em>" not in guides and "Før du &lt;em&gt;kommer&lt;/em&gt;" in guides
    # JSON-LD cannot be closed from content.
    assert "</script>x" not in text


# --- 2. Content-Security-Policy --------------------------------------------------------------


def test_every_page_has_a_policy_and_no_inline_script(built: Path):
    pages = list(built.rglob("*.html"))
    assert len(pages) > 40
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy, f"{page} has no Content-Security-Policy"
        assert "script-src &#39;self&#39;" in policy.group(1)
        assert "unsafe-inline" not in policy.group(1)
        assert not inline.search(text), f"{page} has an inline script"
        assert " style=" not in text, f"{page} has an inline style"
    headers = (built / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'none'" in headers
    assert "frame-ancestors 'none'" in headers
    assert "Header always set Content-Security-Policy" in (built / ".htaccess").read_text()


# --- 3. One rule for every link --------------------------------------------------------------


def test_a_javascript_link_is_refused_whatever_the_sign_up_method(project: Path):
    term = project / TERM
    replace_once(
        term,
        "    signup:\n      method: drop-in",
        "    signup:\n      method: drop-in\n      link: javascript:alert(1)",
    )
    [message, _summary] = problems(project)
    assert message.startswith(f"{TERM}:")
    assert (
        'the link "javascript:alert(1)" starts with "javascript:". Links must start with' in message
    )


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("[her](javascript:alert(1))", 'starts with "javascript:"'),
        ("![billede](data:image/png;base64,AAAA)", 'starts with "data:"'),
        ('<a href="http://example.org/">link</a>', 'starts with "http:"'),
        ("[mail](mailto:skolen@example)", '"mailto:skolen@example" is not an e-mail link'),
        ("[ring](tel:70-20-12-01)", '"tel:70-20-12-01" is not a phone link'),
        ('<a href="https://x.dk/a b">link</a>', "has a space or a line break"),
    ],
)
def test_links_in_a_page_follow_the_same_rule(project: Path, written: str, words: str):
    guide = project / "content/da/guides/snak.md"
    guide.write_text(guide.read_text(encoding="utf-8") + f"\nLæs {written} i dag.\n")
    lines = guide.read_text(encoding="utf-8").splitlines()
    address = re.search(r'\]\(([^)]+\)?)\)|href="([^"]+)"', written)
    column = lines[-1].index(address.group(1) or address.group(2)) + 1
    [message, _summary] = problems(project)
    assert message.startswith(f"content/da/guides/snak.md:{len(lines)}:{column}: "), message
    assert words in message


def test_relative_links_and_safe_schemes_pass(project: Path):
    guide = project / "content/da/guides/snak.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + "\n[Gruppen](gruppen.md#top), [ring](tel:+4570201201), [skriv](mailto:a@b.dk), "
        "[læs](https://www.sundhed.dk/) og `[kode](javascript:x)`.\n",
        encoding="utf-8",
    )
    load_project(project)


def test_a_map_link_must_be_https(project: Path):
    venues = project / "content/data/venues.yml"
    text = venues.read_text(encoding="utf-8")
    venues.write_text(
        text.replace("map: https://www.openstreetmap", "map: http://www.openstreetmap")
    )
    report = problems(project)
    assert report[0].startswith("content/data/venues.yml:10:8:")
    assert 'starts with "http:"' in report[0]
    assert "there is no venue" not in "\n".join(report)  # offerings at the venue: no echoes


# --- 4. Every file read the same safe way ----------------------------------------------------


def test_a_page_with_a_byte_order_mark_and_windows_line_ends_is_read(project: Path):
    course = project / COURSE
    text = course.read_text(encoding="utf-8")
    course.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    term = project / TERM
    term.write_bytes(b"\xef\xbb\xbf" + term.read_bytes().replace(b"\n", b"\r\n"))
    loaded = load_project(project)
    assert loaded.pages["da"]["courses/hab.md"].meta.title == "Håb"


def test_a_file_in_another_encoding_says_how_to_save_it(project: Path):
    guide = project / "content/da/guides/snak.md"
    guide.write_bytes(guide.read_text(encoding="utf-8").encode("cp1252"))
    [message, rest, _summary] = problems(project)
    assert rest.startswith("The rest of content/da/guides/snak.md could not be read")
    # "Før" on line 2: the ø is the first byte that is not UTF-8.
    assert message.startswith("content/da/guides/snak.md:2:9: the file is not saved as UTF-8")
    assert '"UTF-8"' in message


def test_a_front_matter_that_is_not_closed_is_named(project: Path):
    guide = project / "content/da/guides/snak.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("---\n\nVi", "\nVi", 1))
    [message, _rest, _summary] = problems(project)
    assert message.startswith(
        'content/da/guides/snak.md:1:1: the front matter that begins with "---" on this line '
        "is not closed."
    )


# --- 5. Errors without echoes ----------------------------------------------------------------


def test_a_mistake_in_a_course_page_is_reported_once(project: Path):
    replace_once(project / COURSE, "demand: light", "demand: lite")
    report = problems(project)
    assert len(report) == 2, report
    assert report[0].startswith(f"{COURSE}:8:9:")
    assert report[0].endswith("Did you mean light?")
    # The page exists, so the offerings of the course are not "without a course".
    assert "there is no course" not in "\n".join(report)


def test_a_broken_venues_file_does_not_make_every_venue_unknown(project: Path):
    venues = project / "content/data/venues.yml"
    venues.write_text(
        venues.read_text(encoding="utf-8").replace("step_free: true", "step_free: ja", 1)
    )
    report = "\n".join(problems(project))
    assert "content/data/venues.yml" in report
    assert "there is no venue" not in report


# --- 6. Internal links -----------------------------------------------------------------------


@pytest.mark.build
def test_a_link_to_a_missing_page_or_anchor_stops_the_build(project: Path):
    build_site(project)
    before = (project / "site/index.html").read_bytes()
    guide = project / "content/da/guides/snak.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + "\nSe [mere](mangler.md) og [gruppen](gruppen.md#findes-ikke).\n",
        encoding="utf-8",
    )
    line = len(guide.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ContentErrors) as raised:
        build_site(project)
    report = raised.value.report().splitlines()
    assert report[0] == (
        f'content/da/guides/snak.md:{line}:11: the link "mangler.md" leads to a file that does '
        "not exist (guides/snak/mangler.md). Check the name of the page it should lead to, or "
        "remove the link."
    )
    assert report[1].startswith(
        f'content/da/guides/snak.md:{line}:46: the link "../gruppen/#findes-ikke" points to '
        '"#findes-ikke", but /guides/gruppen/ has no heading'
    )
    assert len(report) == 3  # once, though English and Arabic show the Danish page too
    assert (project / "site/index.html").read_bytes() == before


# --- 7. Language codes -----------------------------------------------------------------------


def test_an_unknown_teaching_language_is_named_at_its_line(project: Path):
    term = project / TERM
    replace_once(term, "    language: en\n", "    language: engelsk\n")
    [message, _summary] = problems(project)
    assert re.match(
        rf'{TERM}:\d+:15: "offerings\[2\].language": the language code "engelsk"', message
    )


# --- 8. Roles and few places -----------------------------------------------------------------


@pytest.mark.build
def test_a_relative_educator_is_shown_and_counts_as_lived_experience(project: Path):
    term = project / TERM
    replace_once(term, "{name: Ali Kaya, role: peer}", "{name: Ali Kaya, role: relative}")
    build_site(project)
    site = project / "site"
    danish = (site / "courses/cafe/index.html").read_text(encoding="utf-8")
    assert "Pårørendeunderviser (erfaring som pårørende)" in danish
    english = (site / "en/courses/cafe/index.html").read_text(encoding="utf-8")
    assert "Relative educator (lived experience as a relative)" in english
    arabic = (site / "ar/courses/cafe/index.html").read_text(encoding="utf-8")
    assert "مدرّس من الأقارب" in arabic
    assert '"role": "relative"' in (site / "courses.json").read_text(encoding="utf-8")


def test_a_professional_alone_still_needs_a_reason(project: Path):
    term = project / TERM
    replace_once(term, "{name: Ali Kaya, role: peer}", "{name: Ali Kaya, role: professional}")
    [message, _summary] = problems(project)
    assert "no educator has role peer or relative" in message


@pytest.mark.parametrize(
    ("left", "capacity", "few"),
    [(3, 14, True), (4, 14, False), (7, 30, True), (8, 30, False), (2, 8, True), (3, 8, False),
     (3, None, True), (4, None, False), (0, 10, False)],
)  # fmt: skip
def test_few_places_is_a_share_of_the_capacity(left, capacity, few):
    assert few_places(left, capacity) is few
