"""Parsed files kept on disk for the next build process (content/parsestore.py): used only
for the same bytes and the same code, and never in place of a message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recovery_college import cli
from recovery_college.assembly import load_project
from recovery_college.content import yamlsource
from recovery_college.content.errors import ContentErrors
from recovery_college.content.parsestore import FOLDER, ParseStore
from recovery_college.content.yamlsource import ParseCache
from recovery_college.courses.models import Catalogue
from recovery_college.engine import freshness
from support import replace_once

TERM = "content/data/terms/2026-efteraar.yml"


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files parsed from their text, by name."""
    seen: list[str] = []
    yaml, front = yamlsource.parse_yaml, yamlsource.split_front_matter

    def parse_yaml(text, path, *args, **kwargs):
        seen.append(path)
        return yaml(text, path, *args, **kwargs)

    def split_front_matter(text, path, *args, **kwargs):
        seen.append(path)
        return front(text, path, *args, **kwargs)

    monkeypatch.setattr("recovery_college.content.loading.parse_yaml", parse_yaml)
    monkeypatch.setattr("recovery_college.content.loading.split_front_matter", split_front_matter)
    return seen


def new_process(root: Path, code: str = "code") -> ParseCache:
    """What a new build process starts with: nothing parsed, the project's store."""
    return ParseCache(store=ParseStore(root, code))


def places(root: Path, cache: ParseCache) -> int | None:
    catalogue = load_project(root, cache).part(Catalogue)
    return next(o for t in catalogue.terms for o in t.offerings if o.id == "hab-2026e").places_left


def test_a_new_process_reads_what_the_last_one_parsed(project, parses):
    first = new_process(project)
    assert places(project, first) == 2
    first.keep()
    assert TERM in parses and len(parses) == 17  # every page and data file
    parses.clear()
    assert places(project, new_process(project)) == 2
    assert parses == []


def test_only_the_edited_file_is_parsed_again_even_with_its_old_date_and_size(project, parses):
    first = new_process(project)
    places(project, first)
    first.keep()
    parses.clear()
    term = project / TERM
    info = term.stat()
    replace_once(term, "places_left: 2", "places_left: 7")  # the same size
    os.utime(term, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same date
    assert term.stat().st_size == info.st_size
    second = new_process(project)
    assert places(project, second) == 7
    assert parses == [TERM]
    second.keep()
    parses.clear()
    assert places(project, new_process(project)) == 7
    assert parses == []


def test_a_kept_file_with_a_mistake_is_reported_the_same_way(project, parses):
    replace_once(project / TERM, "capacity: 12", "capacity: twelve")
    messages = []
    for _ in range(2):
        cache = new_process(project)
        with pytest.raises(ContentErrors) as caught:
            load_project(project, cache)
        cache.keep()
        messages.append(str(caught.value))
    assert f"{TERM}:" in messages[0] and "capacity" in messages[0]
    assert messages[1] == messages[0]
    assert parses.count(TERM) == 1  # the second time it came from the store


def test_another_version_of_the_code_parses_again_and_clears_the_old(project, parses):
    old = new_process(project, "old")
    places(project, old)
    old.keep()
    parses.clear()
    new = new_process(project, "new")
    places(project, new)
    new.keep()
    assert TERM in parses
    assert [p.name for p in (project / FOLDER).iterdir()] == ["new"]


def test_a_broken_store_is_parsed_again(project, parses):
    first = new_process(project)
    places(project, first)
    first.keep()
    kept = list((project / FOLDER / "code").iterdir())
    assert len(kept) == 17
    for file in kept:
        file.write_bytes(file.read_bytes()[:40])
    parses.clear()
    assert places(project, new_process(project)) == 2
    assert TERM in parses


def test_a_deleted_file_leaves_the_store(project):
    page = next((project / "content" / "en" / "courses").glob("*.md"))
    assert page.exists()
    first = new_process(project)
    load_project(project, first)
    first.keep()
    count = len(list((project / FOLDER / "code").iterdir()))
    page.unlink()
    second = new_process(project)
    load_project(project, second)
    second.keep()
    assert len(list((project / FOLDER / "code").iterdir())) == count - 1


def test_the_build_after_a_check_reads_what_the_check_parsed(project, parses):
    """The publishing pipelines check the content, then build it in a new process."""
    assert cli.main(["--root", str(project), "check"]) == 0
    assert TERM in parses
    parses.clear()
    build = ParseCache()
    build.store = ParseStore(project, freshness.code(build))
    load_project(project, build)
    assert parses == []


def test_a_store_that_cannot_be_written_only_costs_time(project, parses):
    (project / FOLDER).parent.mkdir(parents=True, exist_ok=True)
    (project / FOLDER).write_text("not a folder", encoding="utf-8")
    first = new_process(project)
    assert places(project, first) == 2
    first.keep()  # no error
    parses.clear()
    assert places(project, new_process(project)) == 2
    assert TERM in parses
