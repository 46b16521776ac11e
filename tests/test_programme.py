"""The printed term programme a citizen can sign up from on paper (read back with pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def text(pdf: Path, *args: str) -> str:
    out = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True)
    return re.sub(r"[\u200e\u200f\u202a-\u202e]", "", out.stdout)


def test_a_citizen_can_sign_up_from_the_paper(built: Path):
    autumn = text(built / "terms/2026-efteraar/prospectus.pdf", "-layout")
    # Contact and help lines come first, never alone on a last page.
    first_page = text(built / "terms/2026-efteraar/prospectus.pdf", "-f", "1", "-l", "1")
    assert "Her kan du få hjælp" in first_page and "Livslinien: 70 201 201" in first_page
    assert "Telefon: +45 11 22 33 44. E-mail: test@example.org." in first_page
    flat = " ".join(autumn.split())
    # Each course says what it is, and how to sign up is written out in full sentences.
    assert "Et kursus om håb." in flat
    assert "Tilmeld dig på skolens formular: example.org/tilmelding." in flat
    assert "((" not in flat and "Peer-underviser (egen erfaring)" in flat
    # A web address and a QR code per course lead to its page.
    address = " ".join(text(built / "terms/2026-efteraar/prospectus.pdf", "-raw").split())
    assert "test.example/ courses/hab" in address or "test.example/courses/hab" in address
    # The cancelled run says so and offers no sign-up.
    cancelled = flat.split("Online", 1)[1]
    assert "Tilmelding Aflyst." in cancelled and "Tilmeld dig" not in cancelled
    # A term that is over has nothing left to sign up for: its page lists its runs, no printout.
    assert not list((built / "terms/2026-foraar").glob("*.pdf"))
    spring = (built / "terms/2026-foraar/index.html").read_text(encoding="utf-8")
    assert "Håb" in spring and "Programmet som PDF" not in spring
    assert "Programmet som PDF" in (built / "terms/2026-efteraar/index.html").read_text("utf-8")


def qr_codes(pdf: Path, tmp_path: Path) -> set[str]:
    """What a phone's camera reads from a printout's pages (150 dpi)."""
    import zxingcpp
    from PIL import Image

    picture = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(picture)], check=True)
    pages = sorted(tmp_path.glob(f"{picture.name}-*.png"))
    return {found.text for page in pages for found in zxingcpp.read_barcodes(Image.open(page))}


def test_a_phone_reads_every_printed_qr_code_as_the_page_it_names(built: Path, tmp_path: Path):
    site = "https://test.example/"
    assert qr_codes(built / "courses/hab/plakat-a4.pdf", tmp_path) == {f"{site}courses/hab/"}
    assert qr_codes(built / "ar/courses/hab/plakat-a5.pdf", tmp_path) == {f"{site}ar/courses/hab/"}
    programme = qr_codes(built / "terms/2026-efteraar/prospectus.pdf", tmp_path)
    assert f"{site}courses/hab/" in programme and all(
        url.startswith(f"{site}courses/") for url in programme
    )


def test_a_phone_reads_a_session_handouts_qr_code(example_site: Path, tmp_path: Path):
    """Both sizes of a handout, in Danish and Arabic, lead to the participants' page."""
    site = "https://recoveryskolen.eksempelby.dk/"
    for lang, handout in (("", "haab/haab.pdf"), ("ar/", "haab/haab-large-print.pdf")):
        found = qr_codes(example_site / lang / "sessions" / handout, tmp_path)
        assert found == {f"{site}{lang}sessions/haab/deltager/"}


def test_no_sign_up_sentence_runs_into_the_next(built: Path):
    flat = " ".join(text(built / "terms/2026-efteraar/prospectus.pdf").split())
    assert not re.search(r"telefon \d+ af \d+ pladser", flat)
    assert re.search(r"\. \d+ af \d+ pladser er ledige\.", flat)


@pytest.mark.parametrize(
    ("link", "written"),
    [
        ("tel:+4511223344", "+45 11 22 33 44"),
        ("tel:70201201", "70201201"),
        ("mailto:skolen@example.org?subject=Venteliste", "skolen@example.org"),
        (
            "https://eksempelby.dk/recoveryskolen/tilmelding?kursus=hab",
            "eksempelby.dk/recoveryskolen/tilmelding?kursus=hab",
        ),
    ],
)
def test_links_are_written_out_as_a_reader_copies_them(link, written):
    from recovery_college.courses.views import written_out

    assert written_out(link) == written


def words(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word of the first page with its left edge and its line (top edge), from poppler."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    )
    return [
        (word, float(x), round(float(y)))
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out.stdout
        )
    ]


