"""In real Chromium, on a phone (390 px wide): the catalogue's filters are readable and easy to
hit, choose among the whole catalogue however many pages it has, keep their choice in the
address, and without JavaScript every main facet has a plain page of its own.

The catalogue here is the fixture school with 200 more runs: 14 pages, more than the 12 pages
the filters once fetched, and the three runs taught in Arabic on the last page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from recovery_college.engine.build import build_site
from recovery_college.outputs import pdf
from support import make_project, serve

pytestmark = pytest.mark.browser

EXTRA = 200
ARABIC = ["arabisk-1", "arabisk-2", "arabisk-3"]
TOTAL = EXTRA + len(ARABIC) + 3  # with the fixture's three coming runs
FIRST = dt.date(2026, 11, 24)  # the day after the tests' build day


def run(number: int) -> str:
    """One more run of Håb: on a day between 24 November and 13 December, in Danish (every
    tenth in English), now and then online."""
    where = "online: true" if number % 25 == 0 else "venue: huset\n    room: Lokale 1"
    return f"""
  - id: ekstra-{number}
    course: hab
    {where}
    language: {"en" if number % 10 == 5 else "da"}
    sessions:
      dates: [{FIRST + dt.timedelta(days=number % 20)}]
      start: "13:00"
      end: "15:00"
    educators:
      - {{name: Mette Holm, role: peer}}
      - {{name: Jonas Berg, role: professional}}
    signup:
      method: form
      link: https://example.org/tilmelding?hold={number}
"""


def arabic(name: str) -> str:
    """A run taught in Arabic at the end of the term, so it is listed on the last page."""
    return f"""
  - id: {name}
    course: cafe
    venue: huset
    language: ar
    sessions:
      dates: [2026-12-17]
      start: "17:00"
      end: "19:00"
    educators:
      - {{name: Ali Kaya, role: peer}}
    signup:
      method: drop-in
