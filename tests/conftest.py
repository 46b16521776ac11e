"""Shared fixtures: a small fixture school built once, the example site, Chromium. Helpers the
tests import are in support.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recovery_college.engine.build import build_site
from support import BUILD_DAY, CHROMIUM, REPO, SCREENSHOTS, make_project

os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD_DAY.timestamp()))
# Content error messages follow the locale (messages.py); tests read them in English.
os.environ["LANGUAGE"] = "en"

# Fixtures that build a site or start Chromium: a test using one is marked `build`, so
# `./scripts/test -m "not build"` runs the fast unit tests alone.
SLOW_FIXTURES = {
    "built",
    "example_site",
    "browser",
    "school",
    "site",
    "glossary_site",
    "broken",
    "published",
}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


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
