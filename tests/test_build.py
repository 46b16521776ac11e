"""End-to-end: build the fixture school and check what a visitor and a search engine get."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from support import REPO

pytestmark = pytest.mark.build  # every test here builds a site

EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["'](?:https?:)?//|@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
)


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_each_language_has_its_lang_and_direction(built):
    assert '<html lang="da" dir="ltr"' in html(built, "index.html")
    assert '<html lang="en" dir="ltr"' in html(built, "en/index.html")
    ar = html(built, "ar/index.html")
    assert '<html lang="ar" dir="rtl"' in ar and '<body dir="rtl"' in ar


def test_language_switcher_leads_to_the_same_page(built):
    page = html(built, "en/guides/gruppen/index.html")
    assert 'href="../../../guides/gruppen/" lang="da"' in page
    assert 'href="../../../ar/guides/gruppen/" lang="ar"' in page
    assert 'href="../../../en/guides/gruppen/" lang="en" hreflang="en" aria-current="true"' in page


def test_hreflang_only_for_real_translations(built):
    home = html(built, "index.html")
    for lang, url in (("da", ""), ("en", "en/"), ("ar", "ar/"), ("x-default", "")):
        assert f'<link rel="alternate" hreflang="{lang}" href="https://test.example/{url}">' in home
    guide = html(built, "guides/gruppen/index.html")
    assert 'hreflang="da" href="https://test.example/guides/gruppen/"' in guide
    assert '<link rel="alternate" hreflang="en"' not in guide


def test_untranslated_page_shows_danish_with_a_notice_in_the_readers_language(built):
    en = html(built, "en/guides/gruppen/index.html")
    assert "has not been translated into English yet" in en
    assert '<div id="rc-main" tabindex="-1" lang="da" dir="ltr">' in en
    assert "møder du gruppen første gang" in en
    ar = html(built, "ar/guides/gruppen/index.html")
    assert "لم تُترجم إلى العربية بعد" in ar
    assert "data-search-body" not in ar.split('id="rc-main"')[1][:80]


def sitemap_entries(site: Path, rel: str) -> dict[str, dict[str, str]]:
    """Each <loc> of a sitemap with its alternates (hreflang -> address)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(html(site, rel))
    return {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }


def test_sitemap_has_every_language_s_pages_as_entries_and_pairs_only_translations(built):
    entries = sitemap_entries(built, "sitemap.xml")
    for loc in ("", "en/", "ar/", "en/courses/", "ar/courses/", "en/courses/hab/"):
        assert f"https://test.example/{loc}" in entries, loc
    home = entries["https://test.example/"]
    assert home["en"] == "https://test.example/en/" and home["x-default"] == home["da"]
    # A page shown in Danish because it is not translated is not an entry of its own, and the
    # Danish page is paired with no such page.
    assert "https://test.example/en/guides/gruppen/" not in entries
    assert set(entries["https://test.example/guides/gruppen/"]) == {"da", "x-default"}
    # Every pair links back: an entry's alternates are entries with the same alternates.
    for loc, alternates in entries.items():
        for lang, href in alternates.items():
            assert entries.get(href) == alternates, f"{loc} pairs {lang} with {href}"
    # Each language's root keeps the sitemap of its own pages.
    english = sitemap_entries(built, "en/sitemap.xml")
    assert english and all(loc.startswith("https://test.example/en/") for loc in english)


HEAD_LINK = re.compile(r'<link rel="(canonical|alternate)"(?: hreflang="([^"]+)")? href="([^"]+)">')


def test_an_untranslated_page_names_the_danish_page_as_canonical_and_pairs_with_nothing(built):
    for lang in ("en", "ar"):
        page = html(built, f"{lang}/guides/gruppen/index.html")
        links = HEAD_LINK.findall(page)
        assert ("canonical", "", "https://test.example/guides/gruppen/") in links, lang
        assert not [link for link in links if link[1]], f"{lang}: hreflang on a fallback: {links}"
        assert "data-search-body" not in page.split('id="rc-main"')[1][:80]  # not indexed
    # A translated page stays its own canonical address, paired with its translations.
    links = HEAD_LINK.findall(html(built, "en/index.html"))
    assert ("canonical", "", "https://test.example/en/") in links
    assert ("alternate", "da", "https://test.example/") in links


