"""A rebuild with nothing changed keeps the published site; any change that shows builds again."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from recovery_college import cli
from recovery_college.assembly import load_project
from recovery_college.courses.models import Catalogue
from recovery_college.engine import freshness
from recovery_college.engine.build import build_site
from support import replace_once

pytestmark = pytest.mark.build  # every test here builds a site

TERM = "content/data/terms/2026-efteraar.yml"


edit = replace_once


def stamp(site: Path) -> tuple[int, int]:
    """The published folder, and its home page: a build puts a new folder in place, though
    a page that did not change is a link to the one it replaces (outputs/unchanged.py)."""
    return (site.stat().st_ino, (site / "index.html").stat().st_mtime_ns)


def test_second_build_keeps_the_published_site_and_says_so(project, capsys):
    assert not build_site(project).up_to_date
    before = stamp(project / "site")
    assert cli.main(["--root", str(project), "build"]) == 0
    assert "Nothing changed since the last build" in capsys.readouterr().out
    assert stamp(project / "site") == before
    assert build_site(project, force=True).up_to_date is False
    assert stamp(project / "site") != before


def test_an_edited_term_is_built_and_shown(project):
    build_site(project)
    edit(project / TERM, "name: Jonas Berg", "name: Jonas Bjerg")
    report = build_site(project)
    assert not report.up_to_date
    assert "Jonas Bjerg" in (project / "site/courses/hab/index.html").read_text(encoding="utf-8")


def test_an_edited_template_is_built(project):
    build_site(project)
    edit(project / "theme/main.html", "{% block content %}", "{% block content %}<!-- t7 -->")
    build_site(project)
    assert "<!-- t7 -->" in (project / "site/index.html").read_text(encoding="utf-8")


def test_a_touched_or_deleted_published_file_is_built_again(project):
    build_site(project)
    page = project / "site/courses/hab/index.html"
    page.unlink()
    assert not build_site(project).up_to_date
    assert page.exists()
    page.write_text("edited by hand", encoding="utf-8")
    assert not build_site(project).up_to_date
    assert "edited by hand" not in page.read_text(encoding="utf-8")


def test_another_output_folder_is_built(project, tmp_path):
    build_site(project)
    other = tmp_path / "elsewhere"
    assert not build_site(project, other).up_to_date
    assert (other / "courses.json").exists()


def test_a_new_day_builds_again(project, monkeypatch):
    build_site(project)
    tomorrow = int(os.environ["SOURCE_DATE_EPOCH"]) + 24 * 3600
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(tomorrow))
    assert not build_site(project).up_to_date


def test_a_failed_build_leaves_the_site_and_its_stamp_valid(project):
    build_site(project)
    before = stamp(project / "site")
    edit(project / TERM, "capacity: 12", "capacity: twelve")
    with pytest.raises(Exception, match="capacity"):
        build_site(project)
    edit(project / TERM, "capacity: twelve", "capacity: 12")
    assert build_site(project).up_to_date
    assert stamp(project / "site") == before


def test_the_clock_state_changes_when_an_offering_ends_during_the_day(project):
    loaded = load_project(project)
    offering = next(
        o for t in loaded.part(Catalogue).terms for o in t.offerings if o.id == "cafe-2026e"
    )
    end = offering.ends()[-1]
    before = freshness.clock_state(loaded, end - dt.timedelta(minutes=1))
    after = freshness.clock_state(loaded, end + dt.timedelta(minutes=1))
    assert before != after and "cafe-2026e" in after and "cafe-2026e" not in before
    assert freshness.clock_state(loaded, end + dt.timedelta(minutes=2)) == after
