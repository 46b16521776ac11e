"""The benchmark: a large school generated from the example site, built and measured in one run.

DESIGN.md's performance budgets are measured here and never by a timed test: timings depend
on the machine, so the benchmark prints figures and ratios for a person to read, and compares
our HTML stage with plain Material for MkDocs rendering the same number of pages side by side.

The generated school reuses the repository's real content (theme, configs, data files, course
pages, session plans) and multiplies it: extra courses and session plans are copies of the
real ones under new slugs, and the offerings are spread over four terms and three venues so
that every check of `load_project` passes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.localserver import fetch, free_port, static_server

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# "Today" for every benchmark build: some offerings are over, some running, most to come.
BENCH_DAY = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
PAGE_BUDGET = 40 * 1024
SEARCH_BUDGET = 300 * 1024
QUERY = "håb"


@dataclass(frozen=True)
class TermSpec:
    id: str
    names: dict[str, str]
    starts: dt.date
    ends: dt.date


TERMS = (
    TermSpec(
        "2026-foraar",
        {"da": "Forår 2026", "en": "Spring 2026", "ar": "ربيع 2026"},
        dt.date(2026, 1, 12),
        dt.date(2026, 6, 19),
    ),
    TermSpec(
        "2026-efteraar",
        {"da": "Efterår 2026", "en": "Autumn 2026", "ar": "خريف 2026"},
        dt.date(2026, 8, 17),
        dt.date(2026, 12, 18),
    ),
    TermSpec(
        "2027-foraar",
        {"da": "Forår 2027", "en": "Spring 2027", "ar": "ربيع 2027"},
        dt.date(2027, 1, 11),
        dt.date(2027, 6, 18),
    ),
    TermSpec(
        "2027-efteraar",
        {"da": "Efterår 2027", "en": "Autumn 2027", "ar": "خريف 2027"},
        dt.date(2027, 8, 16),
        dt.date(2027, 12, 17),
    ),
)

PEERS = ("Louise Andersen", "Sofie Lund", "Lars Nielsen", "Amal Haddad", "Peter Holm", "Ida Berg")
PROFESSIONALS = ("Martin Frederiksen", "Henrik Madsen", "Camilla Jensen", "Nadia Karimi")
TIMES = (("10:00", "12:00"), ("13:00", "15:00"), ("15:00", "16:30"), ("17:00", "19:00"))


# --- generating the benchmark school -------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """How big the generated school is."""

    offerings: int = 1000
    courses: int = 100
    sessions: int = 60


def _front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"\A---\n(.*?\n)---\n", text, re.S)
    if not match:
        raise ValueError("a copied page has no front matter")
    return match.group(1), text[match.end() :]


def _retitle(text: str, suffix: str, series_suffix: str | None = None) -> str:
    """The same page under another name: its title (and series id) get a suffix."""
    front, body = _front_matter(text)
    front = re.sub(
        r'^title: "(.*)"$',
        lambda m: f'title: "{m.group(1)} {suffix}"',
        front,
        count=1,
        flags=re.M,
    )
    if series_suffix:
        front = re.sub(r"(series: \{id: )([\w-]+)", rf"\g<1>\g<2>{series_suffix}", front)
    front = re.sub(r"^source_hash: .*\n", "", front, flags=re.M)
    return f"---\n{front}---\n{body}"


def _copies(folder: str, languages: list[str], content: Path, total: int) -> int:
    """Copy the real pages of a folder under new slugs until there are `total` of them."""
    danish = sorted((content / "da" / folder).glob("*.md"))
    danish = [p for p in danish if p.name != "index.md"]
    count = len(danish)
    copy = 2
    while count < total:
        for page in danish:
            if count >= total:
                break
            slug = f"{page.stem}-{copy}"
            for lang in languages:
                source = content / lang / folder / page.name
                if source.exists():
                    text = _retitle(source.read_text(encoding="utf-8"), f"({copy})", f"-{copy}")
                    (content / lang / folder / f"{slug}.md").write_text(text, encoding="utf-8")
            count += 1
        copy += 1
    return count


def _offering(number: int, course: str, term: TermSpec, venues: list[dict]) -> dict:
    rng = random.Random(number)
    count = rng.choice((4, 6, 8, 10))
    latest_first = term.ends - dt.timedelta(days=7 * (count - 1))
    span = (latest_first - term.starts).days
    first = term.starts + dt.timedelta(days=rng.randrange(max(span, 1)))
    start, end = TIMES[number % len(TIMES)]
    offering: dict = {"id": f"{course}-{term.id}-{number}", "course": course}
    if number % 10 == 9:
        offering["online"] = True
    else:
        venue = venues[number % len(venues)]
        offering["venue"] = venue["id"]
        if venue.get("rooms"):
            offering["room"] = venue["rooms"][number % len(venue["rooms"])]
    offering["language"] = ("da", "da", "da", "da", "en", "ar")[number % 6]
    offering["sessions"] = {"weekly": {"first": first, "count": count}, "start": start, "end": end}
    offering["educators"] = [
        {"name": PEERS[number % len(PEERS)], "role": "peer"},
        {"name": PROFESSIONALS[number % len(PROFESSIONALS)], "role": "professional"},
    ]
    method = ("form", "form", "form", "email", "phone", "drop-in")[number % 6]
    if method != "drop-in":
        offering["capacity"] = 12
        offering["places_left"] = rng.randrange(13)
    signup: dict = {"method": method}
    if method == "form":
        signup["link"] = f"https://eksempelby.dk/recoveryskolen/tilmelding?kursus={offering['id']}"
    elif method == "email":
        signup["link"] = f"mailto:recoveryskolen@eksempelby.dk?subject={offering['id']}"
    elif method == "phone":
        signup["link"] = "tel:+4589998999"
    if method != "drop-in":
        signup["opens"] = term.starts - dt.timedelta(days=60)
        signup["closes"] = first - dt.timedelta(days=3)
    offering["signup"] = signup
    if number % 37 == 36:
        offering["status"] = "cancelled"
    return offering


def write_terms(data: Path, courses: list[str], offerings: int) -> None:
    """The offerings, spread evenly over the four terms, the courses and the venues."""
    venues = yaml.safe_load((data / "venues.yml").read_text(encoding="utf-8"))
    folder = data / "terms"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    per_term: dict[str, list[dict]] = {term.id: [] for term in TERMS}
    for number in range(offerings):
        term = TERMS[number % len(TERMS)]
        course = courses[(number // len(TERMS)) % len(courses)]
        per_term[term.id].append(_offering(number, course, term, venues))
    for term in TERMS:
        document = {
            "id": term.id,
            "name": term.names,
            "starts": term.starts,
            "ends": term.ends,
            "offerings": per_term[term.id],
        }
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
        header = f"# Generated by the benchmark: {len(per_term[term.id])} offerings.\n"
        (folder / f"{term.id}.yml").write_text(header + text, encoding="utf-8")


def generate(target: Path, scale: Scale = Scale(), source: Path = REPO) -> Path:
    """Write a complete school into `target` (which must not exist) and return it."""
    target.mkdir(parents=True)
    shutil.copytree(source / "theme", target / "theme")
    for config in sorted(source.glob("mkdocs*.yml")):
        shutil.copy2(config, target / config.name)
    content = target / "content"
    shutil.copytree(
        source / "content", content, ignore=shutil.ignore_patterns("terms", ".*", "*.pyc")
    )
    languages = sorted(p.name for p in content.iterdir() if p.is_dir() and p.name != "data")
    _copies("courses", languages, content, scale.courses)
    _copies("sessions", languages, content, scale.sessions)
    courses = sorted(
        p.stem for p in (content / "da" / "courses").glob("*.md") if p.name != "index.md"
    )
    write_terms(content / "data", courses, scale.offerings)
    return target


def change_one_offering(root: Path) -> str:
    """An editor's everyday change: the places left on one offering; returns the file name."""
    path = sorted((root / "content" / "data" / "terms").glob("*.yml"))[-1]
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(\s+places_left: )(\d+)$", text, re.M)
    if match is None:
        raise ValueError(f"{path}: no offering with places_left to change")
    new = (int(match.group(2)) + 1) % 13
    path.write_text(text[: match.start(2)] + str(new) + text[match.end(2) :], encoding="utf-8")
    return path.name