"""


def empty_pdfs(stage: pdf.PdfStage, jobs: list) -> None:
    """A stand-in where each PDF goes (and a poster's flyer), so the links to them hold, made
    in no time."""
    for job, target in jobs:
        target.parent.mkdir(parents=True, exist_ok=True)
        for made in [target] + ([target.with_name(job.a5_copy)] if job.a5_copy else []):
            made.write_bytes(b"%PDF-1.4\n%%EOF\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("catalogue") / "school")
    term = root / "content/data/terms/2026-efteraar.yml"
    extra = "".join(run(n) for n in range(EXTRA)) + "".join(arabic(a) for a in ARABIC)
    term.write_text(term.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the PDFs are not what is tested here
        patch.setattr(pdf.PdfStage, "add", empty_pdfs)
        build_site(root)
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site):
    yield from serve(site)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def shown(tab) -> list[str]:
    """The ids of the offerings the catalogue shows now."""
    return tab.locator(".rc-catalogue:visible > li .rc-offering__title").evaluate_all(
        "found => found.map(h => h.id.slice(2))"
    )


def test_the_example_spans_many_pages(site):
    assert (site / "courses/side/14/index.html").is_file()
    last = (site / "courses/side/14/index.html").read_text(encoding="utf-8")
    assert all(f'id="o-{name}"' in last for name in ARABIC)


def test_filters_are_at_body_text_size_with_targets_a_thumb_can_hit(phone, base_url):
    phone.goto(f"{base_url}/courses/")
    body = phone.locator("#rc-main > p").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(body[:-2]) >= 16
    phone.click("#rc-filterbox > summary")
    controls = phone.locator(
        "#rc-filterbox > summary, #rc-filters label, #rc-filters select, #rc-filters input,"
        " #rc-filters button"
    )
    assert controls.count() == 1 + 9 + 8 + 1 + 1
    for number in range(controls.count()):
        control = controls.nth(number)
        name = control.evaluate("e => e.id || e.htmlFor || e.textContent.trim()")
        size = control.evaluate("e => getComputedStyle(e).fontSize")
        if control.evaluate("e => e.type !== 'checkbox'"):
            assert size == body, f"{name}: {size}, the page's text is {body}"
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{name}: {box}"


def test_every_language_of_the_whole_catalogue_is_offered_on_page_one(phone, base_url):
    phone.goto(f"{base_url}/courses/")
    options = phone.locator("#f-language option").evaluate_all("o => o.map(e => e.value)")
    assert options == ["", "ar", "da", "en"]
    assert "Arabisk" in phone.locator("#f-language").text_content()
    days = phone.locator("#f-weekday option").evaluate_all("o => o.map(e => e.value)")
    assert "torsdag" in days and "tirsdag" in days


def test_a_filter_finds_courses_on_any_page_of_the_catalogue(phone, base_url):
    phone.goto(f"{base_url}/courses/")
    assert len(shown(phone)) == 15
    phone.click("#rc-filterbox > summary")
    phone.select_option("#f-language", "ar")
    phone.wait_for_selector("#rc-results > li")
    assert shown(phone) == ARABIC
    assert phone.locator("#rc-count").inner_text() == f"3 af {TOTAL} kurser passer til dit valg."
    assert phone.locator(".rc-pages").is_hidden()  # every match is on this page
    card = phone.locator("#rc-results > li").first
    assert "Kom og snak." in card.inner_text()  # the course's summary
    assert "Arabisk" in card.inner_text() and "Torsdag" in card.inner_text()
    href = card.locator("a").first.get_attribute("href")
    assert href.endswith("/courses/cafe/") and phone.request.get(href).ok
    # Many matches come 15 at a time.
    phone.select_option("#f-language", "da")
    # Selectors, not wait_for_function: the page's Content-Security-Policy refuses eval.
    phone.wait_for_selector("#rc-more:visible")
    assert len(shown(phone)) == 15
    phone.click("#rc-more")
    assert len(shown(phone)) == 30
    phone.click("#rc-filters button[type=reset]")
    phone.wait_for_selector(".rc-pages:visible")
    assert len(shown(phone)) == 15 and phone.url == f"{base_url}/courses/"


def test_chosen_filters_stay_in_the_address(phone, base_url):
    phone.goto(f"{base_url}/courses/")
    phone.click("#rc-filterbox > summary")
    phone.select_option("#f-language", "ar")
    phone.wait_for_selector("#rc-results > li")
    assert phone.url == f"{base_url}/courses/?sprog=ar"
    phone.check("#f-stepfree")
    assert phone.url == f"{base_url}/courses/?sprog=ar&trinfri=yes"
    phone.reload()
    phone.wait_for_selector("#rc-results > li")
    assert phone.locator("#f-language").input_value() == "ar"
    assert phone.locator("#f-stepfree").is_checked() and shown(phone) == ARABIC
    phone.go_back()
    assert phone.url == f"{base_url}/courses/?sprog=ar"
    assert not phone.locator("#f-stepfree").is_checked() and shown(phone) == ARABIC
    phone.go_back()
    assert phone.url == f"{base_url}/courses/"
    phone.wait_for_selector(".rc-pages:visible")
    assert phone.locator("#f-language").input_value() == "" and len(shown(phone)) == 15
    # An address someone sent opens with its filters chosen and the filters open.
    phone.goto(f"{base_url}/courses/?dag=torsdag&sprog=ar")
    phone.wait_for_selector("#rc-results > li")
    assert shown(phone) == ARABIC and phone.locator("#rc-filterbox[open]").count() == 1
    assert phone.locator("#f-weekday").input_value() == "torsdag"


def test_without_javascript_courses_in_arabic_have_an_address(phone_without_js, base_url):
    tab = phone_without_js
    tab.goto(f"{base_url}/courses/")
    assert tab.locator("#rc-filterbox").is_hidden()
    tab.click("text=Find kurser efter tema, sprog og dag")
    link = tab.locator("#rc-facets a", has_text="Arabisk")
    assert link.is_visible()
    box = link.bounding_box()
    assert box["height"] >= 24, box
    link.click()
    assert tab.url == f"{base_url}/courses/sprog/ar/"
    assert tab.locator("h1").inner_text() == "Kurser på arabisk"
    assert shown(tab) == ARABIC
    tab.goto(f"{base_url}/ar/courses/sprog/ar/")
    assert tab.locator("h1").inner_text() == "دورات باللغة العربية"
    # A long facet is paged like the catalogue.
    tab.goto(f"{base_url}/courses/sprog/da/side/2/")
    assert len(shown(tab)) == 15 and tab.locator(".rc-pages").is_visible()
    assert re.search(r"Kurser på dansk, side 2 af \d+", tab.title())


def test_page_two_without_javascript_is_its_own_page_of_the_list(phone_without_js, base_url):
    tab = phone_without_js
    tab.goto(f"{base_url}/courses/side/2/")
    assert len(shown(tab)) == 15
    assert tab.locator(".rc-pages").is_visible()
