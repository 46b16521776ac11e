"""The PDF stage on its own: any feature's jobs, the cache, and the files WeasyPrint may read."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from recovery_college.outputs import pdf
from support import REPO

DOCUMENT = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="fonts.css"></head>
<body><h1>{title}</h1><p>{body}</p></body></html>"""

POSTER = """<!DOCTYPE html>
<html lang="da" dir="ltr"><head><meta charset="utf-8"><title>Håb og retning</title>
<link rel="stylesheet" href="fonts.css">
<link rel="stylesheet" href="poster.css">
</head><body><h1>Håb og retning</h1>
<p>Et kursus for alle, der vil komme sig. Gratis, uden henvisning.</p>
<p lang="ar" dir="rtl">دورة للجميع، مجانية وبدون إحالة.</p></body></html>"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with only the print templates and fonts."""
    shutil.copytree(REPO / "theme" / "pdf", tmp_path / "theme" / "pdf")
    return tmp_path


def job(title: str, body: str = "Hej", output: str = "cards/deck.pdf") -> pdf.PdfJob:
    return pdf.PdfJob(
        html=DOCUMENT.format(title=title, body=body),
        base="theme/pdf",
        output=output,
        inputs=("theme/pdf/fonts.css", "theme/pdf/fonts/NotoSans-Regular.ttf"),
        label=f"test: {title}",
    )


def test_any_feature_can_stage_jobs_for_the_pdf_stage(root, tmp_path):
    """The extension point: a feature's post_build stages jobs; the driver renders them."""
    out = tmp_path / "out" / "da"
    pdf.stage_jobs(out, "cards", [job("Kortspil"), job("Andet", output="b.pdf")])
    report = pdf.render_staged(root, [out])
    assert (report.rendered, report.cached) == (2, 0)
    assert report.cpu > 0  # the workers' CPU time, which the benchmark adds to the build's
    assert (out / "cards" / "deck.pdf").read_bytes().startswith(b"%PDF")
    assert not (out / pdf.STAGED).exists()  # the staged jobs are not published
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out / "cards" / "deck.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert "Kortspil" in text
    pdf.stage_jobs(out, "cards", [job("Kortspil"), job("Andet", output="b.pdf")])
    again = pdf.render_staged(root, [out])
    assert (again.rendered, again.cached) == (0, 2)
    assert again.cpu == 0
    assert (root / ".cache" / "pdf").is_dir() and len(list((root / ".cache/pdf").iterdir())) == 2


def test_languages_hand_over_their_documents_one_by_one_and_share_equal_ones(root, tmp_path):
    """As each language is built its documents start; one the languages share is made once."""
    da, en = tmp_path / "out" / "da", tmp_path / "out" / "en"
    pdf.stage_jobs(da, "cards", [job("Fælles"), job("Kun dansk", output="da.pdf")])
    pdf.stage_jobs(en, "cards", [job("Fælles")])
    with pdf.PdfStage(root) as stage:
        stage.add_staged(da)
        stage.add_staged(en)
        report = stage.finish()
    assert (report.rendered, report.cached) == (3, 0)
    assert len(list((root / ".cache" / "pdf").glob("*.pdf"))) == 2
    shared = [out / "cards" / "deck.pdf" for out in (da, en)]
    assert shared[0].read_bytes() == shared[1].read_bytes()
    assert shared[0].read_bytes().startswith(b"%PDF")
    assert (da / "da.pdf").read_bytes().startswith(b"%PDF")


def test_cache_key_follows_html_and_input_files(root):
    keys = pdf.Keys(root)
    assert keys.key(job("A")) == pdf.Keys(root).key(job("A"))
    assert keys.key(job("A")) != keys.key(job("B"))
    before = keys.key(job("A"))
    (root / "theme/pdf/fonts.css").write_text("/* changed */", encoding="utf-8")
    assert pdf.Keys(root).key(job("A")) != before


