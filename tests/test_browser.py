"""In real Chromium: no request leaves the site, search stems Danish, the keyboard gets around."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from support import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(built):
    yield from serve(built)


@pytest.mark.parametrize("path", ["", "en/", "ar/"])
def test_home_page_requests_nothing_from_another_origin(page, base_url, path):
    origin = urlsplit(base_url).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if urlsplit(url).netloc not in (origin, "")]
    assert foreign == []
    assert any(url.endswith(".woff2") for url in requests), "the site's own fonts are used"
    assert page.context.cookies() == []


def run_search(page, base_url: str, query: str) -> list[str]:
    page.goto(f"{base_url}/search/?q={query}")
    page.wait_for_selector("#rc-search-status[data-done]", timeout=10_000)
    return page.locator("#rc-search-results a").evaluate_all("els => els.map(e => e.href)")


def test_danish_search_finds_other_forms_of_the_word(page, base_url):
    assert any(url.endswith("/guides/gruppen/") for url in run_search(page, base_url, "grupper"))
    assert any(url.endswith("/guides/snak/") for url in run_search(page, base_url, "samtaler"))


def test_search_finds_only_pages_in_the_readers_language(page, base_url):
    results = run_search(page, base_url, "recovery")
    assert results and all("/en/" not in url and "/ar/" not in url for url in results)
    english = run_search(page, base_url + "/en", "recovery")
    assert english and all("/en/" in url for url in english)


def test_search_form_works_from_the_keyboard(page, base_url):
    page.goto(f"{base_url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "rc-skip"
    page.focus("#rc-q")
    page.keyboard.type("gruppen")
    page.keyboard.press("Enter")
    page.wait_for_selector("#rc-search-results a", timeout=10_000)
    assert page.url.endswith("/search/?q=gruppen")
    assert page.input_value("#rc-q") == "gruppen", "the box keeps the query on the results page"


def test_arabic_layout_is_mirrored(page, base_url):
    page.goto(f"{base_url}/ar/")
    brand = page.locator(".rc-header__brand").bounding_box()
    languages = page.locator(".rc-languages").bounding_box()
    assert brand["x"] > languages["x"], "in Arabic the school name sits on the right"


def test_catalogue_filters_narrow_the_list_and_announce_the_count(page, base_url):
    page.goto(f"{base_url}/courses/")
    assert page.locator("#rc-filterbox").is_visible()
    visible = page.locator(".rc-catalogue > li:visible")
    assert visible.count() == 3
    page.check("#f-stepfree")  # the first choice fetches the catalogue's index, then filters
    expect(visible).to_have_count(2)
    expect(page.locator("#rc-count")).to_have_text("2 af 3 kurser passer til dit valg.")
    page.uncheck("#f-stepfree")
    page.select_option("#f-attendance", "drop-in")
    expect(visible).to_have_count(1)
    assert "Recovery-café" in visible.first.inner_text()


def test_catalogue_is_complete_without_javascript(page_without_js, base_url):
    tab = page_without_js
    tab.goto(f"{base_url}/courses/")
    assert tab.locator(".rc-catalogue > li:visible").count() == 3
    assert not tab.locator("#rc-filterbox").is_visible()
