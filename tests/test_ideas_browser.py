"""The 100 ideas in real Chromium: filtering by CHIME process, without JavaScript, and printing."""

from __future__ import annotations

import re

import pytest

from recovery_college.assembly import load_project
from recovery_college.ideas.booklet import Ideas
from support import REPO, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(example_site):
    yield from serve(example_site)


@pytest.fixture(scope="module")
def ideas():
    return load_project(REPO).part(Ideas).all()


def test_filter_by_chime_process_shows_the_ideas_tagged_with_it(page, base_url, ideas):
    page.goto(f"{base_url}/ideer/")
    visible = page.locator("#rc-idea-list > li:visible")
    assert visible.count() == 100
    page.select_option("#f-chime", "hope")
    hope = [p.number for p in ideas if "hope" in p.idea.chime]
    assert 0 < len(hope) < 100
    assert visible.count() == len(hope)
    assert page.locator("#rc-idea-count").inner_text() == f"Viser {len(hope)} af 100 idéer."
    shown = [int(n) for n in visible.locator("b").all_inner_texts()]
    assert shown == hope
    page.select_option("#f-section", "6")
    both = [n for n in hope if 46 <= n <= 85]
    assert visible.count() == len(both)
    page.click("#rc-idea-filters button[type=reset]")
    page.wait_for_selector("#rc-idea-list > li[hidden]", state="detached")  # no eval under CSP
    assert page.locator("#rc-idea-count").inner_text() == "Viser 100 af 100 idéer."


def test_filter_works_in_arabic_too(page, base_url, ideas):
    page.goto(f"{base_url}/ar/ideer/")
    page.select_option("#f-chime", "identity")
    identity = [p for p in ideas if "identity" in p.idea.chime]
    assert page.locator("#rc-idea-list > li:visible").count() == len(identity)
    assert page.locator("#rc-idea-count").inner_text() == f"عرض {len(identity)} من 100 فكرة."


def test_the_list_is_complete_without_javascript(page_without_js, base_url):
    tab = page_without_js
    tab.goto(f"{base_url}/ideer/")
    assert tab.locator("#rc-idea-list > li:visible").count() == 100
    assert not tab.locator("#rc-idea-filters").is_visible()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_cards_fill_a4_sheets_four_at_a_time_without_cutting_text(page, base_url, lang):
    decks = [f"{base_url}/{lang}ideer/kort/{first}-{first + 19}/" for first in range(1, 101, 20)]
    for deck in decks:
        page.goto(deck)
        pdf = page.pdf(prefer_css_page_size=True)
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert len(boxes) == 5, f"{deck}: 20 cards print on five sheets"
        assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}, "A4"
    # The printable width of A4 with 8 mm margins is about 733 px at 96 dpi.
    page.set_viewport_size({"width": 733, "height": 1058})
    page.emulate_media(media="print")
    for deck in decks:
        page.goto(deck)
        cut = page.evaluate(
            "[...document.querySelectorAll('.rc-card')]"
            ".filter(c => c.scrollHeight > c.clientHeight)"
            ".map(c => c.querySelector('.rc-card__no').textContent)"
        )
        assert cut == [], f"{deck}: text cut off on cards {cut}"