# --- the reference: plain Material for MkDocs ------------------------------------------------

WORDS = (
    *("recovery", "håb", "fællesskab", "kursus", "hverdag", "samtale", "gruppe", "underviser"),
    *("erfaring", "kommune", "støtte", "pause", "relation", "identitet", "mening", "krop"),
    *("søvn", "stemmer", "sorg", "krise", "plan", "netværk", "borger", "pårørende", "skridt"),
    *("trivsel", "ro", "tid", "aftale", "møde", "rum", "vej", "hjælp", "medarbejder"),
)


def reference_page(number: int, size: int = 12 * 1024) -> str:
    """About `size` bytes of ordinary Markdown: headings, paragraphs and a list."""
    rng = random.Random(number)
    parts = [f"# Side {number}\n"]
    length = len(parts[0])
    section = 0
    while length < size:
        section += 1
        block = [f"\n## Afsnit {section}\n"]
        for _ in range(3):
            sentence = " ".join(rng.choice(WORDS) for _ in range(60))
            block.append(f"\n{sentence.capitalize()}.\n")
        block.append(
            "\n" + "".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}\n" for _ in range(5))
        )
        text = "".join(block)
        parts.append(text)
        length += len(text.encode("utf-8"))
    return "".join(parts)


def generate_reference(target: Path, pages: int) -> Path:
    """A minimal Material site: `pages` Markdown pages, only the home page in the navigation."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(
        "site_name: Reference\ntheme:\n  name: material\nnav:\n  - index.md\n", encoding="utf-8"
    )
    (docs / "index.md").write_text(reference_page(0), encoding="utf-8")
    for number in range(1, pages):
        (docs / f"side-{number}.md").write_text(reference_page(number), encoding="utf-8")
    return target


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Timed:
    label: str
    seconds: float
    pdf_seconds: float | None = None
    pdf_rendered: int | None = None
    pdf_cached: int | None = None
    pdf_workers: int | None = None
    cpu_seconds: float = 0.0
    note: str = ""


@contextmanager
def cpu_clock() -> Iterator[list[float]]:
    """CPU seconds (this process and its finished children) spent inside the block."""
    result: list[float] = []

    def used() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    before = used()
    yield result
    result.append(used() - before)


def timed_build(label: str, root: Path, out: Path, *, force: bool = False) -> Timed:
    from recovery_college.engine.build import build_site

    with cpu_clock() as cpu:
        started = time.monotonic()
        report = build_site(root, out, force=force)
        seconds = time.monotonic() - started
    pdfs = getattr(report, "pdfs", None)
    result = Timed(label, seconds, cpu_seconds=cpu[0])
    if getattr(report, "up_to_date", False):
        result.note = "nothing built: the published site is up to date"
    elif pdfs is not None:
        result.pdf_seconds = getattr(pdfs, "seconds", None)
        result.pdf_rendered = getattr(pdfs, "rendered", None)
        result.pdf_cached = getattr(pdfs, "cached", None)
        result.pdf_workers = getattr(pdfs, "workers", None)
    return result


def time_pagefind(site: Path) -> float:
    """Pagefind indexing alone, run again on the built site into a throw-away folder."""
    scratch = "pagefind-bench"
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", scratch],
        capture_output=True,
        check=True,
    )
    seconds = time.monotonic() - started
    shutil.rmtree(site / scratch, ignore_errors=True)
    return seconds


def time_reference(root: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        check=True,
        cwd=root,
    )
    return time.monotonic() - started


@dataclass
class Sizes:
    pages: dict[str, int]

    @classmethod
    def of(cls, site: Path) -> Sizes:
        found = {}
        for path in site.rglob("*.html"):
            rel = path.relative_to(site).as_posix()
            if not rel.startswith("pagefind"):
                found[rel] = path.stat().st_size
        return cls(found)

    @property
    def largest(self) -> tuple[str, int]:
        rel = max(self.pages, key=lambda r: self.pages[r])
        return rel, self.pages[rel]

    @property
    def median(self) -> float:
        return statistics.median(self.pages.values())

    def over(self, limit: int) -> list[tuple[str, int]]:
        return sorted(((r, s) for r, s in self.pages.items() if s >= limit), key=lambda i: -i[1])


@dataclass
class SearchCost:
    home_index_requests: list[str] = field(default_factory=list)
    query_bytes: int = 0
    query_requests: int = 0
    results: int = 0
    ui_bytes: int = 0
    note: str = ""


def measure_search(site: Path, query: str = QUERY) -> SearchCost:
    """On a phone-sized screen: what the home page and the first query fetch from Pagefind."""
    cost = SearchCost()
    if not CHROMIUM.exists():
        cost.note = f"not measured: no Chromium at {CHROMIUM}"
        return cost
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cost.note = "not measured: Playwright is not installed (pip install -e '.[test]')"
        return cost
    with static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base + "/", wait_until="networkidle")
        cost.home_index_requests = [r.url for r in finished if "/pagefind/" in r.url]
        finished.clear()
        page.goto(f"{base}/search/?q={query}", wait_until="networkidle")
        page.wait_for_selector("#rc-search-status[data-done]", timeout=30_000)
        page.wait_for_load_state("networkidle")
        cost.results = page.locator("#rc-search-results > li").count()
        for request in finished:
            is_ui = request.url.endswith("/search.js")
            if "/pagefind/" not in request.url and not is_ui:
                continue
            size = request.sizes()["responseBodySize"]
            cost.query_bytes += size
            cost.query_requests += 1
            if is_ui:
                cost.ui_bytes += size
        browser.close()
    return cost


def measure_serve(root: Path, timeout: float = 120) -> tuple[float | None, str]:
    """Seconds from saving a term file to the served course page showing the change."""
    terms = sorted((root / "content" / "data" / "terms").glob("*.yml"))[-1]
    text = terms.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    offering = next(o for o in document["offerings"] if "notes" not in o)
    token = f"Benchmark note {os.getpid()}"
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "recovery_college.cli",
        "--root",
        str(root),
        "serve",
        "--address",
        f"127.0.0.1:{port}",
    ]
    log = root / "serve.log"
    with log.open("w") as output:
        # Its own process group: `recovery-college serve` starts MkDocs as a child of its own,
        # and stopping the group stops both.
        server = subprocess.Popen(
            command, cwd=root, stdout=output, stderr=output, env=env, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}/courses/{offering['course']}/"
    try:
        deadline = time.monotonic() + timeout
        while (page := fetch(url)) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                return None, f"the server did not start; see {log}"
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle after the first build
        line = f"  - id: {offering['id']}\n"
        if line not in text:
            return None, f"could not find the offering {offering['id']} in {terms.name}"
        changed = text.replace(line, f'{line}    notes: {{da: "{token}"}}\n', 1)
        started = time.monotonic()
        terms.write_text(changed, encoding="utf-8")
        while time.monotonic() - started < timeout:
            page = fetch(url)
            if page and token in page:
                return time.monotonic() - started, f"{terms.name} -> /courses/{offering['course']}/"
            time.sleep(0.05)
        return None, f"the change did not appear within {timeout:.0f} s; see {log}"
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        except ProcessLookupError:
            pass
        terms.write_text(text, encoding="utf-8")


def copy_example(source: Path, target: Path) -> Path:
    """The repository's own example site, copied so the editor's loop never touches it."""
    target.mkdir(parents=True)
    shutil.copytree(source / "theme", target / "theme")
    shutil.copytree(source / "content", target / "content")
    for config in sorted(source.glob("mkdocs*.yml")):
        shutil.copy2(config, target / config.name)
    return target


# --- the run and its report ------------------------------------------------------------------


def count_html(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if "pagefind" not in p.parts)


def peak_memory() -> tuple[int, int]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own // 1024, kids // 1024


@dataclass
class Results:
    """Everything one benchmark run measured; `report` turns it into text."""

    offerings: int
    small_offerings: int
    cold: Timed
    unchanged: Timed
    forced: Timed
    one_changed: Timed
    small: Timed
    pagefind_seconds: float
    reference_seconds: float
    reference_sizes: Sizes
    html_pages: int
    big_sizes: Sizes
    small_sizes: Sizes
    search: SearchCost
    serve_seconds: float | None
    serve_note: str
    memory: tuple[int, int]
    total_seconds: float = 0.0

    @property
    def html_seconds(self) -> float:
        """The HTML stage: all build_site does except rendering PDFs and Pagefind's indexing."""
        return self.cold.seconds - (self.cold.pdf_seconds or 0.0) - self.pagefind_seconds

    @property
    def html_ratio(self) -> float:
        return self.html_seconds / self.reference_seconds

    @property
    def pdf_cores(self) -> float:
        """Cores the cold PDF stage kept busy: the cold build's CPU time less the forced
        rebuild's (which did everything else and rendered nothing), over the PDF stage's time."""
        if not self.cold.pdf_seconds:
            return 0.0
        return max(self.cold.cpu_seconds - self.forced.cpu_seconds, 0) / self.cold.pdf_seconds

    @property
    def pdf_ratio(self) -> float | None:
        """The PDF stage of a rebuild with nothing changed, against the cold build's. It is
        measured on the forced rebuild: the ordinary one skips every stage."""
        cold, again = self.cold.pdf_seconds, self.forced.pdf_seconds
        return again / cold if cold and again is not None else None