def test_the_arabic_programme_is_mirrored_as_a_whole(built: Path):
    arabic = words(built / "ar/terms/2026-efteraar/prospectus.pdf")
    # Håb meets 13:00-15:00: the start time stands right of the end time on the same line, so a
    # right-to-left reader meets it first.
    start = next((x, y) for word, x, y in arabic if "1:00" in word and "11:00" not in word)
    end = next((x, y) for word, x, y in arabic if "3:00" in word and abs(y - start[1]) < 3)
    assert start[0] > end[0]
    # Labels ("When", in Arabic) stand right of their values.
    label = next((x, y) for word, x, y in arabic if word == "ىتم")  # poppler writes it reversed
    values = [x for word, x, y in arabic if abs(y - label[1]) < 3 and word != "ىتم"]
    assert values and label[0] > max(values)
    danish = words(built / "terms/2026-efteraar/prospectus.pdf")
    start = next((x, y) for word, x, y in danish if word.startswith("13.00"))
    assert any(abs(y - start[1]) < 3 for word, x, y in danish if "15.00" in word and x >= start[0])


def test_each_course_has_a_poster_and_a_flyer_for_the_notice_board(built: Path):
    course = (built / "courses/hab/index.html").read_text(encoding="utf-8")
    assert 'href="plakat-a4.pdf" type="application/pdf">Plakat (A4, PDF)</a>' in course
    assert 'href="plakat-a5.pdf" type="application/pdf">Flyer (A5, PDF)</a>' in course
    sizes = {}
    for size in ("a4", "a5"):
        info = subprocess.run(
            ["pdfinfo", str(built / f"courses/hab/plakat-{size}.pdf")],
            capture_output=True,
            text=True,
        ).stdout
        sizes[size] = next(line for line in info.splitlines() if line.startswith("Page size"))
        assert "Pages:           1" in info
    assert "595.276 x 841.89" in sizes["a4"] and "419.528 x 595.276" in sizes["a5"]
    poster = " ".join(text(built / "courses/hab/plakat-a4.pdf").split())
    assert poster.startswith("Testskolen Håb Et kursus om håb.")
    assert "Gratis." in poster
    assert "Undervises af en med egen erfaring sammen med en fagperson." in poster
    assert "Tilmeld dig på skolens formular: example.org/tilmelding" in poster.replace("/ ", "/")
    assert "test.example/courses/hab" in poster.replace("/ ", "/")
    arabic = " ".join(text(built / "ar/courses/hab/plakat-a5.pdf").split())
    assert "مجانًا" in arabic


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def test_a_poster_with_three_runs_and_a_long_address_is_still_one_sheet(project: Path):
    """A poster names up to three runs; with a title on two lines, a summary on three, each
    run at its own venue and a sign-up form's long address written out, it must still fit
    on the one sheet a peer worker pins up (the benchmark's courses made two in three A4
    posters run onto a second page)."""
    from recovery_college.engine.build import build_site

    course = (project / "content/da/courses/hab.md").read_text(encoding="utf-8")
    (project / "content/da/courses/angst.md").write_text(
        course.replace("title: Håb", "title: Angst og uro i hverdagen (2)").replace(
            "summary: Et kursus om håb.",
            "summary: Et kursus om at forstå angst og uro, og om de små ting, der kan gøre"
            " hverdagen lidt lettere, når angsten fylder meget.",
        ),
        encoding="utf-8",
    )
    term = project / "content/data/terms/2026-efteraar.yml"
    runs = "".join(
        f"""
  - id: angst-{n}
    course: angst
    venue: {venue}
    language: da
    sessions:
      weekly: {{first: 2026-11-{day}, count: 3}}
      start: "17:00"
      end: "19:30"
    educators:
      - {{name: Mette Holm, role: peer}}
      - {{name: Jonas Berg, role: professional}}
    signup:
      method: form
      link: https://eksempelby.dk/recoveryskolen/tilmelding?kursus=angst{n}efteraar2026hold{day}
"""
        for n, (venue, day) in enumerate((("huset", 24), ("kaelderen", 26), ("huset", 28)))
    )
    term.write_text(term.read_text(encoding="utf-8") + runs, encoding="utf-8")
    build_site(project)
    site = project / "site"
    for lang in ("", "en/", "ar/"):
        for size in ("a4", "a5"):
            assert pages(site / f"{lang}courses/angst/plakat-{size}.pdf") == 1, (lang, size)
    written = " ".join(text(site / "courses/angst/plakat-a4.pdf").split()).replace("/ ", "/")
    assert written.count("3 gange fra") == 3 and "kursus=angst0efteraar2026hold24" in written


