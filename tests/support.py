"""Helpers the tests share: the fixture school, edits of its files, a local web server.

Tests import from here (`from support import REPO`); conftest.py holds only fixtures and hooks.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.localserver import static_server

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "site"
SESSIONS = FIXTURES / "sessions"
CHROMIUM = Path("/usr/bin/chromium")

# Where the quality gates put their screenshots (tests/test_pages_in_browser.py).
SCREENSHOTS = pytest.StashKey[Path]()

# Every test build happens "on" 23 November 2026 at noon, Danish time, so statuses are stable.
BUILD_DAY = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)


def make_project(target: Path) -> Path:
    """A copy of the fixture school with the real theme, so tests exercise our templates."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(REPO / "theme", target / "theme")
    return target


def add_sessions(root: Path) -> Path:
    """The fixture school with the session plans of tests/fixtures/sessions."""
    for lang in ("da", "en", "ar"):
        shutil.copytree(SESSIONS / lang / "sessions", root / "content" / lang / "sessions")
    shutil.copy(SESSIONS / "data" / "helplines.yml", root / "content" / "data" / "helplines.yml")
    return root


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a copied fixture file; fail plainly if the fixture no longer has the text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def serve(directory: Path) -> Iterator[str]:
    with static_server(directory) as url:
        yield url
