"""What a peer worker prints from the browser: a session plan's facilitator page on at most
three A4 pages, measured with Chromium's own print to PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def origin(example_site):
    yield from serve(example_site)


def printed_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )


def test_every_facilitator_page_prints_on_at_most_three_a4_pages(
    example_site: Path, origin: str, page, tmp_path: Path
):
    plans = sorted(
        p.parent.relative_to(example_site).as_posix()
        for p in example_site.rglob("sessions/*/index.html")
    )
    assert len(plans) >= 36  # twelve plans in three languages
    too_long = []
    for plan in plans:
        page.goto(f"{origin}/{plan}/")
        target = tmp_path / (plan.replace("/", "_") + ".pdf")
        page.pdf(path=str(target), format="A4")
        if (count := printed_pages(target)) > 3:
            too_long.append(f"/{plan}/: {count} pages")
    assert too_long == []