def test_documents_wait_for_a_free_core_and_start_longest_first(root, tmp_path):
    """While the languages take both cores no PDF worker starts; then the longest document
    goes first, so a long programme does not start last and keep one core busy alone. The
    HTML waits in a file, not in the build's memory."""
    long_one = job("Lang", body="ord " * 5000, output="lang.pdf")
    middle = job("Mellem", body="x" * 900, output="mellem.pdf")
    short = job("Kort", output="kort.pdf")
    out = tmp_path / "out"
    with pdf.PdfStage(root, workers=1) as stage:
        stage.allow(0)
        stage.add([(short, out / "kort.pdf"), (long_one, out / "lang.pdf")])
        stage.add([(middle, out / "mellem.pdf")])
        assert stage._pool is None and not stage.futures  # no worker while no core is free
        assert all(item.job.html == "" for item in stage.pending.values())
        waiting = sorted(stage._waiting)
        report = stage.finish()
    started = [stage.pending[key].job.output for _size, _order, key in waiting]
    assert started == ["lang.pdf", "mellem.pdf", "kort.pdf"]
    assert list(stage.futures) == [key for _size, _order, key in waiting]  # in that order
    assert report.rendered == 3 and all((out / name).is_file() for name in started)
    assert not list((root / ".cache" / "pdf").glob("waiting-*"))  # the HTML files are gone


def test_the_workers_collect_reference_cycles_less_often_than_the_build(root):
    """Laying out a document makes hundreds of thousands of objects (`pdf.YOUNG_OBJECTS`);
    the build's own process keeps Python's default."""
    import gc

    with pdf.PdfStage(root, workers=1) as stage:
        in_worker = stage._workers().submit(gc.get_threshold).result()
    assert in_worker[0] == pdf.YOUNG_OBJECTS != gc.get_threshold()[0]


def test_a_job_may_not_write_outside_the_site(root, tmp_path):
    out = tmp_path / "out"
    pdf.stage_jobs(out, "bad", [job("X", output="../../escape.pdf")])
    with pytest.raises(pdf.PdfFailed, match="not a PDF inside the site"):
        pdf.render_staged(root, [out])


def info(document: Path) -> str:
    return subprocess.run(["pdfinfo", str(document)], capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")
def test_a_posters_flyer_is_the_same_page_shrunk_to_a5_and_cached_with_it(root, tmp_path):
    """A flyer is the poster's own layout written a second time, smaller: the same words and
    tags on an A5 sheet, for the price of writing one more file."""
    poster = pdf.PdfJob(
        html=POSTER,
        base="theme/pdf",
        output="courses/hab/plakat-a4.pdf",
        inputs=("theme/pdf/poster.css",),
        a5_copy="plakat-a5.pdf",
    )
    out = tmp_path / "out"
    a4, a5 = out / "courses/hab/plakat-a4.pdf", out / "courses/hab/plakat-a5.pdf"
    pdf.stage_jobs(out, "posters", [poster])
    assert (pdf.render_staged(root, [out]).rendered, a5.is_file()) == (2, True)
    assert "Page size:       595.276 x 841.89 pts" in info(a4)
    assert "Page size:       419.528 x 595.276 pts" in info(a5)  # A5, to the point
    assert re.search(r"^Tagged:\s+yes$", info(a5), re.M)
    words = [
        subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True).stdout.split()
        for f in (a4, a5)
    ]
    assert words[0] == words[1] and "retning" in words[1]
    a4.unlink()
    a5.unlink()
    pdf.stage_jobs(out, "posters", [poster])
    assert pdf.render_staged(root, [out]).cached == 2 and a4.is_file() and a5.is_file()
    pdf.stage_jobs(out, "posters", [replace(poster, a5_copy="../plakat.pdf")])
    with pytest.raises(pdf.PdfFailed, match="not a PDF's name beside it"):
        pdf.render_staged(root, [out])


