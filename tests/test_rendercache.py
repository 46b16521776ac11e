"""A rebuild renders again only the pages whose inputs changed. Every other page is kept from
the last build, and is byte for byte what a full render makes (engine/rendercache.py)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from recovery_college.engine import rendercache
from recovery_college.engine.build import build_site
from recovery_college.engine.rendercache import Fingerprints
from support import make_project, replace_once

TERM = "content/data/terms/2026-efteraar.yml"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def _kept(project: Path, lang: str, dest: str) -> Path:
    return rendercache.page_file(project / rendercache.FOLDER / f"{lang}-build", dest)


@pytest.mark.build
def test_after_a_term_edit_every_page_is_what_a_full_render_makes(project, tmp_path):
    """The same school twice, the same builds and edit; the second has no kept pages."""
    control = make_project(tmp_path / "control")
    for root in (project, control):
        build_site(root)
        replace_once(root / TERM, "places_left: 2", "places_left: 0")
        replace_once(root / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    shutil.rmtree(control / rendercache.FOLDER)
    build_site(project)  # most pages kept from the first build
    build_site(control)  # every page rendered
    kept, rendered = _pages(project / "site"), _pages(control / "site")
    assert kept.keys() == rendered.keys()
    assert [page for page in kept if kept[page] != rendered[page]] == []
    assert "Jonas Bjerg" in kept["courses/hab/index.html"].decode()
    assert "Jonas Bjerg" in kept["en/courses/hab/index.html"].decode()


@pytest.mark.build
def test_a_page_that_no_change_reaches_is_kept_and_one_that_it_reaches_is_rendered(project):
    build_site(project)
    guide = _kept(project, "da", "guides/gruppen/index.html")
    course = _kept(project, "ar", "courses/hab/index.html")
    guide_before, course_before = guide.stat().st_mtime_ns, course.stat().st_mtime_ns
    replace_once(project / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    build_site(project)
    assert guide.stat().st_mtime_ns == guide_before
    assert course.stat().st_mtime_ns > course_before
    assert "Jonas Bjerg" in course.read_text()


@pytest.mark.build
def test_an_edited_page_renders_every_page_again(project):
    """Pages show each other's titles (the navigation, the section lists), so an edit
    anywhere outside the term schedules renders the whole site."""
    build_site(project)
    course = _kept(project, "da", "courses/hab/index.html")
    before = course.stat().st_mtime_ns
    replace_once(project / "content/da/guides/gruppen.md", "title: Om", "title: Mere om")
    build_site(project)
    assert course.stat().st_mtime_ns > before


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
