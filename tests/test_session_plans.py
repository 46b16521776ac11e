"""Group session plans end to end: the facilitator page, the overview, and the printed handouts.

The fixture school gets a small set of plans (tests/fixtures/sessions): a series of two Danish
plans whose first part is also in English and Arabic, and a single Danish plan. It is built
once for the module; the PDFs are read back with poppler's pdftotext and pdfinfo.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import unicodedata
import zlib
from collections import defaultdict
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.engine.build import BuildReport, build_site
from support import REPO, add_sessions, make_project

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) is missing")


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = add_sessions(make_project(tmp_path_factory.mktemp("sessions") / "school"))
    return root, build_site(root)


@pytest.fixture(scope="module")
def site(school) -> Path:
    return school[0] / "site"


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def pdf_text(path: Path, *args: str) -> str:
    """The PDF's text in logical order, without the bidi marks pdftotext adds around runs."""
    out = subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "".join(c for c in out if unicodedata.category(c) != "Cf")


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def pdf_streams(path: Path) -> list[bytes]:
    found = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", path.read_bytes(), re.S):
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return found


def catalog_language(path: Path) -> str | None:
    for stream in pdf_streams(path):
        if match := re.search(rb"/Type /Catalog.*?/Lang \(([^)]*)\)", stream, re.S):
            return match.group(1).decode()
    return None


