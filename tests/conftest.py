"""Shared fixtures: a small fixture school built once, and a local web server for the browser."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from recovery_college.build import build_site
from recovery_college.localserver import static_server

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "site"
CHROMIUM = Path("/usr/bin/chromium")

# Every test build happens "on" 23 November 2026 at noon, Danish time, so statuses are stable.
BUILD_DAY = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD_DAY.timestamp()))
# Content error messages follow the locale (messages.py); tests read them in English.
os.environ["LANGUAGE"] = "en"


def make_project(target: Path) -> Path:
    """A copy of the fixture school with the real theme, so tests exercise our templates."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(REPO / "theme", target / "theme")
    return target


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a copied fixture file; fail plainly if the fixture no longer has the text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "school")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture school, built once for all read-only end-to-end tests."""
    root = make_project(tmp_path_factory.mktemp("built") / "school")
    build_site(root)
    return root / "site"


@pytest.fixture(scope="session")
def example_site() -> Path:
    """The example site in this repository, built once (what ./scripts/build publishes)."""
    out = REPO / ".build" / "test-example-site"
    build_site(REPO, out)
    return out


def serve(directory: Path) -> Iterator[str]:
    with static_server(directory) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


# --- Quality gates (tests/test_pages_in_browser.py): say where the screenshots are. ----------

SCREENSHOTS = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is not None and any(folder.rglob("*.png")):
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(f"Screenshots of the visited pages (desktop, phone): {folder}")


@pytest.fixture
def page(browser):
    """A desktop-sized tab of its own for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_without_js(browser):
    """A tab with JavaScript off: every page must still work as plain HTML."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()
