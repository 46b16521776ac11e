"""Guides: glossary links with accessible explanations, the glossary page, sources, readability."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.engine.build import build_site
from recovery_college.guides.readability import lix, scores

GLOSSARY = """
- id: bostoette
  term: {da: Bostøtte, en: Housing support (bostøtte)}
  aliases: {da: [bostøtten], en: [housing support]}
  law: Serviceloven § 85
  provider: municipality
  definition: {da: Hjælp i dit eget hjem fra kommunen., en: Help in your own home from the municipality.}
  see_also: [jobcenter]
- id: jobcenter
  term: {da: Jobcenter, en: Job centre (jobcenter)}
  aliases: {da: [jobcentret]}
  provider: municipality
  definition: {da: Kommunens sted for job og ydelser., en: The municipality's office for work and benefits.}
- id: vaerested
  term: {da: Værested, en: Drop-in centre (værested)}
  provider: municipality
  definition: {da: "Et sted, du kan komme uden aftale.", en: A place you can come without an appointment.}
  see_also: [bostoette, jobcenter]
"""

PAGE = """---
title: Om støtte
summary: Støtte i hverdagen.
audience: [citizens]
sources: ["003"]
---

## Bostøtte i overskriften

Du kan søge bostøtte hos kommunen. Bostøtten er gratis. Se `bostøtte` i koden
og [bostøtte her](../index.md). Spørg også i jobcentret.
"""


@pytest.fixture
def glossary_site(project: Path) -> Path:
    (project / "content/data/glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (project / "content/data/sources.yml").write_text(
        '- {id: "003", title: Sammenhæng i indsatsen, by: Statens Institut for Folkesundhed}\n',
        encoding="utf-8",
    )
    (project / "content/da/guides/stoette.md").write_text(PAGE, encoding="utf-8")
    build_site(project)
    return project / "site"


def test_first_use_links_to_the_glossary_with_an_accessible_description(glossary_site):
    html = (glossary_site / "guides/stoette/index.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a aria-describedby="([^"]+)" class="rc-term" href="([^"]+)">([^<]+)</a>', html
    )
    assert [(href, word) for _, href, word in links] == [
        ("../../ordliste/kommune/#bostoette", "bostøtte"),
        ("../../ordliste/kommune/#jobcenter", "jobcentret"),
    ]
    note_id = links[0][0]
    assert (
        f'<span class="rc-term__note" hidden="hidden" id="{note_id}">Hjælp i dit eget hjem fra kommunen.</span>'
        in html
    )


def test_terms_in_code_links_and_headings_are_left_alone(glossary_site):
    html = (glossary_site / "guides/stoette/index.html").read_text(encoding="utf-8")
    assert "<code>bostøtte</code>" in html
    assert '<a href="../..">bostøtte her</a>' in html or '<a href="../../">bostøtte her</a>' in html
    assert re.search(r"<h2[^>]*>Bostøtte i overskriften</h2>", html)
    assert html.count('class="rc-term"') == 2  # "Bostøtten" later in the text is not linked again


def test_glossary_page_has_an_anchor_per_entry_in_each_language(glossary_site):
    index = (glossary_site / "ordliste/index.html").read_text(encoding="utf-8")
    assert '<a href="kommune/#bostoette">Bostøtte</a>' in index, "the glossary lists every word"
    da = (glossary_site / "ordliste/kommune/index.html").read_text(encoding="utf-8")
    assert 'id="bostoette"' in da and "Serviceloven § 85" in da and "Se også" in da
    assert '<a href="#bostoette">Bostøtte</a> og <a href="#jobcenter">Jobcenter</a>' in da
    en = (glossary_site / "en/ordliste/kommune/index.html").read_text(encoding="utf-8")
    assert "Help in your own home from the municipality." in en
    ar = (glossary_site / "ar/ordliste/kommune/index.html").read_text(encoding="utf-8")
    assert "لم تُترجم إلى العربية بعد" in ar and "Hjælp i dit eget hjem" in ar


def test_guides_credit_their_sources(glossary_site):
    html = (glossary_site / "guides/stoette/index.html").read_text(encoding="utf-8")
    assert "Guiden bygger på:" in html and "<em>Sammenhæng i indsatsen</em>" in html


def test_unknown_source_is_an_error_with_its_position(project):
    (project / "content/data/sources.yml").write_text(
        '- {id: "000", title: A, by: B}\n', encoding="utf-8"
    )
    (project / "content/da/guides/stoette.md").write_text(PAGE, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_project(project)
    assert str(caught.value.errors[0]).startswith(
        'content/da/guides/stoette.md:5:11: there is no source "003"'
    )


def test_lix_counts_words_sentences_and_long_words():
    score = lix("Jeg går hjem. Vi ses i morgen eftermiddag.")
    assert (score.words, score.sentences, score.long_words) == (8, 2, 1)
    assert round(score.value, 1) == round(8 / 2 + 100 / 8, 1)


def test_readability_command_prints_a_lix_for_each_danish_page(project):
    result = subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", "--root", str(project), "readability"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for rel in ("index.md", "guides/gruppen.md", "courses/hab.md"):
        assert re.search(rf"^\s*\d+\.\d\s+\d+ words\s+content/da/{rel}$", result.stdout, re.M), rel


@pytest.mark.build
def test_build_warns_about_a_guide_above_the_threshold(project):
    hard = (
        "Kommunalbestyrelsesmedlemmernes administrationsgrundlag forudsætter uddannelsesinstitutionernes samarbejdsaftaler. "
        * 5
    )
    (project / "content/da/guides/svaer.md").write_text(
        f"---\ntitle: Svær\nsummary: Svær tekst.\naudience: [staff]\n---\n\n{hard}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", "build"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert re.search(r"content/da/guides/svaer.md: LIX \d+\.\d is above 40", result.stderr)


def test_example_guides_are_easy_to_read():
    from support import REPO

    guides = [s for s in scores(load_project(REPO)) if s.path.startswith("content/da/guides/")]
    assert len(guides) >= 9
    assert [s.path for s in guides if s.lix > 40] == []


def test_every_page_of_the_example_site_links_the_accessibility_statement(example_site):
    pages = [
        p
        for p in example_site.rglob("*.html")
        if p.name != "404.html" and "admin" not in p.relative_to(example_site).parts
    ]
    missing = [str(p) for p in pages if 'tilgaengelighed/"' not in p.read_text(encoding="utf-8")]
    assert len(pages) > 100 and missing == []


def test_arabic_navigation_names_the_guides_in_arabic(example_site):
    page = (example_site / "ar/guides/index.html").read_text(encoding="utf-8")
    nav = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "أدلة" in nav and "Guider" not in nav


@pytest.mark.build
def test_a_translated_guides_page_marks_the_danish_guides_it_lists(project):
    guides = project / "content/en/guides"
    guides.mkdir()
    (guides / "index.md").write_text(
        "---\ntitle: Guides\nsummary: Short guides.\n---\n\nShort guides.\n", encoding="utf-8"
    )
    (guides / "snak.md").write_text(
        "---\ntitle: Before you come\nsummary: The first meeting.\n"
        "audience: [citizens, relatives]\n---\n\nWe always start with a talk.\n",
        encoding="utf-8",
    )
    build_site(project)
    page = (project / "site/en/guides/index.html").read_text(encoding="utf-8")
    marked = re.findall(r'<li><span lang="da" dir="ltr"><a href="([^"]+)">', page)
    assert sorted(marked) == ["gruppen/", "hjaelp-nu/"], "each Danish guide is marked as Danish"
    assert '<li><a href="snak/">Before you come</a>' in page


def test_arabic_glossary_files_alef_with_hamza_under_alef():
    from recovery_college.glossary.pages import sort_key

    words = ["الإقليم (region)", "الأقارب", "البلدية", "إعانة المرض", "ابحث"]
    assert sorted(words, key=sort_key) == [
        "ابحث",
        "إعانة المرض",
        "الأقارب",
        "الإقليم (region)",
        "البلدية",
    ]
