"""What a visitor downloads: one assets folder for all languages, nothing unused, a light
first visit, and the Arabic font only where Arabic text is shown (issue #17, point 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from recovery_college.outputs import assets
from support import serve

# The Danish home page, first visit with an empty cache: every response's bytes on the wire.
FIRST_VISIT_BUDGET = 150 * 1024
ARABIC_FONT = "noto-sans-arabic"


@pytest.fixture(scope="module")
def base_url(example_site):
    yield from serve(example_site)


def visit(context, url: str) -> dict[str, int]:
    """Open `url` in a tab of `context`; the bytes each response took on the wire, by URL
    (Chrome's encodedDataLength: headers and body as transferred)."""
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    tab.goto(url, wait_until="load")
    tab.evaluate("document.fonts.ready.then(() => true)")
    tab.wait_for_load_state("networkidle")
    tab.close()
    return {urls[rid]: int(size) for rid, size in sizes.items() if rid in urls}


def subresources(fetched: dict[str, int], base_url: str) -> set[str]:
    return {url.removeprefix(base_url) for url in fetched if re.search(r"\.(css|woff2|svg)$", url)}


# --- The built site -----------------------------------------------------------------------


def site_files(site: Path) -> list[str]:
    return [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.relative_to(site).parts[0] != "admin"
    ]


def test_the_site_carries_no_unused_script_bundles_or_source_maps(example_site):
    unused = [
        name
        for name in site_files(example_site)
        if name.endswith(".map")
        or re.search(r"(^|/)assets/javascripts/(bundle\.|workers/|lunr/)", name)
    ]
    assert not unused, f"files no page loads: {unused[:10]}"


def test_every_language_uses_the_one_assets_folder_at_the_root(example_site):
    for code in ("en", "ar"):
        assert not (example_site / code / "assets").exists(), f"{code}/ has its own assets/"
        home = (example_site / code / "index.html").read_text(encoding="utf-8")
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
        assert stylesheets and all(href.startswith("../assets/") for href in stylesheets)
        assert all((example_site / code / href).resolve().is_file() for href in stylesheets)
        not_found = (example_site / code / "404.html").read_text(encoding="utf-8")
        assert f"/{code}/assets/" not in not_found and 'href="/assets/stylesheets/' in not_found


# --- In Chromium ---------------------------------------------------------------------------


def test_the_first_visit_to_the_danish_home_page_is_light(browser, base_url):
    context = browser.new_context()
    try:
        fetched = visit(context, base_url + "/")
    finally:
        context.close()
    total = sum(fetched.values())
    listing = "\n".join(f"{size:>8} {url}" for url, size in sorted(fetched.items()))
    assert total <= FIRST_VISIT_BUDGET, f"{total} bytes, more than {FIRST_VISIT_BUDGET}:\n{listing}"


@pytest.mark.parametrize(("path", "arabic"), [("/", False), ("/en/", False), ("/ar/", True)])
def test_the_arabic_font_is_fetched_only_where_arabic_text_is_shown(
    browser, base_url, path, arabic
):
    context = browser.new_context()
    try:
        fetched = visit(context, base_url + path)
    finally:
        context.close()
    fonts = [url for url in fetched if ARABIC_FONT in url]
    assert bool(fonts) == arabic, f"{path}: Arabic font requests {fonts}"


def test_switching_language_reuses_the_stylesheets_and_fonts_already_fetched(browser, base_url):
    context = browser.new_context()
    try:
        danish = visit(context, base_url + "/")
        english = visit(context, base_url + "/en/")
    finally:
        context.close()
    new = subresources(english, base_url) - subresources(danish, base_url)
    assert not new, f"/en/ fetches these under addresses of its own: {sorted(new)}"


# --- The steps, on small folders ----------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_language_points_its_pages_at_the_roots_copies_and_share_deletes_them(
    tmp_path: Path,
):
    site = tmp_path / "site"
    for root in (site, site / "en"):
        write(root / "assets/stylesheets/site.css", "body{}")
    write(site / "en/assets/images/own.svg", "<svg/>")  # only this language has it
    english = assets.PageAssets("en/", {"stylesheets/site.css"})
    page = english.page(
        '<link href="../assets/stylesheets/site.css"><img src="../assets/images/own.svg">'
        '<a href="../assets/stylesheets/site.css#x">',
        "courses/index.html",
    )
    missing = english.page('<link href="/en/assets/stylesheets/site.css">', "404.html")
    english.write(site / "en")
    assets.PageAssets().write(site)

    assets.share(site, ["", "en/"])

    assert not (site / "en/assets/stylesheets").exists()
    assert (site / "en/assets/images/own.svg").exists()
    assert page == (
        '<link href="../../assets/stylesheets/site.css"><img src="../assets/images/own.svg">'
        '<a href="../../assets/stylesheets/site.css#x">'
    )
    assert missing == '<link href="/assets/stylesheets/site.css">'


