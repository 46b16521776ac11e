"""Each quality gate catches what it is there for, and says on which page and what is wrong.

A copy of the fixture school gets one deliberate fault on each of a few pages; the checkers of
quality.py (the same ones the suite runs over the example site) must name page and problem.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import quality

from recovery_college.engine.build import build_site
from support import make_project, serve

FONT = "https://fonts.googleapis.com/css?family=Roboto"


def append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """The fixture school with an image without alt text, a dead link, a foreign font, an
    inline script and an end tag that closes nothing, each on its own page. The build refuses
    a dead link and the theme writes a Content-Security-Policy on every page, so those two
    defects are put into the built pages afterwards, as a broken theme or host could."""
    root = make_project(tmp_path_factory.mktemp("broken") / "school")
    append(root / "content/da/guides/gruppen.md", '<img src="../../assets/images/logo.svg">')
    append(root / "content/en/courses/hab.md", f'<link rel="stylesheet" href="{FONT}">')
    append(root / "content/da/index.md", "Et afsnit med et løst </span> sluttag.")
    build_site(root)
    site = root / "site"
    for lang in ("", "en/", "ar/"):
        page = site / f"{lang}guides/snak/index.html"
        text = page.read_text(encoding="utf-8")
        page.write_text(
            text.replace(
                "</article>", '<p><a href="mangler.md">mere om holdet</a></p></article>', 1
            ),
            encoding="utf-8",
        )
    without_policy = site / "en/courses/hab/index.html"
    text = without_policy.read_text(encoding="utf-8")
    without_policy.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text))
    inline = site / "guides/gruppen/index.html"
    text = inline.read_text(encoding="utf-8")
    inline.write_text(text.replace("</main>", "<script>document.title = 'x'</script></main>", 1))
    return site


def test_link_checker_names_the_page_and_the_missing_link(broken):
    problems = [p for p in quality.check_links(broken).broken if "mangler" in p]
    # The Danish page, and the English and Arabic ones that show it untranslated.
    pages = ["/ar/guides/snak/", "/en/guides/snak/", "/guides/snak/"]
    assert [problem.split(" (line ")[0] for problem in problems] == pages
    for problem in problems:
        assert (
            'the link "mangler.md" leads to a file that does not exist'
            f" ({problem.split(' ')[0].lstrip('/')}mangler.md)."
        ) in problem


def test_html_check_names_the_page_and_the_stray_end_tag(broken):
    problems = quality.html_errors(broken, broken / "index.html")
    assert problems and all(p.startswith("/ (line ") for p in problems)
    assert any("span" in p for p in problems), problems
    assert quality.html_errors(broken, broken / "guides/snak/index.html") == []


def test_nu_html_checker_names_the_page_and_the_stray_end_tag(broken):
    if why := quality.vnu_missing():
        pytest.skip(why)
    pages = [broken / "index.html", broken / "guides/snak/index.html"]
    problems = quality.vnu_problems(broken, pages)
    assert problems and all(p.startswith("/ (line ") for p in problems), problems
    assert any("error: Stray end tag “span”" in p for p in problems), problems


@pytest.fixture(scope="module")
def origin(broken):
    yield from serve(broken)


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.mark.browser
def test_axe_names_the_page_with_an_image_without_alt_text(context, origin, tmp_path):
    if not quality.AXE.is_file():
        pytest.skip(f"axe-core is not installed ({quality.AXE}): run npm ci --prefix tests/browser")
    found = quality.visit(context, origin, "guides/gruppen/", screenshots=tmp_path / "gruppen")
    assert found.axe, "axe found nothing on a page with an image without alt text"
    [problem] = found.axe
    assert problem.startswith("/guides/gruppen/: axe image-alt (critical): Images must have")
    intact = quality.visit(context, origin, "guides/snak/", screenshots=tmp_path / "snak")
    assert intact.axe == []


@pytest.mark.browser
def test_privacy_check_names_the_page_and_the_foreign_host(context, origin, tmp_path):
    found = quality.visit(context, origin, "en/courses/hab/", screenshots=tmp_path / "hab")
    assert found.foreign == [
        f"/en/courses/hab/: asks another host, fonts.googleapis.com, for {FONT}"
    ]
    intact = quality.visit(context, origin, "courses/hab/", screenshots=tmp_path / "da-hab")
    assert intact.foreign == []


@pytest.mark.browser
def test_csp_check_names_an_inline_script_and_a_page_without_a_policy(context, origin, tmp_path):
    found = quality.visit(context, origin, "guides/gruppen/", screenshots=tmp_path / "g", axe=False)
    assert found.csp and found.csp[0].startswith("/guides/gruppen/: CSP: script-src")
    missing = quality.visit(
        context, origin, "en/courses/hab/", screenshots=tmp_path / "h", axe=False
    )
    assert missing.csp == ["/en/courses/hab/: has no Content-Security-Policy meta tag"]
    intact = quality.visit(context, origin, "guides/snak/", screenshots=tmp_path / "s", axe=False)
    assert intact.csp == []


@pytest.fixture(scope="module")
def intact(built):
    yield from serve(built)


@pytest.mark.browser
def test_keyboard_layout_and_direction_checks_catch_a_broken_page(context, intact):
    def fresh(path: str, viewport=quality.DESKTOP):
        page = context.new_page()
        page.set_viewport_size(viewport)
        page.goto(f"{intact}/{path}")
        return page

    page = fresh("guides/gruppen/")
    assert quality.skip_link_problems(page) == []
    assert quality.focus_problems(page) == []
    # :is(#id, *) matches everything with an id's weight, so it beats the theme's focus rules.
    invisible = ":is(#nothing, *) { outline: none !important; box-shadow: none !important; }"
    # A constructed style sheet: the page's policy refuses an injected <style> element.
    page.evaluate(
        "css => { const s = new CSSStyleSheet(); s.replaceSync(css); "
        "document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }",
        invisible,
    )
    assert "/guides/gruppen/: keyboard focus is invisible on a.rc-skip" in " ".join(
        quality.focus_problems(page)
    )

    page = fresh("guides/gruppen/")
    page.evaluate("document.querySelector('.rc-skip').remove()")
    [problem] = quality.skip_link_problems(page)
    assert problem.startswith("/guides/gruppen/: the first Tab goes to <a>")
    assert problem.endswith("not to a link that skips to the content")

    page = fresh("guides/gruppen/", quality.PHONE)
    assert quality.overflow_problems(page) == []
    page.evaluate(
        """() => {
        const wide = document.createElement('pre');
        wide.textContent = 'A line of text that is wider than a phone';
        wide.style.width = '600px';
        document.querySelector('#rc-main').append(wide);
        }"""
    )
    [problem] = quality.overflow_problems(page)
    assert problem.startswith("/guides/gruppen/: wider than the window at 390 px")
    assert "sticking out: pre (16 to 616 px)" in problem

    page = fresh("ar/")
    assert quality.mirrored_problems(page) == []
    page.evaluate("document.documentElement.dir = document.body.dir = 'ltr'")
    assert quality.mirrored_problems(page) == [
        '/ar/: <html> has dir="ltr", not dir="rtl"',
        "/ar/: the page body runs ltr, not right to left",
        "/ar/: the school's name sits on the left of the header, not the right",
    ]
