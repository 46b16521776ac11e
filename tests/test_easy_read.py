"""Easy-read pages (letlæst): a page kind of their own, linked both ways, measured against their
own LIX threshold, and not copied into languages they were not written for. And `translations`
names the texts in data files that a language lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.content.translations import report, status
from recovery_college.engine.build import build_site
from recovery_college.guides.readability import too_hard

EASY = """---
title: "Før du kommer – letlæst"
summary: "Sådan er det første møde."
easy_read_of: guides/snak.md
---

Du kommer til en snak.

Vi spørger, hvad du vil.

Du må tage en ven med.
"""


def add_easy_read(root: Path, text: str = EASY) -> Path:
    folder = root / "content/da/letlaest"
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "snak.md"
    page.write_text(text, encoding="utf-8")
    return page


@pytest.mark.build
def test_an_easy_read_page_and_its_original_link_to_each_other(project: Path):
    add_easy_read(project)
    build_site(project)
    site = project / "site"
    easy = (site / "letlaest/snak/index.html").read_text(encoding="utf-8")
    assert "<strong>Letlæst.</strong>" in easy
    assert 'href="../../guides/snak/">Den almindelige udgave af siden</a>' in easy
    original = (site / "guides/snak/index.html").read_text(encoding="utf-8")
    assert 'href="../../letlaest/snak/">Letlæst udgave af siden</a>' in original
    # Written for Danish readers: no English or Arabic copy, and no link to one.
    assert not (site / "en/letlaest").exists() and not (site / "ar/letlaest").exists()
    assert 'href="../../en/guides/snak/"' in original  # a translated page keeps its alternate
    assert 'href="../../en/" lang="en"' in easy  # the switcher leads to the English home page
    assert "Letlæst udgave" not in (site / "en/guides/snak/index.html").read_text("utf-8")
    # A page that is not easy read and has no easy-read version says nothing about it.
    for ordinary in ("index.html", "guides/gruppen/index.html", "en/guides/snak/index.html"):
        assert 'class="rc-easy-read"' not in (site / ordinary).read_text("utf-8"), ordinary


def test_an_easy_read_page_must_name_a_page_that_exists(project: Path):
    add_easy_read(project, EASY.replace("guides/snak.md", "guides/findes-ikke.md"))
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    assert raised.value.errors[0].path == "content/da/letlaest/snak.md"
    assert raised.value.errors[0].line == 4
    assert 'there is no page "guides/findes-ikke.md" in content/da/' in str(raised.value)


def test_easy_read_pages_have_their_own_readability_threshold(project: Path):
    long_words = "Kommunalbestyrelsens sagsbehandlingsfrister forudsætter dokumentation."
    add_easy_read(project, EASY + "\n" + long_words + "\n")
    [hard] = [s for s in too_hard(load_project(project), 40) if s.easy_read]
    assert hard.path == "content/da/letlaest/snak.md" and hard.lix > 25
    add_easy_read(project)
    assert [s for s in too_hard(load_project(project), 40) if s.easy_read] == []


def test_translations_skip_easy_read_pages_and_name_missing_data_texts(project: Path):
    add_easy_read(project)
    loaded = load_project(project)
    by_code = {entry.code: entry for entry in status(loaded)}
    assert "letlaest/snak.md" not in by_code["en"].missing
    # The fixture's site.yml has the owner in Danish and English only.
    assert "content/data/site.yml:5: owner" in by_code["ar"].data
    assert "content/data/site.yml:5: owner" not in by_code["en"].data
    assert "  missing text: content/data/site.yml:5: owner" in report(loaded)