def ratio_line(html_vs_material: float | None, pdf_rebuild_vs_cold: float | None) -> str:
    """The report's last line, read by scripts: two ratios with two decimals."""

    def show(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    return (
        f"ratio html_vs_material={show(html_vs_material)} "
        f"pdf_rebuild_vs_cold={show(pdf_rebuild_vs_cold)}"
    )


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def row(label: str, seconds: float | None, details: str) -> str:
    shown = f"{seconds:8.1f}" if seconds is not None else f"{'-':>8}"
    return f"{label:<42} {shown}  {details}"


def _build_rows(r: Results) -> list[str]:
    lines = []
    for build in (r.cold, r.unchanged, r.forced, r.one_changed, r.small):
        details = f"CPU {build.cpu_seconds:.0f} s = {build.cpu_seconds / build.seconds:.2f} cores"
        if build.pdf_seconds is not None:
            details += (
                f"; PDF stage {build.pdf_seconds:.1f} s: {build.pdf_rendered} rendered, "
                f"{build.pdf_cached} from cache"
            )
        if build.note:
            details += f"; {build.note}"
        lines.append(row(build.label, build.seconds, details))
    lines.append(row("  cold: Pagefind indexing", r.pagefind_seconds, "indexed again on its own"))
    lines.append(
        row(
            "  cold: HTML stage",
            r.html_seconds,
            "cold build minus PDF stage minus Pagefind: validation, 3 languages in 2 "
            "processes, calendars, feeds",
        )
    )
    if r.cold.pdf_seconds is None:
        lines.append(row("PDF stage alone", None, "not available yet"))
    else:
        lines.append(
            row(
                "PDF stage alone, cold",
                r.cold.pdf_seconds,
                f"{r.cold.pdf_rendered} PDFs in {r.cold.pdf_workers} worker processes",
            )
        )
        lines.append(
            row(
                "PDF stage alone, nothing changed",
                r.forced.pdf_seconds,
                f"{r.forced.pdf_rendered} rendered, {r.forced.pdf_cached} from cache "
                "(in the forced rebuild)",
            )
        )
    lines.append(
        row(
            "plain Material, pages outside the nav",
            r.reference_seconds,
            f"mkdocs build of {r.html_pages} pages (~12 KB Markdown each, only the home page "
            f"in the nav); median page {kb(r.reference_sizes.median)}",
        )
    )
    lines.append(row("editor: serve shows a term change", r.serve_seconds, r.serve_note))
    return lines


def _size_lines(r: Results) -> list[str]:
    lines = [f"HTML pages: {r.html_pages} at {r.offerings} offerings."]
    for sizes, offerings in ((r.small_sizes, r.small_offerings), (r.big_sizes, r.offerings)):
        rel, size = sizes.largest
        lines.append(
            f"  at {offerings:>4} offerings: largest {kb(size)} ({rel}), median "
            f"{kb(sizes.median)}, {len(sizes.over(PAGE_BUDGET))} of {len(sizes.pages)} pages "
            "of 40 KB or more"
        )
    lines += [
        f"    over 40 KB: {kb(size)} {rel}" for rel, size in r.big_sizes.over(PAGE_BUDGET)[:10]
    ]
    grown = sorted(
        (
            (r.big_sizes.pages[rel] - r.small_sizes.pages[rel], rel)
            for rel in r.big_sizes.pages
            if rel in r.small_sizes.pages
        ),
        reverse=True,
    )[:3]
    lines.append(
        "  grew most from the small to the big variant: "
        + ", ".join(f"{rel} +{kb(diff)}" for diff, rel in grown)
    )
    return lines


def _budget_lines(r: Results) -> list[str]:
    big, small = r.big_sizes.largest[1], r.small_sizes.largest[1]
    lines = [
        "Budgets (DESIGN.md):",
        f"  HTML stage at most 1.3 x plain Material: {r.html_ratio:.2f} x -> "
        f"{verdict(r.html_ratio <= 1.3)}",
        f"  every page under 40 KB: largest {kb(big)} -> {verdict(big < PAGE_BUDGET)}",
        f"  no page larger at {r.offerings} than at {r.small_offerings} offerings (largest page): "
        f"{kb(big)} vs {kb(small)} -> {verdict(big <= small)}",
    ]
    if r.cold.pdf_seconds is None:
        lines.append("  PDFs: not available yet")
    else:
        cores = min(2, os.cpu_count() or 1)
        used = r.pdf_cores
        lines += [
            f"  PDFs: cold build uses both cores: {r.cold.pdf_workers} worker processes, "
            f"busy {used:.2f} cores on average (estimated: CPU time of the cold build minus "
            f"that of the rebuild, over the PDF stage's time) -> "
            f"{verdict((r.cold.pdf_workers or 0) >= cores and used > 0.75 * cores)}",
            f"  PDFs: rebuild with nothing changed renders none: "
            f"{r.unchanged.pdf_rendered or 0} rendered, and {r.forced.pdf_rendered} when forced "
            f"-> {verdict(not r.unchanged.pdf_rendered and r.forced.pdf_rendered == 0)}",
            f"  rebuild with nothing changed under 10 % of the cold build: "
            f"{r.unchanged.seconds / r.cold.seconds * 100:.1f} % -> "
            f"{verdict(r.unchanged.seconds < 0.1 * r.cold.seconds)}; forced, whole build "
            f"{r.forced.seconds / r.cold.seconds * 100:.1f} %, its PDF stage "
            f"{(r.pdf_ratio or 0) * 100:.1f} % of the cold one -> "
            f"{verdict(r.pdf_ratio is not None and r.pdf_ratio < 0.1)}",
        ]
    if r.search.note:
        lines.append(f"  search: {r.search.note}")
    else:
        lines.append(
            f"  search: first query under 300 KB: {kb(r.search.query_bytes)} -> "
            f"{verdict(r.search.query_bytes < SEARCH_BUDGET)}; no index fetched without "
            f"searching: {verdict(not r.search.home_index_requests)}"
        )
    if r.serve_seconds is not None:
        lines.append(
            f"  editor: a term change shows within 2 s: {r.serve_seconds:.1f} s -> "
            f"{verdict(r.serve_seconds <= 2)}"
        )
    return lines


def report(r: Results) -> list[str]:
    """The printed report; its last line is `ratio_line`."""
    lines = [row("Measurement", None, "details").replace("       -", "seconds"), "-" * 100]
    lines += _build_rows(r)
    lines += ["", *_size_lines(r), ""]
    if r.search.note:
        lines.append(f"Search: {r.search.note}")
    else:
        lines.append(
            f"Search: the first query ('{QUERY}', phone screen) fetched "
            f"{kb(r.search.query_bytes)} in {r.search.query_requests} Pagefind requests "
            f"({kb(r.search.ui_bytes)} of it the search page's own script), "
            f"{r.search.results} results shown; the home page fetched "
            f"{len(r.search.home_index_requests)} Pagefind files."
        )
    own, child = r.memory
    lines.append(
        f"Peak memory of the builds: {own} MB in the benchmark process (it runs build_site), "
        f"{child} MB in the largest child process (a language build, PDF worker, Pagefind or "
        "MkDocs)."
    )
    lines.append(
        f"Total benchmark time: {r.total_seconds:.0f} s; load average at the end "
        f"{os.getloadavg()[0]:.1f}."
    )
    lines += ["", *_budget_lines(r), ratio_line(r.html_ratio, r.pdf_ratio)]
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--offerings", type=int, default=1000, help="offerings (default 1000)")
    parser.add_argument("--small", type=int, default=10, help="offerings in the small variant")
    parser.add_argument("--courses", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--work", help="keep the generated sites in this new folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement")
    parser.add_argument("--no-serve", action="store_true", help="skip the editor's loop")


def say(text: str = "") -> None:
    print(text, flush=True)


def measure(args: argparse.Namespace, work: Path) -> Results:
    from recovery_college.assembly import load_project
    from recovery_college.courses.models import Catalogue
    from recovery_college.ideas.booklet import Ideas

    started = time.monotonic()
    big = generate(work / "big", Scale(args.offerings, args.courses, args.sessions))
    small = generate(work / "small", Scale(args.small, args.courses, args.sessions))
    project = load_project(big)
    catalogue, ideas = project.part(Catalogue), project.find(Ideas)
    say(
        f"Generated {args.offerings} offerings over {len(catalogue.terms)} terms and "
        f"{len(catalogue.venues)} venues, {args.courses} courses, {args.sessions} "
        f"session plans, {len(ideas.all()) if ideas else 0} ideas in "
        f"{', '.join(lang.code for lang in project.languages)}: valid content."
    )
    big_out = work / "big-site"
    cold = timed_build("cold build", big, big_out)
    say(f"  cold build: {cold.seconds:.1f} s")
    pagefind_seconds = time_pagefind(big_out)
    unchanged = timed_build("rebuild, nothing changed", big, big_out)
    say(f"  rebuild: {unchanged.seconds:.1f} s")
    forced = timed_build("rebuild, nothing changed, --force", big, big_out, force=True)
    forced.note = "every language and the index built again; PDFs from the cache"
    say(f"  forced rebuild: {forced.seconds:.1f} s")
    changed = change_one_offering(big)
    one = timed_build("rebuild, one offering changed", big, big_out)
    one.note = f"places_left in {changed}"
    say(f"  rebuild after one change: {one.seconds:.1f} s")
    html_pages = count_html(big_out)
    reference = generate_reference(work / "reference", html_pages)
    reference_seconds = time_reference(reference)
    say(f"  plain Material: {reference_seconds:.1f} s")
    # The small variant is built for its page sizes only; the handouts it shares with the big
    # one come from a copy of the big one's PDF cache, to keep the benchmark short.
    if (big / ".cache" / "pdf").is_dir():
        shutil.copytree(big / ".cache" / "pdf", small / ".cache" / "pdf", dirs_exist_ok=True)
    small_out = work / "small-site"
    small_build = timed_build(f"small variant ({args.small} offerings)", small, small_out)
    small_build.note = "PDF cache copied from the big one"
    memory = peak_memory()  # before Chromium runs: it is not part of the build
    search = SearchCost(note="not measured (--no-browser)")
    if not args.no_browser:
        search = measure_search(big_out)
    serve_seconds, serve_note = None, "not measured (--no-serve)"
    if not args.no_serve:
        serve_seconds, serve_note = measure_serve(copy_example(REPO, work / "editor"))
    return Results(
        offerings=args.offerings,
        small_offerings=args.small,
        cold=cold,
        unchanged=unchanged,
        forced=forced,
        one_changed=one,
        small=small_build,
        pagefind_seconds=pagefind_seconds,
        reference_seconds=reference_seconds,
        reference_sizes=Sizes.of(reference / "site"),
        html_pages=html_pages,
        big_sizes=Sizes.of(big_out),
        small_sizes=Sizes.of(small_out),
        search=search,
        serve_seconds=serve_seconds,
        serve_note=serve_note,
        memory=memory,
        total_seconds=time.monotonic() - started,
    )


def run(args: argparse.Namespace) -> int:
    os.environ["SOURCE_DATE_EPOCH"] = str(int(BENCH_DAY.timestamp()))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.work:
        work = Path(args.work).resolve()
        work.mkdir(parents=True)
    else:
        scratch = tempfile.TemporaryDirectory(prefix="rc-bench-")
        work = Path(scratch.name)
    say(
        f"Benchmark in {work} ({os.cpu_count()} cores, 'today' is {BENCH_DAY.date()}, "
        f"load average {os.getloadavg()[0]:.1f}: other work on the machine skews the timings)."
    )
    try:
        results = measure(args, work)
    finally:
        if not args.work:
            scratch.cleanup()
    say()
    for line in report(results):
        say(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
