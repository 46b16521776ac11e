"""A rebuild links the files the published site already has, byte for byte, instead of
writing them again (outputs/unchanged.py), and never changes a published file through a
link."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_college.engine.build import build_site
from recovery_college.outputs.unchanged import Unchanged
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"


def _inode(path: Path) -> int:
    return path.stat().st_ino


def test_only_a_file_with_the_same_bytes_is_linked(tmp_path: Path):
    published, staging = tmp_path / "site", tmp_path / "staging"
    (published / "a").mkdir(parents=True)
    (published / "a" / "index.html").write_bytes(b"<p>the same</p>")
    (published / "b.ics").write_bytes(b"BEGIN:VCALENDAR old")
    files = Unchanged(published)
    files.write(b"<p>the same</p>", staging / "a" / "index.html", "a/index.html")
    files.write(b"BEGIN:VCALENDAR new", staging / "b.ics", "b.ics")
    files.write(b"{}", staging / "c.json", "c.json")  # not published yet
    assert _inode(staging / "a" / "index.html") == _inode(published / "a" / "index.html")
    assert _inode(staging / "b.ics") != _inode(published / "b.ics")
    assert (staging / "b.ics").read_bytes() == b"BEGIN:VCALENDAR new"
    assert (published / "b.ics").read_bytes() == b"BEGIN:VCALENDAR old"
    assert (staging / "c.json").read_bytes() == b"{}"
    # Written again, a linked file becomes a file of its own: the published one stays.
    files.write(b"<p>changed</p>", staging / "a" / "index.html", "a/index.html")
    assert (published / "a" / "index.html").read_bytes() == b"<p>the same</p>"
    assert (staging / "a" / "index.html").read_bytes() == b"<p>changed</p>"
    # Without a published site (the first build, a preview) every file is written.
    assert not Unchanged(None).place(b"<p>the same</p>", staging / "d.html", "a/index.html")


@pytest.mark.build
def test_a_rebuild_links_what_did_not_change_and_leaves_the_replaced_site_as_it_was(project):
    build_site(project)
    site = project / "site"
    names = [
        "guides/gruppen/index.html",  # a page no term edit reaches
        "en/guides/gruppen/index.html",
        "calendars/hab-2026e.ics",  # a run that did not change
        "ar/calendars/hab-2026e.ics",
        "calendars/cafe-2026e.ics",  # the run that moves
        "courses/cafe/index.html",  # its course's page
    ]
    before = {name: (_inode(site / name), (site / name).read_bytes()) for name in names}
    replace_once(project / TERM, 'start: "18:00"', 'start: "17:00"')
    build_site(project)
    linked = [name for name in names if _inode(site / name) == before[name][0]]
    assert linked == names[:4]
    assert "DTSTART;TZID=Europe/Copenhagen:20261126T170000" in _text(site, names[4])
    # The replaced site, deleted by the next build, still holds what it published.
    (replaced,) = (project / ".build" / "replaced").iterdir()
    assert {name: (replaced / name).read_bytes() for name in names} == {
        name: content for name, (_inode_before, content) in before.items()
    }


def _text(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")