def test_share_stops_when_a_shared_copy_is_not_the_roots(tmp_path: Path):
    site = tmp_path / "site"
    write(site / "assets/images/logo.svg", "<svg>da</svg>")
    write(site / "en/assets/images/logo.svg", "<svg>en</svg>")
    assets.PageAssets("en/", {"images/logo.svg"}).write(site / "en")
    with pytest.raises(ValueError, match=re.escape("en/assets/images/logo.svg")):
        assets.share(site, ["", "en/"])


def test_only_the_themes_files_the_main_language_also_takes_from_the_theme_are_shared(
    tmp_path: Path,
):
    theme, own, main = tmp_path / "theme", tmp_path / "content/en", tmp_path / "content/da"
    write(theme / "assets/stylesheets/site.css", "body{}")
    write(theme / "assets/images/logo.svg", "<svg/>")
    write(main / "assets/images/logo.svg", "<svg>da</svg>")  # the main language's own
    write(own / "assets/images/own.svg", "<svg/>")  # this language's own
    files = [
        File("assets/stylesheets/site.css", str(theme), str(tmp_path / "out"), True),
        File("assets/images/logo.svg", str(theme), str(tmp_path / "out"), True),
        File("assets/images/own.svg", str(own), str(tmp_path / "out"), True),
    ]
    assert assets.theme_copies(files, own, main) == {"stylesheets/site.css"}


def test_trim_css_keeps_only_rules_a_page_can_match(tmp_path: Path):
    site = tmp_path / "site"
    page = '<body data-md-color-scheme="default"><div class="md-grid md-typeset"><p>x</p></div>'
    write(site / "index.html", page)
    write(site / "admin/index.html", '<div class="md-search">')  # the editor's: not counted
    write(site / "extra.html", '<div class="md-extra">')  # not written through the plugin
    danish = assets.PageAssets()
    danish.page(page, "index.html")
    danish.write(site)
    sheet = write(
        site / "assets/stylesheets/main.1234.min.css",
        "@font-face{font-family:x}"
        ".md-grid{margin:0}.md-search,.md-typeset p{color:red}"
        ".md-typeset a:not(.md-button){color:blue}.md-extra{color:green}"
        "[data-md-color-scheme=slate]{color:black}[data-md-color-scheme=default]{color:white}"
        "@media screen{.md-search{display:none}}@media print{.md-grid{display:block}}",
    )
    ours = write(site / "assets/stylesheets/site.css", ".rc-unused{color:red}")

    assets.trim_css(site, [""])

    assert sheet.read_text().strip() == (
        "@font-face{font-family:x}"
        ".md-grid{margin:0}.md-typeset p{color:red}"
        ".md-typeset a:not(.md-button){color:blue}.md-extra{color:green}"
        "[data-md-color-scheme=default]{color:white}"
        "@media print{.md-grid{display:block}}"
    )
    assert ours.read_text() == ".rc-unused{color:red}"
    assert not (site / assets.RECORD).exists()


@pytest.mark.parametrize(
    ("src_uri", "unused"),
    [
        ("assets/javascripts/bundle.a5f9d56c.min.js", True),
        ("assets/javascripts/workers/search.a7633da7.min.js", True),
        ("assets/stylesheets/main.57a0d79d.min.css.map", True),
        ("assets/stylesheets/main.57a0d79d.min.css", False),
    ],
)
def test_materials_unused_files_are_left_out_and_ours_kept(tmp_path: Path, src_uri, unused):
    material = tmp_path / "material"
    assert assets.unused_theme_file(src_uri, str(material / src_uri), [material]) is unused
    theme = tmp_path / "theme"  # a file of our own theme with the same name is ours to keep
    assert assets.unused_theme_file(src_uri, str(theme / src_uri), [material]) is False