def test_fetcher_refuses_other_hosts_and_files_outside_the_project(root, tmp_path):
    inside = root / "theme/pdf/fonts.css"
    assert pdf.project_file(root, inside.as_uri()) == inside.resolve()
    for url in (
        "https://example.org/font.ttf",
        "http://127.0.0.1/style.css",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file://example.org/etc/hostname",
    ):
        with pytest.raises(pdf.RefusedUrl, match="not other hosts"):
            pdf.project_file(root, url)
    outside = tmp_path.parent / "secret.css"
    outside.write_text("body {}", encoding="utf-8")
    for url in (outside.as_uri(), (root / "theme/pdf/../../../secret.css").as_uri()):
        with pytest.raises(pdf.RefusedUrl, match="outside the project"):
            pdf.project_file(root, url)
    fetcher = pdf.make_fetcher(root)
    assert fetcher.fetch(inside.as_uri()).read().startswith(b"/*")
    with pytest.raises(pdf.RefusedUrl):
        fetcher.fetch("https://example.org/font.ttf")


def test_a_document_asking_for_another_host_fails_with_its_name(root, tmp_path):
    bad = pdf.PdfJob(
        html='<html lang="da"><head><title>T</title>'
        '<link rel="stylesheet" href="https://example.org/x.css"></head><body>x</body></html>',
        base="theme/pdf",
        output="bad.pdf",
        label="handout nowhere",
    )
    with pytest.raises(pdf.PdfFailed) as caught:
        pdf.render_jobs(root, [(bad, tmp_path / "bad.pdf")])
    assert "handout nowhere: https://example.org/x.css" in str(caught.value)
    assert "not other hosts" in str(caught.value)
    assert not (tmp_path / "bad.pdf").exists()
    assert not list((root / ".cache" / "pdf").glob("*.pdf"))


def test_a_worker_prints_with_its_loaded_stylesheets_as_a_fresh_one_would(root, tmp_path):
    """The worker keeps the parsed stylesheets and fonts between documents: the PDF is the
    one WeasyPrint makes from scratch, and a stylesheet changed on disk is read again."""
    from weasyprint import HTML

    html = POSTER
    base = root / "theme" / "pdf"
    fresh = tmp_path / "fresh.pdf"
    HTML(string=html, base_url=f"{base}/", url_fetcher=pdf.make_fetcher(root)).write_pdf(
        fresh, pdf_variant=pdf.VARIANT
    )
    engine = pdf.PrintEngine(root)
    for name in ("first.pdf", "again.pdf"):
        engine.render(html, "theme/pdf", tmp_path / name)
        assert (tmp_path / name).read_bytes() == fresh.read_bytes()

    sheet = base / "poster.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nh1 { display: none }\n")
    engine.render(html, "theme/pdf", tmp_path / "changed.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "changed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Håb og retning" not in text
    assert (
        "Håb og retning"
        in subprocess.run(["pdftotext", str(fresh), "-"], capture_output=True, text=True).stdout
    )


def test_a_qr_code_is_made_once_and_kept_between_builds(tmp_path):
    import base64

    from recovery_college.outputs.qr import qr_code

    made = qr_code("https://example.org/courses/hab/", "QR-kode: <kurset>", tmp_path)
    (entry,) = (tmp_path / ".cache" / "qr").glob("*.png")
    # The image is in the document (no address that names the project's folder); the label,
    # its text for screen readers, is escaped.
    image = base64.b64encode(entry.read_bytes()).decode("ascii")
    assert made == (
        f'<img class="qr-code" src="data:image/png;base64,{image}" alt="QR-kode: &lt;kurset&gt;">'
    )
    entry.write_bytes(b"kept")  # what the next build finds is used, not made again
    kept = qr_code("https://example.org/courses/hab/", "QR", tmp_path)
    assert kept is not None and base64.b64encode(b"kept").decode("ascii") in kept
    qr_code("https://example.org/courses/x/", "QR", tmp_path)
    assert len(list((tmp_path / ".cache" / "qr").glob("*.png"))) == 2
    assert qr_code("courses/hab/", "QR-kode", tmp_path) is None  # no public address
