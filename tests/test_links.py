"""The build's link check (outputs/links.py) on small hand-made sites: what it reads from a
page's tags, and that its cache of pages never hides a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from recovery_college.outputs.links import check_links

HOME = """<!doctype html>
<html lang="da"><head>
<link rel="canonical" href="https://skole.example/">
<title>Forside <a href="title-is-text/">ikke et link</a></title>
<script>var html = '<a href="script-is-text/">';</script>
<style>a::after { content: "<a href='style-is-text/'>"; }</style>
</head><body>
<!-- <a href="comment-is-text/"> -->
<a href="guide/">Guide</a>
<a href='guide/#tider'>Single quotes</a>
<a href=guide/#adresse>No quotes</a>
<a href="guide/?a=1&amp;b=2#tider">An entity in the address</a>
<a href="https://skole.example/guide/#tider">The site's own address</a>
<a href="/guide/">From the root</a>
<a href="mailto:kontakt@skole.example">Mail</a>
<a href="https://andet.example/">Another host</a>
<img src="billede.svg" alt="" srcset="billede.svg 1x, mangler.svg 2x">
<textarea><a href="textarea-is-text/"></textarea>
<p id="top">Top</p><a href="#top">Up</a>
</body></html>
"""

GUIDE = """<!doctype html>
<html lang="da"><body>
<h2 id="tider">Tider</h2>
<p><a name="adresse"></a>Adresse</p>
<a href="../">Forside</a>
</body></html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "guide").mkdir(parents=True)
    (root / "index.html").write_text(HOME, encoding="utf-8")
    (root / "guide" / "index.html").write_text(GUIDE, encoding="utf-8")
    (root / "billede.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return root


def test_links_inside_comments_scripts_styles_titles_and_textareas_are_text(site: Path):
    report = check_links(site)
    assert report.broken == [
        '/ (line 17): the link "mangler.svg" leads to a file that does not exist '
        "(mangler.svg). Check the name of the page it should lead to, or remove the link."
    ]
    assert report.external == {"https://andet.example/"}
    assert report.checked == 12  # mail and the other host are not followed


def test_a_missing_anchor_is_named_with_its_page_and_line(site: Path):
    page = site / "guide" / "index.html"
    page.write_text(GUIDE.replace('id="tider"', 'id="andre-tider"'), encoding="utf-8")
    broken = check_links(site).broken
    assert [line.split(":")[0] for line in broken if "#tider" in line] == [
        "/ (line 10)",
        "/ (line 12)",
        "/ (line 13)",
    ]
    assert all("but /guide/ has no heading or element with that id" in line for line in broken[:3])


def test_the_cache_of_pages_follows_every_change(site: Path, tmp_path: Path):
    cache = tmp_path / "links-cache"
    assert len(check_links(site, cache).broken) == 1
    assert cache.is_file()
    page = site / "guide" / "index.html"
    page.write_text(GUIDE.replace('href="../"', 'href="../findes-ikke/"'), encoding="utf-8")
    second = check_links(site, cache).broken
    assert len(second) == 2
    assert any(
        '"../findes-ikke/"' in line and line.startswith("/guide/ (line 5)") for line in second
    )
    page.write_text(GUIDE, encoding="utf-8")
    assert len(check_links(site, cache).broken) == 1


def test_a_broken_cache_file_is_read_again_from_the_pages(site: Path, tmp_path: Path):
    cache = tmp_path / "links-cache"
    cache.write_bytes(b"not a cache")
    assert len(check_links(site, cache).broken) == 1


def test_a_pdf_still_rendering_counts_as_there_and_no_other_file_does(site: Path):
    """The build checks the links while the last PDFs render (engine/build.py): a link to
    one of them is not broken, a link to any other missing PDF still is."""
    guide = site / "guide" / "index.html"
    links = '<a href="program.pdf">Program</a> <a href="plakat.pdf">Plakat</a>'
    guide.write_text(GUIDE.replace("</body>", links + "</body>"), encoding="utf-8")
    missing = [line for line in check_links(site).broken if ".pdf" in line]
    assert len(missing) == 2
    coming = check_links(site, coming=frozenset({"guide/program.pdf"})).broken
    assert [line for line in coming if ".pdf" in line] == [
        '/guide/ (line 6): the link "plakat.pdf" leads to a file that does not exist '
        "(guide/plakat.pdf). Check the name of the page it should lead to, or remove the link."
    ]
