"""The built example site: 100 idea pages per language, reachable from the overview, in order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.ideas.booklet import SECTION_RANGES, Ideas
from recovery_college.ideas.views import idea_of_the_week
from support import BUILD_DAY, REPO

KICKER = {"": "Idé", "en/": "Idea", "ar/": "الفكرة"}


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ideas():
    return load_project(REPO).part(Ideas)


def listed(page: str, marker: str = 'id="rc-idea-list"') -> list[int]:
    """Idea numbers linked from a list of ideas, in the order shown."""
    block = page.split(marker, 1)[1].split("</ul>", 1)[0]
    return [int(n) for n in re.findall(r"<li [^>]*><a href=\"(?:\.\./)?(\d+)/\"", block)]


@pytest.mark.parametrize("prefix", ["", "en/", "ar/"])
def test_every_idea_has_a_page_linked_from_the_overview_in_its_section(example_site, prefix):
    folder = example_site / prefix / "ideer"
    numbered = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())
    assert numbered == list(range(1, 101))
    assert listed(html(example_site, f"{prefix}ideer/index.html")) == list(range(1, 101))
    for number in numbered:
        page = html(example_site, f"{prefix}ideer/{number}/index.html")
        section = int(re.search(r'<dd><a href="\.\./afsnit-(\d)/">', page).group(1))
        first, last = SECTION_RANGES[section]
        assert first <= number <= last, f"idea {number} is shown in section {section}"
        assert f'<span class="rc-kicker">{KICKER[prefix]} {number}</span>' in page
        assert "Mike Slade" in page and "Rethink 2009" in page
        assert '<cite lang="da" dir="ltr">100 måder at støtte recovery på</cite>' in page


def test_section_pages_list_their_ideas_group_by_group(example_site, ideas):
    for section, (first, last) in SECTION_RANGES.items():
        page = html(example_site, f"ideer/afsnit-{section}/index.html")
        found = [
            n for part in page.split('class="rc-idea-list"')[1:] for n in listed("x" + part, "x")
        ]
        assert found == list(range(first, last + 1))
    for section in (1, 9):
        page = html(example_site, f"ideer/afsnit-{section}/index.html")
        assert "rc-idea-list" not in page
        assert ideas.section(section).summary.get("da") in page
    overview = html(example_site, "ideer/index.html")
    assert overview.count("(ingen nummererede idéer)") == 2


def test_idea_page_shows_the_whole_idea_and_its_neighbours(example_site, ideas):
    placed = {p.number: p for p in ideas.all()}
    idea = placed[17].idea
    page = html(example_site, "en/ideer/17/index.html")
    for text in (idea.title, idea.text, idea.example, idea.try_this_week):
        assert text.get("en").replace("'", "&#39;") in page.replace("'", "&#39;")
    assert '<h2 id="rc-try">Try this in your team this week</h2>' in page
    assert placed[17].group.stem.get("en") in page
    assert '<a rel="prev" href="../16/">' in page and '<a rel="next" href="../18/">' in page
    related = listed(page, "<h2>Related ideas</h2>")
    assert related == idea.related
    first = html(example_site, "ideer/1/index.html")
    assert 'rel="prev"' not in first and '<a rel="next" href="../2/">' in first
    tools = html(example_site, "ideer/44/index.html")
    assert "Redskaber og metoder, som hæftet nævner" in tools and "<li>WRAP</li>" in tools


def test_arabic_idea_pages_are_arabic(example_site, ideas):
    page = html(example_site, "ar/ideer/17/index.html")
    assert "لم تُترجم إلى العربية بعد" not in page  # no "not yet translated" notice
    assert '<div id="rc-main" tabindex="-1" lang="ar" data-search-body' in page
    assert ideas.all()[16].idea.text.get("ar").split()[0] in page
    assert "<h2>مثال</h2>" in page, "labels in the reader's language"
    assert "/ar/ideer/17/" in html(example_site, "ar/sitemap.xml")


def test_arabic_overview_and_sections_are_translated(example_site, ideas):
    overview = html(example_site, "ar/ideer/index.html")
    assert "<h1 data-search-body>100 طريقة لدعم التعافي</h1>" in overview
    for section in ideas.sections:
        assert section.title.get("ar") in overview
    assert '<a href="1/"><b>1</b>' in overview  # Arabic titles: no Danish marking
    assert "100 فكرة." in overview
    section = html(example_site, "ar/ideer/afsnit-2/index.html")
    assert ideas.section(2).groups[0].stem.get("ar") in section
    assert ideas.section(2).body.get("ar").split("\n\n")[0] in section
    assert "data-search-body" in section


def test_the_booklets_tables_are_on_their_sections_pages(example_site, ideas):
    tables = ideas.tables
    one = html(example_site, f"ideer/afsnit-{tables.contrasts.section}/index.html")
    assert f'<caption id="tabel-forskelle">{tables.contrasts.caption.get("da")}</caption>' in one
    assert (
        '<th scope="col">Traditionel tilgang</th><th scope="col">Recovery-orienteret tilgang</th>'
        in one
    )
    assert one.count('<th scope="row">') == len(tables.contrasts.rows) == 24
    four = html(example_site, f"ideer/afsnit-{tables.hope.section}/index.html")
    assert f'<caption id="tabel-haab">{tables.hope.caption.get("da")}</caption>' in four
    assert four.count('<th scope="col">') == 3 and four.count('<th scope="row">') == 3
    assert "<caption" not in html(example_site, "ideer/afsnit-2/index.html")
    arabic = html(example_site, "ar/ideer/afsnit-1/index.html")
    assert tables.contrasts.caption.get("ar") in arabic
    assert f"<td>{tables.contrasts.rows[0].recovery.get('ar')}</td>" in arabic


def test_idea_of_the_week_follows_the_build_date(example_site, ideas):
    number = idea_of_the_week(BUILD_DAY, 100)
    title = ideas.all()[number - 1].idea.title.get("da")
    week = (
        html(example_site, "ideer/index.html").split('class="rc-week"', 1)[1].split("</section>")[0]
    )
    assert "(Uge 48)" in week
    assert f'<a href="{number}/"><b>{number}</b> {title}</a>' in week


def test_card_decks_hold_every_idea_four_to_a_sheet(example_site):
    numbers = []
    for first in range(1, 101, 20):
        page = html(example_site, f"ideer/kort/{first}-{first + 19}/index.html")
        sheets = page.split('<div class="rc-sheet">')[1:]
        assert len(sheets) == 5
        for sheet in sheets:
            cards = re.findall(r'<p class="rc-card__no">(\d+)</p>', sheet)
            assert len(cards) == 4
            numbers += [int(n) for n in cards]
        assert page.count('<p class="rc-card__prompt"><strong>Prøv det i jeres team') == 20
        assert page.count("Fra 100 måder at støtte recovery på af Mike Slade, afsnit") == 20
    assert numbers == list(range(1, 101))


def test_overview_is_in_the_site_navigation(example_site):
    assert '<a href="ideer/">100 måder at støtte recovery på</a>' in html(
        example_site, "index.html"
    )


def test_idea_pages_stay_small(example_site):
    pages = list(example_site.glob("**/ideer/**/*.html"))
    assert len(pages) == 3 * (1 + 9 + 5 + 100)
    too_big = [(p, p.stat().st_size) for p in pages if p.stat().st_size >= 40_000]
    assert too_big == []


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing")
@pytest.mark.parametrize(("prefix", "lang"), [("", "da"), ("en/", "en")])
def test_whole_card_deck_is_one_pdf_four_cards_a_sheet(example_site, prefix, lang):
    deck = example_site / prefix / "ideer/kort/ideer-kort.pdf"
    info = subprocess.run(["pdfinfo", str(deck)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+25$", info, re.M) and "Tagged:          yes" in info
    text = subprocess.run(
        ["pdftotext", str(deck), "-"], capture_output=True, text=True, check=True
    ).stdout
    ideas = load_project(REPO).part(Ideas)
    for number in (1, 50, 100):
        idea = next(p.idea for p in ideas.all() if p.number == number)
        assert idea.title.get(lang).split()[0] in text
    overview = (example_site / prefix / "ideer/index.html").read_text(encoding="utf-8")
    assert 'href="kort/ideer-kort.pdf"' in overview


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing")
def test_the_arabic_card_deck_starts_on_the_right_four_cards_a_sheet(example_site):
    """The cards are floats of a fixed size (theme/pdf/cards.css); in Arabic they start at the
    right: card 1 stands right of card 2 on the first sheet."""
    deck = example_site / "ar/ideer/kort/ideer-kort.pdf"
    info = subprocess.run(["pdfinfo", str(deck)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+25$", info, re.M) and "Tagged:          yes" in info
    boxes = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(deck), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbers = {
        word: float(x) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([12])</word>', boxes)
    }
    assert numbers["1"] > numbers["2"], numbers
