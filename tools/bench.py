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
import json
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
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tools.localserver import fetch, free_port, static_server

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# "Today" for every benchmark build: some offerings are over, some running, most to come.
BENCH_DAY = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
QUERY = "håb"

# DESIGN.md's budgets, each printed beside its figure with "ok" or "MISSED".
PAGE_BUDGET = 40 * 1024  # every HTML page, before compression, at any scale
SEARCH_BUDGET = 100 * 1024  # the first search query
HOME_BUDGET = 150 * 1024  # a first visit to the (Danish) home page
COLD_BUDGET = 60.0  # seconds, the cold build at benchmark scale
ONE_CHANGE_BUDGET = 5.0  # seconds, one changed offering rebuilt and ready to publish
HTML_RATIO_BUDGET = 1.3  # the HTML stage against plain Material
SERVE_BUDGET = 1.0  # seconds from saving a term file to `serve` showing it
MEMORY_BUDGET = 1024  # MB at the national scale
NATIONAL = 10_000  # offerings in the national option


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
    venues: int = 0  # extra venues besides the example's own (the national option has many)


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


def write_venues(data: Path, extra: int) -> None:
    """`extra` more venues, copies of the example's under new names in other towns."""
    if extra <= 0:
        return
    path = data / "venues.yml"
    venues = yaml.safe_load(path.read_text(encoding="utf-8"))
    for number in range(extra):
        model = dict(venues[number % 3])
        town = f"By {number + 1}"
        model["id"] = f"sted-{number + 1}"
        model["name"] = f"{model['name']} ({town})"
        model["address"] = {**model["address"], "city": town}
        venues.append(model)
    text = yaml.safe_dump(venues, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


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
    write_venues(content / "data", scale.venues)
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
    pdf_tail: float = 0.0  # of the PDF stage, the part after the pages were done (built, and
    # checked where the check runs beside the PDFs: PdfReport.tail)
    pdf_rendered: int | None = None
    pdf_cached: int | None = None
    pdf_workers: int | None = None
    cpu_seconds: float = 0.0
    note: str = ""
    memory: tuple[int, int] | None = None  # MB: the build's driver, its largest child


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
    """A build as staff and the publishing pipelines run one: `recovery-college build` in a
    new process, its start, its imports and its reading of the project included (measured in
    one process, one after another, the builds after the first found the project parsed, and
    the PDF workers' fork server running: a rebuild after one change read 12.5 s where a new
    process took 14.9 to 15.7 s). The rebuilds of one long-lived process, the preview's, are
    `measure_serve`'s."""
    command = [sys.executable, "-m", "tools.bench", "--one-build", str(root), str(out)]
    with cpu_clock() as cpu:
        started = time.monotonic()
        result = subprocess.run(
            [*command, *(["--force"] if force else [])],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            check=False,
        )
        seconds = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"{label} failed:\n{result.stdout}{result.stderr}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # The PDF workers start from a fork server (outputs/pdf.py), not as the build's children,
    # so the count of the build's finished children's CPU leaves them out: they report it.
    timed = Timed(label, seconds, cpu_seconds=cpu[0] + found["pdf_cpu"], memory=found["memory"])
    if found["up_to_date"]:
        timed.note = "nothing built: the published site is up to date"
    elif found["pdf_seconds"] is not None:
        timed.pdf_seconds = found["pdf_seconds"]
        timed.pdf_tail = found["pdf_tail"]
        timed.pdf_rendered = found["pdf_rendered"]
        timed.pdf_cached = found["pdf_cached"]
        timed.pdf_workers = found["pdf_workers"]
    return timed


def one_build(root: Path, out: Path, force: bool) -> dict:
    """In the build's own process (`timed_build`): the build, and what its report says."""
    from recovery_college.engine.build import build_site

    report = build_site(root, out, force=force)
    pdfs = report.pdfs
    return {
        "up_to_date": report.up_to_date,
        "pdf_seconds": getattr(pdfs, "seconds", None),
        "pdf_tail": getattr(pdfs, "tail", 0.0),
        "pdf_rendered": getattr(pdfs, "rendered", None),
        "pdf_cached": getattr(pdfs, "cached", None),
        "pdf_workers": getattr(pdfs, "workers", None),
        "pdf_cpu": getattr(pdfs, "cpu", 0.0),
        "memory": peak_memory(),
    }


def builds_memory(*builds: Timed) -> tuple[int, int]:
    """The most any of these builds' drivers held, and the most any of their children did."""
    measured = [build.memory for build in builds if build.memory]
    return (max((m[0] for m in measured), default=0), max((m[1] for m in measured), default=0))


def time_reference(root: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        check=True,
        cwd=root,
    )
    return time.monotonic() - started


def timed_offline(root: Path, site: Path, archive: Path) -> tuple[float | None, str]:
    """The offline copy that the publishing pipelines make after every build, before they
    publish (`recovery-college offline`, .github/workflows/publish.yml): a new process, as
    there. After one change it is part of the wait for the edit to be online."""
    command = [sys.executable, "-m", "recovery_college.cli", "--root", str(root), "offline"]
    started = time.monotonic()
    result = subprocess.run(
        [*command, "--site", str(site), "--out", str(archive)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        return None, f"failed: {(result.stderr or result.stdout).strip()[-300:]}"
    size = archive.stat().st_size / 1_000_000
    return seconds, f"site-offline.zip, {size:.1f} MB, made by the pipelines after each build"


@dataclass
class Sizes:
    pages: dict[str, int]

    @classmethod
    def of(cls, site: Path) -> Sizes:
        found = {}
        for path in site.rglob("*.html"):
            rel = path.relative_to(site).as_posix()
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
    home_bytes: int = 0  # everything a first visit to the home page fetched
    home_requests: int = 0
    # The query's bytes by kind of file ("entry.json", "word files", "page files", "search.js").
    by_kind: dict[str, int] = field(default_factory=dict)


def search_file_kind(url: str) -> str:
    """What a search request fetched: the index's entry, a word file or a result's page file
    (outputs/searchindex.py), or the file's name."""
    parts = urlsplit(url).path.split("/")
    if "searchindex" in parts and len(parts) > parts.index("searchindex") + 2:
        return "page files" if parts[-1].startswith("p") else "word files"
    return parts[-1]


def measure_search(site: Path, query: str = QUERY) -> SearchCost:
    """On a phone-sized screen: what the home page and the first query fetch of the search."""
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
        cost.home_index_requests = [r.url for r in finished if "/searchindex/" in r.url]
        cost.home_requests = len(finished)
        cost.home_bytes = sum(r.sizes()["responseBodySize"] for r in finished)
        finished.clear()
        page.goto(f"{base}/search/?q={query}", wait_until="networkidle")
        page.wait_for_selector("#rc-search-status[data-done]", timeout=30_000)
        page.wait_for_load_state("networkidle")
        cost.results = page.locator("#rc-search-results > li").count()
        for request in finished:
            is_ui = request.url.endswith("/search.js")
            if "/searchindex/" not in request.url and not is_ui:
                continue
            size = request.sizes()["responseBodySize"]
            cost.query_bytes += size
            cost.query_requests += 1
            kind = search_file_kind(request.url)
            cost.by_kind[kind] = cost.by_kind.get(kind, 0) + size
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
    return sum(1 for _ in site.rglob("*.html"))


def peak_memory() -> tuple[int, int]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own // 1024, kids // 1024


class MemorySampler:
    """The most memory this process and all its descendants held at once, in MB.

    Every 0.2 s it adds up the proportional set size (Pss, /proc/<pid>/smaps_rollup) of the
    process tree: a page that forked processes share is counted once in all, so the sum is
    what the build took from the machine. The language builds, the PDF workers (which now
    start while the last language builds) are all in it.
    """

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> int:
        return self.peak_kb // 1024

    def _run(self) -> None:
        while True:
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(os.getpid())))
            if self._stop.wait(self.interval):
                return


def _tree(root: int) -> list[int]:
    """The process and its descendants, from each process's parent in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match[1]) if match else 0


def memory_bound(memory: tuple[int, int]) -> int:
    """Peak memory of a build, at most: the driver plus as many of its largest child as run
    at once (the language builds, then the PDF workers, one per core)."""
    own, child = memory
    return own + min(2, os.cpu_count() or 1) * child


# --- the national option: 10,000 offerings, built in a process of its own ---------------------


@dataclass
class National:
    """The national option's figures: a cold build and a one-change rebuild, measured in a
    child process so its peak memory is its own."""

    offerings: int
    cold: Timed
    one_changed: Timed
    memory: tuple[int, int]  # MB: the build's driver, its largest child
    sizes: Sizes
    memory_peak: int = 0  # MB: the most the build's processes held at once (MemorySampler)

    def growth(self, base_offerings: int, base: Timed, big: Timed) -> float:
        """How a build's cost grew against the offerings: 1.0 is linear, below 1 better than
        linear. The cost is CPU time (of the build and its children): unlike the time on the
        clock, it does not grow when other work on a shared machine takes cores away."""
        if not base.cpu_seconds:
            return float("inf")
        return (big.cpu_seconds / base.cpu_seconds) / (self.offerings / base_offerings)


def national_scale(offerings: int) -> Scale:
    """A national school: ten courses and one venue for every 500 offerings."""
    return Scale(offerings, courses=max(100, offerings // 50), sessions=60, venues=offerings // 500)


def child_builds(root: Path, out: Path) -> dict:
    """In the child process: a cold build, then one offering changed and built again."""
    with MemorySampler() as sampler:
        cold = timed_build("national: cold build", root, out)
        changed = change_one_offering(root)
        one = timed_build("national: one offering changed", root, out)
    one.note = f"places_left in {changed}"
    return {
        "cold": asdict(cold),
        "one_changed": asdict(one),
        "memory": builds_memory(cold, one),
        "memory_peak": sampler.peak_mb,
    }


def measure_national(work: Path, offerings: int) -> National:
    root = generate(work / "national", national_scale(offerings))
    out = work / "national-site"
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--child-builds", str(root), str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the national builds failed:\n{result.stdout}{result.stderr}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return National(
        offerings=offerings,
        cold=Timed(**found["cold"]),
        one_changed=Timed(**found["one_changed"]),
        memory=tuple(found["memory"]),
        sizes=Sizes.of(out),
        memory_peak=found.get("memory_peak", 0),
    )


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
    reference_seconds: float
    reference_sizes: Sizes
    html_pages: int
    big_sizes: Sizes
    small_sizes: Sizes
    search: SearchCost
    serve_seconds: float | None
    serve_note: str
    memory: tuple[int, int]
    offline_seconds: float | None = None  # the offline copy after the one change
    offline_note: str = "not measured"
    total_seconds: float = 0.0
    memory_peak: int = 0  # MB: the most the builds' processes held at once (MemorySampler)
    national: National | None = None

    @property
    def html_seconds(self) -> float:
        """The HTML stage: all build_site does except rendering PDFs. The PDFs of the
        languages built first are rendered while the last one builds, and a smaller school's
        last ones while its links are checked; that time is the HTML stage's, and only the
        PDF stage after the pages were done is taken off."""
        return self.cold.seconds - self.cold.pdf_tail

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

    @property
    def one_change_ratio(self) -> float:
        """The rebuild after one changed offering against the cold build."""
        return self.one_changed.seconds / self.cold.seconds


def ratio_line(
    html_vs_material: float | None,
    pdf_rebuild_vs_cold: float | None,
    one_change_vs_cold: float | None = None,
) -> str:
    """The report's last line, read by scripts: three ratios with two decimals."""

    def show(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    return (
        f"ratio html_vs_material={show(html_vs_material)} "
        f"pdf_rebuild_vs_cold={show(pdf_rebuild_vs_cold)} "
        f"one_change_vs_cold={show(one_change_vs_cold)}"
    )


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def budget(label: str, figure: str, ok: bool) -> str:
    """One budget line: what is judged, the figure, and ok or MISSED."""
    return f"  {label}: {figure} -> {verdict(ok)}"


def row(label: str, seconds: float | None, details: str) -> str:
    shown = f"{seconds:8.1f}" if seconds is not None else f"{'-':>8}"
    return f"{label:<42} {shown}  {details}"


def _build_row(build: Timed) -> str:
    details = f"CPU {build.cpu_seconds:.0f} s = {build.cpu_seconds / build.seconds:.2f} cores"
    if build.pdf_seconds is not None:
        details += (
            f"; PDF stage {build.pdf_seconds:.1f} s ({build.pdf_tail:.1f} s after the pages "
            f"were done): {build.pdf_rendered} rendered, {build.pdf_cached} from cache"
        )
    if build.note:
        details += f"; {build.note}"
    return row(build.label, build.seconds, details)


def _build_rows(r: Results) -> list[str]:
    lines = [_build_row(build) for build in (r.cold, r.unchanged, r.forced, r.one_changed, r.small)]
    lines.append(
        row(
            "  cold: HTML stage",
            r.html_seconds,
            "cold build minus the PDF stage after the pages were done: validation, 3 languages "
            "in a process each, calendars, feeds, search indexes, link check",
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
    lines.append(row("offline copy after the one change", r.offline_seconds, r.offline_note))
    if r.national:
        lines += [_build_row(r.national.cold), _build_row(r.national.one_changed)]
    return lines


def _size_lines(r: Results) -> list[str]:
    lines = [f"HTML pages: {r.html_pages} at {r.offerings} offerings."]
    measured = [(r.small_sizes, r.small_offerings), (r.big_sizes, r.offerings)]
    if r.national:
        measured.append((r.national.sizes, r.national.offerings))
    for sizes, offerings in measured:
        rel, size = sizes.largest
        lines.append(
            f"  at {offerings:>5} offerings: largest {kb(size)} ({rel}), median "
            f"{kb(sizes.median)}, {len(sizes.over(PAGE_BUDGET))} of {len(sizes.pages)} pages "
            "of 40 KB or more"
        )
        lines += [f"    over 40 KB: {kb(size)} {rel}" for rel, size in sizes.over(PAGE_BUDGET)[:10]]
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


def _pdf_budget_lines(r: Results) -> list[str]:
    if r.cold.pdf_seconds is None:
        return ["  PDFs: not available yet"]
    cores = min(2, os.cpu_count() or 1)
    used = r.pdf_cores
    return [
        budget(
            "PDFs: cold build keeps both cores busy",
            f"{r.cold.pdf_workers} worker processes, busy {used:.2f} cores on average "
            "(CPU time of the cold build minus that of the forced rebuild, over the PDF "
            "stage's time)",
            (r.cold.pdf_workers or 0) >= cores and used > 0.75 * cores,
        ),
        budget(
            "PDFs: rebuild with nothing changed renders none",
            f"{r.unchanged.pdf_rendered or 0} rendered, and {r.forced.pdf_rendered} when forced",
            not r.unchanged.pdf_rendered and r.forced.pdf_rendered == 0,
        ),
    ]


def _reader_budget_lines(r: Results) -> list[str]:
    if r.search.note:
        return [f"  search and home page: {r.search.note}"]
    return [
        budget(
            "first search query at most 100 KB",
            kb(r.search.query_bytes),
            r.search.query_bytes <= SEARCH_BUDGET,
        ),
        budget(
            "no search index fetched without searching",
            f"{len(r.search.home_index_requests)} index files on the home page",
            not r.search.home_index_requests,
        ),
        budget(
            "first visit to the Danish home page at most 150 KB",
            f"{kb(r.search.home_bytes)} in {r.search.home_requests} requests",
            r.search.home_bytes <= HOME_BUDGET,
        ),
    ]


def _memory_budget(label: str, memory: tuple[int, int], peak: int) -> str:
    """Judged by the measured peak of all the build's processes together when there is one,
    else by the bound from the driver and its largest child."""
    if peak:
        return budget(
            label, f"{peak} MB (all the build's processes at once)", peak <= MEMORY_BUDGET
        )
    bound = memory_bound(memory)
    return budget(
        label,
        f"{bound} MB at most (driver {memory[0]} MB + {min(2, os.cpu_count() or 1)} x largest "
        f"child {memory[1]} MB)",
        bound <= MEMORY_BUDGET,
    )


def _national_budget_lines(r: Results) -> list[str]:
    n = r.national
    if n is None:
        return ["  national scale: not measured (--national)"]
    size = n.sizes.largest[1]
    cold_growth = n.growth(r.offerings, r.cold, n.cold)
    one_growth = n.growth(r.offerings, r.one_changed, n.one_changed)
    return [
        budget(
            f"every page under 40 KB at {n.offerings} offerings",
            f"largest {kb(size)} ({n.sizes.largest[0]})",
            size < PAGE_BUDGET,
        ),
        _memory_budget(
            f"peak memory at {n.offerings} offerings at most 1 GB", n.memory, n.memory_peak
        ),
        budget(
            f"cold build grows linearly or better from {r.offerings} to {n.offerings} offerings",
            f"CPU {r.cold.cpu_seconds:.0f} s -> {n.cold.cpu_seconds:.0f} s, {cold_growth:.2f} x "
            f"linear (on the clock {r.cold.seconds:.0f} s -> {n.cold.seconds:.0f} s)",
            cold_growth <= 1.0,
        ),
        budget(
            f"one-change rebuild grows linearly or better from {r.offerings} to {n.offerings}",
            f"CPU {r.one_changed.cpu_seconds:.1f} s -> {n.one_changed.cpu_seconds:.1f} s, "
            f"{one_growth:.2f} x linear (on the clock {r.one_changed.seconds:.1f} s -> "
            f"{n.one_changed.seconds:.1f} s)",
            one_growth <= 1.0,
        ),
    ]


def _budget_lines(r: Results) -> list[str]:
    big = r.big_sizes.largest[1]
    lines = [
        "Budgets (DESIGN.md):",
        budget("cold build at most 60 s", f"{r.cold.seconds:.1f} s", r.cold.seconds <= COLD_BUDGET),
        budget(
            "one changed offering rebuilt in at most 5 s",
            f"{r.one_changed.seconds:.1f} s ({r.one_change_ratio * 100:.1f} % of the cold build)",
            r.one_changed.seconds <= ONE_CHANGE_BUDGET,
        ),
        budget(
            "rebuild with nothing changed under 10 % of the cold build",
            f"{r.unchanged.seconds / r.cold.seconds * 100:.1f} %",
            r.unchanged.seconds < 0.1 * r.cold.seconds,
        ),
        budget(
            "forced rebuild's PDF stage under 10 % of the cold one",
            f"{(r.pdf_ratio or 0) * 100:.1f} % (whole forced build "
            f"{r.forced.seconds / r.cold.seconds * 100:.1f} %)",
            r.pdf_ratio is not None and r.pdf_ratio < 0.1,
        ),
        budget(
            "HTML stage at most 1.3 x plain Material",
            f"{r.html_ratio:.2f} x",
            r.html_ratio <= HTML_RATIO_BUDGET,
        ),
        *_pdf_budget_lines(r),
        budget(
            f"every page under 40 KB at {r.offerings} offerings",
            f"largest {kb(big)} ({r.big_sizes.largest[0]})",
            big < PAGE_BUDGET,
        ),
        *_reader_budget_lines(r),
    ]
    if r.serve_seconds is not None:
        lines.append(
            budget(
                "editor: serve shows a saved term change within 1 s",
                f"{r.serve_seconds:.1f} s",
                r.serve_seconds <= SERVE_BUDGET,
            )
        )
    else:
        lines.append(f"  editor: {r.serve_note}")
    if r.national is None:
        lines.append(
            _memory_budget(
                f"peak memory at most 1 GB (at {r.offerings} offerings)", r.memory, r.memory_peak
            )
        )
    return lines + _national_budget_lines(r)


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
            f"{kb(r.search.query_bytes)} in {r.search.query_requests} requests "
            f"({kb(r.search.ui_bytes)} of it the search page's own script), "
            f"{r.search.results} results shown; the home page fetched "
            f"{len(r.search.home_index_requests)} index files and "
            f"{kb(r.search.home_bytes)} in all."
        )
        parts = sorted(r.search.by_kind.items(), key=lambda item: -item[1])
        lines.append("  by file: " + ", ".join(f"{name} {kb(size)}" for name, size in parts))
    own, child = r.memory
    lines.append(
        f"Peak memory of the builds: {own} MB in a build's driver, "
        f"{child} MB in its largest child process (a language build or PDF worker)."
    )
    if r.national:
        own, child = r.national.memory
        lines.append(
            f"National scale ({r.national.offerings} offerings, its own process): "
            f"{own} MB in its driver, {child} MB in its largest child."
        )
    lines.append(
        f"Total benchmark time: {r.total_seconds:.0f} s; load average at the end "
        f"{os.getloadavg()[0]:.1f}."
    )
    lines += ["", *_budget_lines(r), ratio_line(r.html_ratio, r.pdf_ratio, r.one_change_ratio)]
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--offerings", type=int, default=1000, help="offerings (default 1000)")
    parser.add_argument("--small", type=int, default=10, help="offerings in the small variant")
    parser.add_argument("--courses", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--work", help="keep the generated sites in this new folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement")
    parser.add_argument("--no-serve", action="store_true", help="skip the editor's loop")
    parser.add_argument(
        "--national",
        nargs="?",
        type=int,
        const=NATIONAL,
        default=None,
        metavar="OFFERINGS",
        help=f"also build a national school ({NATIONAL} offerings unless given, a venue per "
        "500, a course per 50) in a process of its own: cold build, one-change rebuild, peak "
        "memory, largest page, and how each grew from --offerings",
    )
    parser.add_argument("--child-builds", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--one-build", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help=argparse.SUPPRESS)


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
    with MemorySampler() as sampler:
        cold = timed_build("cold build", big, big_out)
    say(f"  cold build: {cold.seconds:.1f} s")
    unchanged = timed_build("rebuild, nothing changed", big, big_out)
    say(f"  rebuild: {unchanged.seconds:.1f} s")
    forced = timed_build("rebuild, nothing changed, --force", big, big_out, force=True)
    forced.note = "every language and the index built again; PDFs from the cache"
    say(f"  forced rebuild: {forced.seconds:.1f} s")
    changed = change_one_offering(big)
    with MemorySampler() as changing:
        one = timed_build("rebuild, one offering changed", big, big_out)
    one.note = f"places_left in {changed}"
    say(f"  rebuild after one change: {one.seconds:.1f} s")
    offline_seconds, offline_note = timed_offline(big, big_out, work / "site-offline.zip")
    say(f"  offline copy: {offline_seconds or 0:.1f} s")
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
    memory = builds_memory(cold, unchanged, forced, one, small_build)
    search = SearchCost(note="not measured (--no-browser)")
    if not args.no_browser:
        search = measure_search(big_out)
    serve_seconds, serve_note = None, "not measured (--no-serve)"
    if not args.no_serve:
        serve_seconds, serve_note = measure_serve(copy_example(REPO, work / "editor"))
    national = None
    if args.national:
        say(f"  national scale: {args.national} offerings, building in a process of its own")
        national = measure_national(work, args.national)
        say(
            f"  national: cold {national.cold.seconds:.1f} s, one change "
            f"{national.one_changed.seconds:.1f} s"
        )
    return Results(
        offerings=args.offerings,
        small_offerings=args.small,
        cold=cold,
        unchanged=unchanged,
        forced=forced,
        one_changed=one,
        small=small_build,
        reference_seconds=reference_seconds,
        reference_sizes=Sizes.of(reference / "site"),
        html_pages=html_pages,
        big_sizes=Sizes.of(big_out),
        small_sizes=Sizes.of(small_out),
        search=search,
        serve_seconds=serve_seconds,
        serve_note=serve_note,
        memory=memory,
        offline_seconds=offline_seconds,
        offline_note=offline_note,
        memory_peak=max(sampler.peak_mb, changing.peak_mb),
        total_seconds=time.monotonic() - started,
        national=national,
    )


def run(args: argparse.Namespace) -> int:
    os.environ["SOURCE_DATE_EPOCH"] = str(int(BENCH_DAY.timestamp()))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.child_builds:
        root, out = (Path(p) for p in args.child_builds)
        print(json.dumps(child_builds(root, out)), flush=True)
        return 0
    if args.one_build:
        root, out = (Path(p) for p in args.one_build)
        print(json.dumps(one_build(root, out, args.force)), flush=True)
        return 0
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