def built_in_parts(project: Path, monkeypatch, **limits: int) -> tuple[Path, str]:
    """The fixture school built with the programme's limits lowered (prospectus.SPLIT_AT,
    PLACES_AT), and its autumn term page."""
    from recovery_college.courses import prospectus
    from recovery_college.engine.build import build_site

    for name, value in limits.items():  # the language builds are forked from here
        monkeypatch.setattr(prospectus, name, value)
    build_site(project)
    site = project / "site"
    return site, (site / "terms/2026-efteraar/index.html").read_text(encoding="utf-8")


FINISHED_IN_SEPTEMBER = """\
  - id: cafe-2026e-september
    course: cafe
    venue: huset
    sessions:
      dates: [2026-09-12]
      start: "10:00"
      end: "12:00"
    educators:
      - {name: Ali Kaya, role: peer}
    signup:
      method: drop-in
"""


def test_a_large_term_is_printed_month_by_month_as_tagged_pdfs(project: Path, monkeypatch):
    """A national school's term runs to hundreds of pages: each month is a programme of its
    own, so a reader takes this month's and one changed offering makes one month again."""
    autumn = project / "content/data/terms/2026-efteraar.yml"
    autumn.write_text(autumn.read_text("utf-8") + FINISHED_IN_SEPTEMBER, "utf-8")
    site, term = built_in_parts(project, monkeypatch, SPLIT_AT=1)
    # September's only run is over: no programme for it, though the term page lists the run.
    assert "12. september 2026" in term and not list(site.glob("terms/2026-efteraar/*-09.pdf"))
    assert (
        'Programmet som PDF til udskrift: <a href="prospectus-2026-11.pdf" '
        'type="application/pdf">November 2026</a>, <a href="prospectus-2026-12.pdf" '
        'type="application/pdf">December 2026</a>.'
    ) in " ".join(term.split())
    assert not (site / "terms/2026-efteraar/prospectus.pdf").exists()
    for path, month, other in (
        (site / "terms/2026-efteraar/prospectus-2026-11.pdf", "November 2026", "Håb"),
        (site / "terms/2026-efteraar/prospectus-2026-12.pdf", "December 2026", "Recovery-café"),
    ):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert re.search(rf"^Title:\s+Efterår 2026, {month}: Testskolen$", info, re.M)
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        flat = " ".join(text(path).split())
        assert "Her kan du få hjælp" in flat  # every month has the contact and help lines
        assert month in flat and other not in flat
    arabic = " ".join(text(site / "ar/terms/2026-efteraar/prospectus-2026-12.pdf").split())
    assert "Håb" in arabic


def test_a_large_month_is_printed_place_by_place_as_tagged_pdfs(project: Path, monkeypatch):
    """A national school's month has hundreds of offerings in many towns: each place gets its
    own programme, and the term page links them under their month."""
    site, term = built_in_parts(project, monkeypatch, SPLIT_AT=1, PLACES_AT=1)
    assert '<a href="udskrift/">Programmet som PDF til udskrift</a>' in term
    assert 'type="application/pdf"' not in term  # a national term has a hundred: on a page
    listing = (site / "terms/2026-efteraar/udskrift/index.html").read_text(encoding="utf-8")
    flat = " ".join(listing.split())
    assert "<h1>Efterår 2026: programmet til udskrift</h1>" in flat
    assert (
        '<h2>November 2026</h2> <ul> <li><a href="../prospectus-2026-11.pdf" '
        'type="application/pdf">November 2026</a></li> </ul> <h2>December 2026</h2> <ul> '
        '<li><a href="../prospectus-2026-12-huset.pdf" type="application/pdf">Huset</a></li> '
        '<li><a href="../prospectus-2026-12-online.pdf" type="application/pdf">Online</a></li>'
    ) in flat
    folder = site / "terms/2026-efteraar"
    assert not (folder / "prospectus-2026-12.pdf").exists()
    for place, here, elsewhere in (
        ("huset", "Lokale 1", "Aflyst"),
        ("online", "Aflyst", "Lokale 1"),
    ):
        path = folder / f"prospectus-2026-12-{place}.pdf"
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        name = {"huset": "Huset", "online": "Online"}[place]
        assert re.search(rf"^Title:\s+Efterår 2026, December 2026, {name}: Testskolen$", info, re.M)
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        flat = " ".join(text(path).split())
        assert "Her kan du få hjælp" in flat and here in flat and elsewhere not in flat
    arabic = (site / "ar/terms/2026-efteraar/udskrift/index.html").read_text(encoding="utf-8")
    assert "prospectus-2026-12-online.pdf" in arabic and "عبر الإنترنت" in arabic
    assert "البرنامج للطباعة" in arabic
