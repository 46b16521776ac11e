"""One page of every kind in every language of the example site, in real Chromium.

Checks what WCAG 2.1 AA and the privacy rules promise a visitor: axe-core's A and AA rules,
no request to another host, no script errors, a skip link and visible keyboard focus, no
sideways scrolling on a phone or at 200 % zoom, and mirrored right-to-left pages. Each page is
opened once (quality.visit) and its screenshots saved; the session prints where they are.
Kinds of page that do not exist yet (see quality.PAGE_TYPES) are skipped, core kinds must exist.
"""

from __future__ import annotations

import shutil

import pytest
import quality

from recovery_college.content.languages import discover
from support import REPO, SCREENSHOTS, serve

pytestmark = pytest.mark.browser

LANGUAGES, _ = discover(REPO)
CASES = [
    pytest.param(lang, page_type, id=f"{lang.code}-{page_type.name}")
    for lang in LANGUAGES
    for page_type in quality.PAGE_TYPES
]
RTL_CASES = [case for case in CASES if case.values[0].direction == "rtl"]


def fail_with(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def origin(example_site):
    yield from serve(example_site)


@pytest.fixture(scope="module")
def screenshots(request):
    folder = REPO / "test-artifacts" / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    request.config.stash[SCREENSHOTS] = folder
    return folder


@pytest.fixture(scope="module")
def visits(browser, example_site, origin, screenshots):
    """Visits each page once, on first use, and hands every test the same findings."""
    context = browser.new_context()
    found: dict[tuple[str, str], quality.Visit | None] = {}

    def visit(lang, page_type: quality.PageType) -> quality.Visit:
        key = (lang.code, page_type.name)
        if key not in found:
            path = quality.resolve(example_site, lang.prefix, page_type)
            found[key] = (
                None
                if path is None
                else quality.visit(
                    context,
                    origin,
                    path,
                    screenshots=screenshots / lang.code / page_type.name,
                    ready=page_type.ready,
                    axe=quality.AXE.is_file(),
                )
            )
        if found[key] is None:
            where = f"/{lang.prefix}{page_type.path}"
            if page_type.core:
                pytest.fail(f"{lang.name}: the {page_type.name} page {where} was not built")
            pytest.skip(f"no {page_type.name} page ({where}) in the built site yet")
        return found[key]

    yield visit
    context.close()


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_axe_finds_no_wcag_21_aa_violation(visits, lang, page_type):
    if not quality.AXE.is_file():
        npm = "" if shutil.which("npm") else " npm is not installed on this machine."
        pytest.skip(
            f"axe-core is not installed ({quality.AXE}): run npm ci --prefix tests/browser.{npm}"
        )
    fail_with(visits(lang, page_type).axe)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_no_request_goes_to_another_host(visits, lang, page_type):
    fail_with(visits(lang, page_type).foreign)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_no_console_errors(visits, lang, page_type):
    fail_with(visits(lang, page_type).console)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_content_security_policy_is_set_and_kept(visits, lang, page_type):
    fail_with(visits(lang, page_type).csp)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_first_tab_reaches_a_skip_link_to_the_content(visits, lang, page_type):
    fail_with(visits(lang, page_type).skip_link)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_keyboard_focus_is_visible(visits, lang, page_type):
    fail_with(visits(lang, page_type).focus)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_no_sideways_scrolling_on_a_phone(visits, lang, page_type):
    fail_with(visits(lang, page_type).phone)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_no_sideways_scrolling_at_200_percent_zoom(visits, lang, page_type):
    fail_with(visits(lang, page_type).zoom)


@pytest.mark.parametrize(("lang", "page_type"), CASES)
def test_no_sideways_scrolling_at_320_pixels_wide(visits, lang, page_type):
    """WCAG 2.1 reflow: 320 CSS pixels, a 1280 px window at 400 % zoom."""
    fail_with(visits(lang, page_type).reflow)


@pytest.mark.parametrize(("lang", "page_type"), RTL_CASES)
def test_right_to_left_pages_are_mirrored(visits, lang, page_type):
    fail_with(visits(lang, page_type).mirrored)