def test_every_hreflang_pair_in_page_heads_links_back(built):
    heads: dict[str, dict[str, str]] = {}
    canonical: dict[str, str] = {}
    for file in built.rglob("index.html"):
        links = HEAD_LINK.findall(file.read_text(encoding="utf-8"))
        own = next((href for kind, _, href in links if kind == "canonical"), None)
        if own is None:
            continue
        url = "https://test.example/" + file.parent.relative_to(built).as_posix() + "/"
        url = url.replace("https://test.example/./", "https://test.example/")
        canonical[url] = own
        heads[url] = {lang: href for kind, lang, href in links if lang}
    assert len(heads) > 20
    for url, pairs in heads.items():
        if canonical[url] != url:
            assert not pairs, f"{url} is not its own canonical address but has hreflang pairs"
            continue
        if pairs:
            assert url in pairs.values(), f"{url} pairs other pages but is not one of them"
        for lang, href in pairs.items():
            assert heads.get(href) == pairs, (
                f"{url} pairs {lang} with {href}, which does not pair back"
            )


def test_footer_links_accessibility_statement_and_says_no_cookies(built):
    pages = list(built.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            assert "/tilgaengelighed/" in text
            continue
        assert 'tilgaengelighed/">' in text, page
    assert "sætter ingen cookies" in html(built, "index.html")
    assert "sets no cookies" in html(built, "en/index.html")


def test_accessibility_statement_is_generated_in_each_language(built):
    da = html(built, "tilgaengelighed/index.html")
    assert "Tilgængelighedserklæring" in da and "lever delvist op til WCAG 2.1 AA" in da
    assert "PDF-filer er ikke testet." in da and "Digitaliseringsstyrelsen" in da
    assert "2. november 2026" in da
    en = html(built, "en/tilgaengelighed/index.html")
    assert "partly meets WCAG 2.1 AA" in en and "November 2, 2026" in en


def test_help_lines_come_from_the_data_file(built):
    page = html(built, "guides/snak/index.html")
    # The name and the number are one link, a bigger target to tap.
    assert re.search(r'<a href="tel:\+4570201201">[^<]+: <bdi dir="ltr">70 201 201</bdi></a>', page)
    assert re.search(r'<a href="tel:112">[^<]*<bdi dir="ltr">112</bdi></a>', page)


def test_phone_numbers_keep_their_order_in_arabic(built):
    page = html(built, "ar/guides/snak/index.html")
    assert '<bdi dir="ltr">70 201 201</bdi>' in page  # not "201 201 70" in a right-to-left line
    footer = html(built, "ar/index.html").split("<footer", 1)[1]
    assert re.search(r'<a href="tel:[+\d]+"><bdi dir="ltr">[+\d ]+</bdi></a>', footer)


def test_section_index_lists_its_pages(built):
    page = html(built, "guides/index.html")
    assert 'href="gruppen/">Om fællesskabet</a>' in page
    assert "Sådan fungerer et hold." in page


def test_nothing_is_loaded_from_another_host(built):
    offenders = []
    for path in built.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            text = re.sub(r'<a\s[^>]*href="https?://[^"]*"', "<a", text)  # plain links are fine
            text = re.sub(r'<link rel="(?:canonical|alternate)"[^>]*>', "", text)
            if EXTERNAL.search(text):
                offenders.append(str(path.relative_to(built)))
    assert offenders == []


def _indexed(folder: Path) -> dict[str, dict]:
    """A language's indexed pages (address, title, excerpt), by their address from its root."""
    bundle = folder / "searchindex"
    entry = json.loads((bundle / "entry.json").read_text(encoding="utf-8"))
    pages = [
        json.loads((bundle / entry["files"] / f"p{n}.json").read_text(encoding="utf-8"))
        for n in range(entry["pages"])
    ]
    return {"/" + page["u"]: page for page in pages}


def test_search_index_per_language(built):
    """Each language has an index of its own, in its own folder, with only its own pages."""
    indexed = {}
    for lang, folder in {"da": built, "en": built / "en", "ar": built / "ar"}.items():
        indexed[lang] = _indexed(folder)
        assert not [url for url in indexed[lang] if url.startswith(("/en/", "/ar/"))]
    assert indexed["da"]["/guides/gruppen/"]["t"] == "Om fællesskabet"
    # Untranslated pages (Danish text under /en/) are not indexed as English.
    assert len(indexed["en"]) < len(indexed["da"])
    assert "/guides/gruppen/" not in indexed["en"]


def test_only_the_search_page_loads_the_search_index(built):
    assert "searchindex/" not in html(built, "index.html")
    assert 'data-bundle="../searchindex/"' in html(built, "search/index.html")
    assert 'data-bundle="../searchindex/"' in html(built, "en/search/index.html")


def test_no_catalogue_files_are_published(built):
    assert not (built / "locale").exists()
    assert not list(built.rglob("*.po"))


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_bad_front_matter_exits_1_and_leaves_the_old_site_untouched(project):
    first = run_cli("build", cwd=project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")
    page = project / "content/da/guides/gruppen.md"
    page.write_text(page.read_text().replace("summary:", "sumary:"), encoding="utf-8")
    second = run_cli("build", cwd=project)
    assert second.returncode == 1
    assert 'content/da/guides/gruppen.md:3:1: unknown field "sumary"' in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert tree_digest(project / "site") == before
    assert not list((project / ".build").glob("staging-*"))


def test_example_site_builds_with_every_language(example_site):
    assert '<html lang="da" dir="ltr"' in html(example_site, "index.html")
    assert '<html lang="en" dir="ltr"' in html(example_site, "en/index.html")
    assert '<html lang="ar" dir="rtl"' in html(example_site, "ar/index.html")


def test_scripts_are_the_documented_entry_points():
    readme = (REPO / "README.md").read_text()
    assert "./scripts/build" in readme and "./scripts/test" in readme
    assert "./scripts/test" in (REPO / ".ci" / "run").read_text()


def test_search_excerpts_keep_a_fact_apart_from_its_label(example_site):
    """A session's facts are a list of label and value; the excerpt a search shows must read
    "Varighed 120 minutter", not "Varighed120 minutter"."""
    for folder, label in ((example_site, "Varighed"), (example_site / "ar", "مدة")):
        text = _indexed(folder)["/sessions/haab/"]["x"]
        assert re.search(rf"{label} \S", text), text[:300]


def _starts(monkeypatch, young: list[int] | None = None) -> list[tuple[str, int]]:
    """Each language build as it starts, with how many were running then; in `young`, the
    collector's first threshold it starts with (forked, it has the driver's)."""
    import gc

    from recovery_college.engine import build

    started: list[tuple[str, int]] = []
    real_start = build._LanguageBuilds._start

    def start(self, lang):
        started.append((lang.code, len(self.running)))
        if young is not None:
            young.append(gc.get_threshold()[0])
        real_start(self, lang)

    monkeypatch.setattr(build._LanguageBuilds, "_start", start)
    return started


def test_a_small_school_builds_all_its_languages_at_once(tmp_path, monkeypatch):
    """Three languages on two cores: started together, none builds alone at the end while a
    core has nothing to do (`OFFERINGS_AT_ONCE`)."""
    import gc

    from recovery_college.engine import build
    from recovery_college.outputs import pdf
    from support import make_project

    young: list[int] = []
    started = _starts(monkeypatch, young)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    before = gc.get_threshold()
    build.build_site(make_project(tmp_path / "school"))
    assert [running for _, running in started] == [0, 1, 2], started
    # They collect cycles less often (`pdf.YOUNG_OBJECTS`); the process is as it was after.
    assert young == [pdf.YOUNG_OBJECTS] * 3 and gc.get_threshold() == before


def test_a_large_school_builds_its_languages_one_at_a_time_to_the_same_site(
    built, tmp_path, monkeypatch
):
    """Above `OFFERINGS_AT_ONCE` offerings the languages build one after another (two at
    once passed 1 GB at 10,000 offerings); the site is the same, every language indexed."""
    import gc

    from recovery_college.engine import build
    from support import make_project

    young: list[int] = []
    started = _starts(monkeypatch, young)
    monkeypatch.setattr(build, "OFFERINGS_AT_ONCE", 0)
    root = make_project(tmp_path / "school")
    build.build_site(root)
    assert sorted(code for code, _ in started) == ["ar", "da", "en"]
    assert all(running == 0 for _, running in started), "a language started beside another"
    assert young == [gc.get_threshold()[0]] * 3, "its memory, not its speed, sets its pace"
    site = root / "site"
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    for folder in (site, site / "en", site / "ar"):
        assert _indexed(folder), "an index of its own"