def glyphs_per_character(path: Path) -> dict[str, set[str]]:
    """Which glyphs the embedded fonts draw for each character (from their ToUnicode maps).

    Joined Arabic uses a different glyph for a letter at the start, middle and end of a word;
    unjoined text would draw each letter with one isolated glyph.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for index, stream in enumerate(pdf_streams(path)):
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for glyph, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                if len(text) == 4:
                    found[chr(int(text, 16))].add(f"{index}:{glyph.decode()}")
    return found


def word_heights(path: Path) -> list[float]:
    out = pdf_text(path, "-bbox")
    return [
        float(y2) - float(y1)
        for y1, y2 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out)
    ]


# The facilitator's page


def test_plan_page_shows_the_agenda_as_a_table_with_minutes_and_leads(site):
    page = html(site, "sessions/godt-liv-1/index.html")
    table = page.split('<div class="rc-agenda"', 1)[1].split("</table>", 1)[0]
    assert "Mødet trin for trin, 90 minutter i alt</caption>" in table
    assert '<th scope="col">Ledes af</th>' in table
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody", 1)[1], re.S)
    assert len(rows) == 3
    first, second, last = (re.sub(r"<[^>]+>", "|", row) for row in rows)
    assert "0–20" in first and "Velkomst og check-in" in first and "|Peer-medarbejder|" in first
    assert "20–60" in second and "|40|" in second and "|Medunderviser|" in second
    assert "60–90" in last and "|Alle|" in last  # "all" leads together
    assert '<th scope="row">Mit kort over mennesker</th>' in table


def test_plan_page_shows_the_whole_plan(site):
    page = html(site, "sessions/godt-liv-1/index.html")
    for text in (
        "Du tegner et kort over de mennesker",  # aim
        "Gruppe, temabaseret",  # model
        "4–8 deltagere",
        "Forbundethed",  # CHIME
        "Leder øvelsen og går med ud ved behov.",  # who does what
        'Medunderviser <span class="rc-role">(fagperson)</span>',  # and their role
        "Papir og blyanter",
        "Stole i en rundkreds",
        "Sig dit navn og et sted, du holder af.",
        "Sig ét ord om, hvordan du har det nu.",
        "Du kan altid sige pas uden at forklare hvorfor.",
        "Hvem vil du gerne se oftere?",
        "Mit lille skridt i denne uge er at ringe til",
        "Kortet er privat.",  # facilitator notes from the Markdown body
    ):
        assert text in page, text
    assert "<h3 id=" in page.split("Noter til underviserne", 1)[1]  # notes nest under it


def test_safety_box_has_the_plans_safety_text_and_help_lines_from_the_data_file(site):
    page = html(site, "sessions/godt-liv-1/index.html")
    box = page.split('<aside class="rc-safety"', 1)[1].split("</aside>", 1)[0]
    assert "Tryghed og grænser" in box
    assert "går medunderviseren med ud i det stille rum" in box
    assert 'href="tel:+4570201201">Livslinien: <bdi dir="ltr">70 201 201</bdi></a>' in box
    assert 'Ring <a href="tel:112"><bdi dir="ltr">112</bdi></a> ved fare for liv.' in box
    arabic = html(site, "ar/sessions/godt-liv-1/index.html")
    assert "الطوارئ" in arabic.split('<aside class="rc-safety"', 1)[1]


def test_series_navigation_links_the_previous_and_next_part(site):
    first = html(site, "sessions/godt-liv-1/index.html")
    nav = first.split('<nav class="rc-series"', 1)[1].split("</nav>", 1)[0]
    assert "Godt liv: Del 1 af 2" in nav
    assert 'rel="next" href="../godt-liv-2/"' in nav and 'rel="prev"' not in nav
    assert (
        '<strong aria-current="page" lang="da" dir="auto">Godt liv 1: Sammen med andre</strong>'
        in nav
    )
    second = html(site, "sessions/godt-liv-2/index.html")
    nav = second.split('<nav class="rc-series"', 1)[1].split("</nav>", 1)[0]
    assert 'rel="prev" href="../godt-liv-1/"' in nav and 'rel="next"' not in nav
    assert 'class="rc-series"' not in html(site, "sessions/samtale/index.html")


def test_overview_groups_the_series_and_shows_model_and_duration(site):
    page = html(site, "sessions/index.html")
    series = page.split('<h2 id="rc-series-1">', 1)[1]
    assert series.startswith("Godt liv</h2>") and "Et forløb på 2 møder." in series
    assert series.index("Godt liv 1: Sammen") < series.index("Godt liv 2: Bevægelse")
    assert "Gruppe, aktivitetsbaseret · 60 minutter · 3–10 deltagere" in series
    single = page.split('id="rc-single"', 1)[1]
    assert 'href="samtale/"' in single and "Individuel, én til én · 45 minutter" in single
    english = html(site, "en/sessions/index.html")
    assert ">A good life</h2>" in english and "Group, theme-based · 90 minutes" in english


def test_every_plan_page_links_both_handouts_in_its_language_and_they_exist(site):
    expected = {
        "sessions/godt-liv-1": "da",
        "sessions/godt-liv-2": "da",
        "sessions/samtale": "da",
        "en/sessions/godt-liv-1": "en",
        "en/sessions/godt-liv-2": "da",  # not translated: the Danish plan and its handouts
        "ar/sessions/godt-liv-1": "ar",
        "ar/sessions/samtale": "da",
    }
    for folder, lang in expected.items():
        page = site / folder / "index.html"
        links = re.findall(
            r'<a class="rc-button[^"]*" href="([^"]+\.pdf)" type="application/pdf" '
            r'hreflang="([a-z]+)"',
            page.read_text(encoding="utf-8"),
        )
        assert len(links) == 2, folder
        assert {hreflang for _, hreflang in links} == {lang}, folder
        assert any(href.endswith("-large-print.pdf") for href, _ in links), folder
        for href, _ in links:
            target = (page.parent / href).resolve()
            assert target.is_file() and target.read_bytes().startswith(b"%PDF"), (folder, href)
            prefix = "" if lang == "da" else f"{lang}/"
            assert target.relative_to(site.resolve()).as_posix().startswith(prefix + "sessions/")


def test_print_templates_and_fonts_are_not_published(site):
    assert not list(site.rglob("*.ttf"))
    assert not (site / "pdf").exists()
    assert not list(site.rglob(".pdf-jobs"))


# The handouts


@needs_poppler
def test_handout_has_title_questions_help_lines_school_and_page_address(site):
    text = pdf_text(site / "sessions/godt-liv-1/godt-liv-1.pdf")
    for expected in (
        "Godt liv 1: Sammen med andre",
        "Du tegner et kort over de mennesker",
        "1. Hvem giver dig ro i hverdagen?",
        "2. Hvem vil du gerne se oftere?",
        "Mit næste lille skridt",
        "Mit lille skridt i denne uge er at ringe til",
        "70 201 201",
        "112",
        "Testskolen",
        "https://test.example/sessions/godt-liv-1/",
    ):
        assert expected in text, expected
    assert "Medunderviser" not in text  # facilitator details stay off the handout


@needs_poppler
def test_handout_is_a_tagged_a4_pdf_with_title_and_language(site):
    for path, title, lang in (
        (site / "sessions/godt-liv-1/godt-liv-1.pdf", "Godt liv 1: Sammen med andre", "da"),
        (site / "en/sessions/godt-liv-1/godt-liv-1-large-print.pdf", "A good life 1", "en"),
        (site / "ar/sessions/godt-liv-1/godt-liv-1.pdf", "حياة جيدة 1: مع الناس", "ar"),
    ):
        info = pdf_info(path)
        assert info["Title"].strip().startswith(title)
        assert info["Tagged"].strip() == "yes"
        assert info["Page size"].strip().startswith("595.276 x 841.89")
        assert 1 <= int(info["Pages"]) <= 2
        assert catalog_language(path) == lang


@needs_poppler
def test_large_print_has_no_text_under_16_points(site):
    normal = word_heights(site / "sessions/godt-liv-1/godt-liv-1.pdf")
    large = word_heights(site / "sessions/godt-liv-1/godt-liv-1-large-print.pdf")
    font = TTFont(REPO / "theme/pdf/fonts/NotoSans-Regular.ttf")
    # pdftotext's word box is the font's ascent plus descent: 1.362 x the size for Noto Sans.
    per_point = (font["hhea"].ascent - font["hhea"].descent) / font["head"].unitsPerEm
    assert min(large) >= 16 * per_point - 0.05
    assert min(normal) < 16 * per_point  # the normal handout is smaller, so the check can fail
    assert statistics.median(large) > 1.3 * statistics.median(normal)
    assert (
        "(large print)"
        in pdf_info(site / "en/sessions/godt-liv-1/godt-liv-1-large-print.pdf")["Title"]
    )


@needs_poppler
def test_arabic_handout_reads_right_to_left_in_logical_order_with_joined_letters(site):
    path = site / "ar/sessions/godt-liv-1/godt-liv-1.pdf"
    text = pdf_text(path)
    assert "من هم الناس الذين يمنحونك القوة؟" in text
    assert "ما الذي يساعدك في يوم صعب؟" in text
    assert "70 201 201" in text and "الطوارئ" in text
    glyphs = glyphs_per_character(path)
    # Meem, noon and seen appear at the start, middle and end of words above: joined text
    # draws them with several contextual glyphs.
    for letter in "منس":
        assert len(glyphs[letter]) >= 2, letter
    # Question numbers sit at the right edge, where an Arabic reader starts.
    boxes = pdf_text(path, "-bbox")
    number = re.search(r'<word xMin="([\d.]+)"[^>]*>\.1</word>', boxes)
    words = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"[^>]*>[^<]*ةوقلا', boxes)]
    assert number and words and float(number.group(1)) > max(words)


@needs_poppler
def test_term_page_links_its_printed_prospectus(site):
    page = html(site, "terms/2026-efteraar/index.html")
    assert 'href="prospectus.pdf" type="application/pdf"' in page
    text = pdf_text(site / "terms/2026-efteraar/prospectus.pdf")
    assert "Testskolen" in text and "Håb" in text
    assert catalog_language(site / "en/terms/2026-efteraar/prospectus.pdf") == "en"


# The PDF stage's cache


def test_rebuild_renders_only_the_pdfs_whose_content_changed(school, tmp_path):
    root, first = school
    assert first.pdfs.rendered > 0 and first.pdfs.cached == 0
    copy = tmp_path / "school"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".build"))
    unchanged = build_site(copy)
    assert (unchanged.pdfs.rendered, unchanged.pdfs.cached) == (0, first.pdfs.rendered)
    assert unchanged.pdfs.summary() == f"PDFs: 0 rendered, {first.pdfs.rendered} from cache"
    plan = copy / "content/da/sessions/godt-liv-2.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("sidst haft det godt", "sidst grinet"),
        encoding="utf-8",
    )
    changed = build_site(copy)
    assert changed.pdfs.rendered == 2  # the Danish handout and its large print, nothing else
    assert changed.pdfs.cached == first.pdfs.rendered - 2
    if POPPLER:
        assert "sidst grinet" in pdf_text(copy / "site/sessions/godt-liv-2/godt-liv-2.pdf")


def test_example_site_plan_pages_link_handouts_of_one_or_two_a4_pages(example_site):
    plans = [p for p in example_site.rglob("sessions/*/index.html")]
    assert len(plans) >= 12 * 3
    for page in plans:
        hrefs = re.findall(r'href="([^"]+\.pdf)" type="application/pdf"', page.read_text())
        assert len(hrefs) == 2, page
        for href in hrefs:
            target = (page.parent / href).resolve()
            assert target.is_file(), (page, href)
            if POPPLER:
                info = pdf_info(target)
                # Large print keeps the normal room to write at 16 pt: up to three pages.
                most = 3 if "large-print" in href else 2
                assert 1 <= int(info["Pages"]) <= most, target
                assert info["Page size"].strip().startswith("595.276 x 841.89"), target


# Series of plans across files


def series_school(tmp_path: Path) -> Path:
    return add_sessions(make_project(tmp_path / "school"))


def set_series(root: Path, lang: str, slug: str, value: str) -> None:
    page = root / "content" / lang / "sessions" / f"{slug}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^series: .*$", f"series: {value}", text, count=1, flags=re.M), "utf-8")


def content_errors(root: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_project(root)
    return caught.value.report()


@pytest.mark.build
def test_a_series_name_in_the_front_matter_names_the_series(tmp_path):
    root = series_school(tmp_path)
    set_series(root, "da", "godt-liv-1", '{id: godt-liv, part: 1, of: 2, name: "Et godt liv"}')
    build_site(root)
    overview = html(root / "site", "sessions/index.html")
    assert "Et godt liv" in overview
    assert "Et godt liv" in html(root / "site", "sessions/godt-liv-2/index.html")


def test_parts_of_a_series_must_agree_and_be_complete(tmp_path):
    root = series_school(tmp_path)
    set_series(root, "da", "godt-liv-2", "{id: godt-liv, part: 2, of: 3}")
    report = content_errors(root)
    assert (
        'content/da/sessions/godt-liv-2.md:8:37: the series "godt-liv" has 2 parts in '
        "content/da/sessions/godt-liv-1.md but 3 here." in report
    )
    set_series(root, "da", "godt-liv-2", "{id: godt-liv, part: 1, of: 2}")
    report = content_errors(root)
    assert (
        'content/da/sessions/godt-liv-2.md:8:30: part 1 of the series "godt-liv" is used twice'
        in report
    )
    assert 'the series "godt-liv" has 2 parts, but part 2 is missing.' in report


def test_a_translation_may_lack_parts_of_a_series_but_not_a_part_beyond_the_end(tmp_path):
    root = series_school(tmp_path)
    load_project(root)  # English and Arabic have only part 1 of 2: they show Danish for part 2
    set_series(root, "en", "godt-liv-1", "{id: godt-liv, part: 3, of: 2}")
    assert 'content/en/sessions/godt-liv-1.md:8:9: "series": part 3 of a series of 2 parts' in (
        content_errors(root)
    )


def test_large_print_keeps_at_least_the_normal_room_to_write():
    """Under every question the large print has as many lines to write on as the normal
    handout (and taller ones, handout.css), so needing large print never means less room."""
    from recovery_college.assembly import load_project
    from recovery_college.outputs.pdf import PrintTemplates
    from recovery_college.school.models import School
    from recovery_college.sessions import handouts

    project = load_project(REPO)
    school = project.part(School)
    plan = project.pages["da"]["sessions/haab.md"]
    normal, large = handouts.handout_jobs(
        PrintTemplates(REPO, lambda text: text),
        "haab",
        plan.meta,
        lang="da",
        direction="ltr",
        site=school.facts,
        helplines=school.helplines,
        lang_url="https://example.org/",
        qr_label="QR",
    )

    def lines_per_question(html: str) -> list[int]:
        return [part.count('class="line"') for part in html.split('class="question"')[1:]]

    assert len(lines_per_question(normal.html)) == len(plan.meta.reflection_questions)
    assert lines_per_question(large.html) == lines_per_question(normal.html)
    assert min(lines_per_question(large.html)) >= 3
    css = (REPO / "theme/pdf/handout.css").read_text(encoding="utf-8")
    assert "html.large .line { height: 11mm; }" in css and ".line { height: 9mm;" in css


def test_the_qr_code_opens_a_page_for_participants_without_the_facilitators_notes(site):
    page = html(site, "sessions/godt-liv-1/deltager/index.html")
    assert "(for deltagere)</h1>" in page
    assert "Spørgsmål at tænke over" in page and 'href="tel:' in page
    assert 'href="../godt-liv-1.pdf"' in page and 'href="../godt-liv-1-large-print.pdf"' in page
    assert "Noter til underviserne" not in page and "rc-agenda" not in page
    plan = html(site, "sessions/godt-liv-1/index.html")
    assert 'href="deltager/"' in plan
    if POPPLER:  # the handout names the address its QR code opens
        text = pdf_text(site / "sessions/godt-liv-1/godt-liv-1.pdf")
        assert "/sessions/godt-liv-1/deltager/" in text.replace("\n", "")


def room_below_question_one(pdf: Path) -> float:
    """Points between question 1's last line of text and question 2, read from the PDF: the
    room left to write in."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    boxes = [
        (word, float(top), float(bottom))
        for top, bottom, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out
        )
    ]
    one = next(top for word, top, _ in boxes if word == "1.")
    two = next(top for word, top, _ in boxes if word == "2.")
    text_end = max(bottom for _, top, bottom in boxes if one <= top < two)
    return two - text_end


@pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")
def test_large_print_pdf_leaves_at_least_as_much_room_to_write(site):
    folder = site / "sessions/godt-liv-1"
    normal = room_below_question_one(folder / "godt-liv-1.pdf")
    large = room_below_question_one(folder / "godt-liv-1-large-print.pdf")
    assert normal > 60  # three lines of 9 mm
    assert large >= normal
