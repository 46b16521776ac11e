"""A rebuild renders again only the pages whose inputs changed, and converts again only the
Markdown that changed. Every other page is kept from the last build, and is byte for byte what
a full render makes (engine/rendercache.py, engine/markdowncache.py)."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_college.content.models import Localized
from recovery_college.courses.views import TermLink
from recovery_college.engine import rendercache
from recovery_college.engine.build import build_site
from recovery_college.outputs.fingerprints import Fingerprints
from support import make_project, replace_once

TERM = "content/data/terms/2026-efteraar.yml"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def _mark_kept(project: Path, lang: str, kind: str, end: str, mark: str) -> None:
    """Put a mark after `end` in every entry of a kind the render cache keeps: a page made
    from an entry shows it."""
    db = sqlite3.connect(project / rendercache.FOLDER / f"{lang}-build.sqlite")
    db.execute(
        "UPDATE kept SET value = replace(value, ?, ?) WHERE kind = ?", (end, end + mark, kind)
    )
    db.commit()
    db.close()


def _mark_kept_pages(project: Path, lang: str) -> None:
    _mark_kept(project, lang, "page", "</body>", "<!-- kept -->")


def _mark_kept_markdown(project: Path, lang: str) -> None:
    """Mark what Python-Markdown made of each page: a page whose Markdown was not converted
    again shows the mark below its first paragraph."""
    _mark_kept(project, lang, "markdown", "</p>", "<!-- converted before -->")


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.mark.build
def test_after_a_term_edit_every_page_is_what_a_full_render_makes(project, tmp_path):
    """The same school twice, the same builds and edit; the second keeps nothing from the
    first build (no `.cache/`)."""
    control = make_project(tmp_path / "control")
    for root in (project, control):
        build_site(root)
        replace_once(root / TERM, "places_left: 2", "places_left: 0")
        replace_once(root / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    shutil.rmtree(control / ".cache")
    build_site(project)  # most pages kept from the first build
    build_site(control)  # every page rendered
    kept, rendered = _pages(project / "site"), _pages(control / "site")
    assert kept.keys() == rendered.keys()
    assert [page for page in kept if kept[page] != rendered[page]] == []
    # Material's stylesheets, trimmed to the classes the pages use, as each page's were
    # noted last time (outputs/assets.py) or read from it afresh.
    sheets = sorted((project / "site" / "assets" / "stylesheets").glob("*.css"))
    assert sheets
    assert [
        sheet.name
        for sheet in sheets
        if sheet.read_bytes() != (control / "site/assets/stylesheets" / sheet.name).read_bytes()
    ] == []
    assert "Jonas Bjerg" in kept["courses/hab/index.html"].decode()
    assert "Jonas Bjerg" in kept["en/courses/hab/index.html"].decode()


@pytest.mark.build
def test_a_page_that_no_change_reaches_is_kept_and_one_that_it_reaches_is_rendered(project):
    build_site(project)
    for lang in ("da", "ar"):
        _mark_kept_pages(project, lang)
    replace_once(project / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    build_site(project)
    site = project / "site"
    assert "<!-- kept -->" in _html(site, "guides/gruppen/index.html")
    assert "<!-- kept -->" in _html(site, "ar/guides/gruppen/index.html")
    course = _html(site, "ar/courses/hab/index.html")
    assert "<!-- kept -->" not in course and "Jonas Bjerg" in course


@pytest.mark.build
def test_an_edited_page_renders_every_page_again(project):
    """Pages show each other's titles (the navigation, the section lists), so an edit
    anywhere outside the term schedules renders the whole site."""
    build_site(project)
    _mark_kept_pages(project, "da")
    _mark_kept_markdown(project, "da")
    replace_once(project / "content/da/guides/gruppen.md", "title: Om", "title: Mere om")
    build_site(project)
    pages = _pages(project / "site")
    assert pages and not [page for page, html in pages.items() if b"<!-- kept -->" in html]
    assert not [page for page, html in pages.items() if b"<!-- converted before -->" in html]


@pytest.mark.build
def test_after_a_term_edit_markdown_is_converted_again_only_where_it_changed(project):
    build_site(project)
    _mark_kept_markdown(project, "da")
    replace_once(project / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    build_site(project)
    site = project / "site"
    guide = _html(site, "guides/gruppen/index.html")
    assert "<!-- converted before -->" in guide
    assert "<!-- converted before -->" not in _html(site, "ar/guides/gruppen/index.html")
    assert "Jonas Bjerg" in _html(site, "courses/hab/index.html")


@pytest.mark.build
def test_markdown_that_logged_a_warning_is_converted_and_warns_again(project):
    """MkDocs warns of a link to a missing page while converting: every build says so."""
    guide = project / "content/da/guides/gruppen.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[Mere](mangler.md)\n", "utf-8")
    command = [sys.executable, "-m", "recovery_college.cli", "--root", str(project), "build"]
    warning = "Doc file 'guides/gruppen.md' contains a link 'mangler.md'"
    for _build in range(2):  # the second with every other page's Markdown kept
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode != 0  # the site's own link check stops it
        assert warning in done.stderr


def test_fingerprints_follow_every_field_and_refuse_an_object_without_a_repr():
    @dataclasses.dataclass(frozen=True)
    class View:
        name: str
        dates: list[str]

    one, other = Fingerprints(), Fingerprints()
    assert one.of([View("a", ["1. dec"])]) == other.of([View("a", ["1. dec"])])
    assert one.of([View("a", ["1. dec"])]) != other.of([View("a", ["2. dec"])])
    assert one.of({"view": View("a", [])}) != one.of({"view": View("b", [])})
    assert one.of({"view": object()}) is None
    assert one.of([View("a", [object()])]) is None  # type: ignore[list-item]


def test_text_made_from_a_view_is_keyed_by_what_made_it_too():
    """A run's kept calendar events and feed entry: made again by a new version of the code
    or after an edited project file, which change the render cache's inputs."""
    prints = Fingerprints()
    view = TermLink("2027-foraar", Localized({"da": "Forår 2027"}))
    assert prints.made(view) is None  # what made it is not known yet: nothing is kept
    prints.made_with = "inputs one"
    first = prints.made(view)
    assert first is not None and first == prints.made(view)
    prints.made_with = "inputs two"
    assert prints.made(view) not in (None, first)
