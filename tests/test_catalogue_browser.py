"""In real Chromium: on a catalogue split over pages, the filters choose among every page."""

from __future__ import annotations

import re

import pytest

from support import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(example_site):
    yield from serve(example_site)


def listed(example_site, mode: str) -> dict[str, set[str]]:
    """The offering ids on each page of the built catalogue with this data-mode, read from HTML."""
    pages = [
        example_site / "courses/index.html",
        *sorted(example_site.glob("courses/side/*/index.html")),
    ]
    found = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for item in html.split("<li data-")[1:]:
            if f'data-mode="{mode}"' in item.split(">", 1)[0]:
                found.setdefault(path.parent.name, set()).add(
                    re.search(r'<h2 class="rc-offering__title" id="([^"]+)"', item)[1]
                )
        found.setdefault(path.parent.name, set())
    return found


def test_a_filter_on_page_one_finds_courses_from_every_page(page, base_url, example_site):
    online = listed(example_site, "online")
    assert len(online) >= 2, "the example catalogue should span more than one page"
    on_first = online["courses"]
    everywhere = set().union(*online.values())
    assert everywhere - on_first, "the example should have online courses beyond page one"
    page.goto(f"{base_url}/courses/")
    items = page.locator("#rc-catalogue > li:visible")
    assert items.count() == 15
    page.select_option("#f-mode", "online")
    # Selectors, not wait_for_function: the page's Content-Security-Policy refuses the eval
    # that a string predicate needs.
    page.wait_for_selector(".rc-pages[hidden]", state="attached")
    shown = set(
        page.locator("#rc-catalogue > li:visible .rc-offering__title").evaluate_all(
            "e => e.map(h => h.id)"
        )
    )
    assert shown == everywhere
    total = page.locator("#rc-catalogue > li").count()
    pages = [example_site / "courses/index.html", *example_site.glob("courses/side/*/index.html")]
    assert total == sum(p.read_text(encoding="utf-8").count("<li data-") for p in pages) > 15
    assert page.locator("#rc-count").inner_text() == f"Viser {len(shown)} af {total} kurser."
    assert re.search(r"alle \d+ kurser", page.locator(".rc-filters__note").inner_text())
    # A course found on another page links to the right address from here.
    other = next(iter(everywhere - on_first))
    href = page.locator(f"#{other} a").first.get_attribute("href")
    assert page.request.get(href).ok, href
    page.click("#rc-filters button[type=reset]")
    page.wait_for_selector(".rc-pages:not([hidden])", state="attached")
    assert items.count() == 15


def test_page_two_without_javascript_is_its_own_page_of_the_list(page_without_js, base_url):
    tab = page_without_js
    tab.goto(f"{base_url}/courses/side/2/")
    assert 0 < tab.locator("#rc-catalogue > li:visible").count() <= 15
    assert tab.locator(".rc-pages").is_visible()
