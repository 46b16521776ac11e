"""The PDF stage: every feature's printable documents, rendered once for the whole site.

A feature does not render PDFs itself. In its `post_build` it turns its printable views into
`PdfJob`s (a complete HTML document, the folder its relative URLs resolve against, where the
PDF goes, and the files the result depends on) and stages them with `stage_jobs`. As each
language is built, the driver hands its jobs to the `PdfStage`: all jobs of all languages go
through one process pool, so a build keeps every core busy, and a content-keyed cache outside `site/`
means a rebuild renders only the documents whose HTML, template, stylesheet, fonts or
WeasyPrint version changed.

WeasyPrint reads only files inside the project through `ProjectFiles`; any other address
(another host, a file elsewhere on the machine) stops that document with a plain error, so a
PDF can never leak who reads it or depend on the machine it was built on.
"""

from __future__ import annotations

import base64
import functools
import gc
import hashlib
import heapq
import json
import mimetypes
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, select_autoescape

STAGED = ".pdf-jobs"  # folder in a language's output that holds its staged jobs
CACHE = Path(".cache") / "pdf"  # below the project root, never published
KEEP_DAYS = 30  # cache entries no build used for this long are removed
VARIANT = "pdf/ua-1"  # tagged PDF with title and language, for screen readers
# A worker's collector of reference cycles runs after this many new objects (Python's
# default is 700): laying out a page makes hundreds of thousands, nearly all freed by their
# count. Twelve programmes took 8.19 to 8.30 s of CPU instead of 8.57 to 8.75 s (about 4 %;
# handouts and posters 1 to 3 %), for 9 MB more in a worker (90 -> 99 MB). The language
# builds use it too (engine/build.py).
YOUNG_OBJECTS = 50_000
PNG_DATA = "data:image/png;base64,"  # the one kind of data: address a print template may use
RENDERER = "2"  # bump when the rendering options change, so old cache entries are not reused
A4_WIDTH, A5_WIDTH, A5_HEIGHT = 595.276, 419.528, 595.276  # in PDF points
A5_ZOOM = A5_WIDTH / A4_WIDTH  # an A4 page shrunk to A5's width (A5 is a little taller)


class PdfFailed(Exception):
    """One or more documents could not be rendered; the message names each and why."""


@dataclass(frozen=True)
class PdfJob:
    """One document to render: what any feature (handouts, prospectus, cards) emits.

    `base` and `inputs` are paths relative to the project root; `output` is relative to the
    language's output folder. `inputs` are the files besides the HTML that the result depends
    on (template, stylesheets, fonts): their contents are part of the cache key.
    """

    html: str
    base: str
    output: str
    inputs: tuple[str, ...] = ()
    label: str = ""
    a5_copy: str = ""  # a file name beside `output`: the same A4 document shrunk to A5 (a flyer)

    def describe(self) -> str:
        return self.label or self.output


@dataclass(frozen=True)
class PdfReport:
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0  # from the first documents handed over to the last one done
    workers: int = 0
    tail: float = 0.0  # of which after the last language was built and the pages checked
    cpu: float = 0.0  # the workers' CPU time, all documents together

    def summary(self) -> str:
        return f"PDFs: {self.rendered} rendered, {self.cached} from cache"


class PrintTemplates:
    """The print templates under theme/pdf/, with the language's UI words.

    Every job made here depends on the template, every stylesheet and every font in that
    folder, so a change to any of them renders the affected documents again.
    """

    FOLDER = "theme/pdf"

    def __init__(self, root: Path, gettext):
        self.root = root
        self.folder = root / self.FOLDER
        self.env = Environment(
            loader=FileSystemLoader(str(self.folder)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
            gettext, lambda s, p, n: gettext(s if n == 1 else p), newstyle=True
        )
        assets = [
            p
            for p in sorted(self.folder.rglob("*"))
            if p.is_file() and p.suffix in {".css", ".ttf", ".otf"}
        ]
        self.assets = tuple(p.relative_to(root).as_posix() for p in assets)

    def job(
        self, template: str, output: str, label: str = "", a5_copy: str = "", **context
    ) -> PdfJob:
        html = self.env.get_template(template).render(**context)
        return PdfJob(
            html=html,
            base=self.FOLDER,
            output=output,
            inputs=(f"{self.FOLDER}/{template}", *self.assets),
            label=label,
            a5_copy=a5_copy,
        )


def stage_jobs(site_dir: Path, name: str, jobs: list[PdfJob]) -> None:
    """Called from a feature's post_build: leave jobs for the PDF stage next to the pages,
    one job a line, so the driver reads them one at a time (at 10,000 offerings a language's
    documents are 50 MB of HTML)."""
    folder = site_dir / STAGED
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
        for job in jobs:
            out.write(json.dumps(asdict(job), ensure_ascii=False) + "\n")


def link_published(published: Path, site_dir: Path, skip: set[str]) -> int:
    """A preview makes no PDFs; its pages link the ones the last full build published.

    `skip` names the sub-folders of other languages inside the published folder.
    Hard links cost nothing; a copy is the fallback across file systems.
    """
    count = 0
    for found in sorted(published.rglob("*.pdf")) if published.is_dir() else []:
        rel = found.relative_to(published)
        if rel.parts[0] in skip:
            continue
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(found, target)
        except OSError:
            shutil.copy2(found, target)
        count += 1
    return count


def collect(out_dir: Path) -> Iterator[PdfJob]:
    """Read one language output's staged jobs one at a time, and remove them when all are
    read, so they are never published."""
    folder = out_dir / STAGED
    if not folder.is_dir():
        return
    for manifest in sorted(folder.glob("*.jsonl")):
        with manifest.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                yield PdfJob(**{**item, "inputs": tuple(item.get("inputs", ()))})
    shutil.rmtree(folder)


class RefusedUrl(ValueError):
    """A document asked for something outside the project."""


def _fetcher_class():
    """WeasyPrint is imported only where PDFs are made, not by every language build."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFiles(URLFetcher):
        """Hands WeasyPrint files from inside the project and refuses everything else."""

        def __init__(self, root: Path):
            super().__init__(fail_on_errors=True, allowed_protocols=("file",))
            self.root = Path(root).resolve()

        def fetch(self, url: str, headers=None):
            if url.startswith(PNG_DATA):  # a QR code (outputs/qr.py): in the document itself
                return URLFetcherResponse(
                    url,
                    body=base64.b64decode(url[len(PNG_DATA) :]),
                    headers={"Content-Type": "image/png"},
                )
            path = project_file(self.root, url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
            )

    return ProjectFiles


def project_file(root: Path, url: str) -> Path:
    """The file a URL names, if it is a file inside the project; RefusedUrl otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedUrl(f"{url}: PDFs may only use files inside the project, not other hosts.")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(root.resolve()):
        raise RefusedUrl(f"{url}: this file is outside the project ({root}).")
    if not path.is_file():
        raise RefusedUrl(f"{url}: there is no such file in the project.")
    return path


def make_fetcher(root: Path):
    return _fetcher_class()(root)


def weasyprint_version() -> str:
    return version("weasyprint")


class Keys:
    """Cache keys; each input file is hashed once per build, however many jobs share it."""

    def __init__(self, root: Path):
        self.root = root
        self.engine = weasyprint_version()
        self._files: dict[str, str] = {}

    def _file(self, rel: str) -> str:
        if rel not in self._files:
            path = self.root / rel
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
            self._files[rel] = digest
        return self._files[rel]

    def key(self, job: PdfJob) -> str:
        material = {
            "html": job.html,
            "base": job.base,
            "inputs": {rel: self._file(rel) for rel in sorted(job.inputs)},
            "weasyprint": self.engine,
            "variant": VARIANT,
            "renderer": RENDERER,
            "a5_copy": bool(job.a5_copy),
        }
        encoded = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


@dataclass(frozen=True)
class Rendered:
    """What a worker says of one document: the error, if it failed, and the CPU it took
    (the workers are not the build's own children, so the build cannot count it itself)."""

    error: str | None
    cpu: float


def render_one(root: str, source: str, base: str, target: str, a5_copy: str = "") -> Rendered:
    """Runs in a worker process: one document (its HTML in the file `source`) to one PDF,
    and to a second one shrunk to A5 when `a5_copy` names it."""
    started = time.process_time()
    error = _render(root, Path(source).read_text(encoding="utf-8"), base, target, a5_copy)
    return Rendered(error, time.process_time() - started)


def _render(root: str, html: str, base: str, target: str, a5_copy: str = "") -> str | None:
    from weasyprint.urls import FatalURLFetchingError

    finals = [Path(name) for name in (target, a5_copy) if name]
    partials = [Path(f"{final}.part-{os.getpid()}") for final in finals]
    try:
        print_engine(root).render(html, base, partials[0], partials[1] if a5_copy else None)
    except FatalURLFetchingError as exc:
        error = str(exc.__cause__ or exc)
    except RefusedUrl as exc:  # a stylesheet the document links
        error = str(exc)
    except Exception as exc:  # a template or engine problem: say which document and what
        error = f"{type(exc).__name__}: {exc}"
    else:
        for partial, final in zip(partials, finals, strict=True):
            partial.replace(final)
        return None
    for partial in partials:
        partial.unlink(missing_ok=True)
    return error


class PrintEngine:
    """WeasyPrint with the print stylesheets and their fonts loaded once per worker process.

    Every document links the same few stylesheets (theme/pdf/), and `fonts.css` loads four
    fonts. Parsed again for each document, they were a third of a poster's or a handout's
    time (0.078 -> 0.049 s a poster); the PDFs are the same, byte for byte. A stylesheet is
    read again if its file changed, so a long-lived process never prints with an old one.
    """

    LINK = re.compile(r'<link rel="stylesheet" href="([^":]+)">\n?')

    def __init__(self, root: Path):
        import logging

        from weasyprint.text.fonts import FontConfiguration

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self.root = root
        self.fetcher = make_fetcher(root)
        self.fonts = FontConfiguration()
        self._sheets: dict[tuple[Path, int, int], object] = {}

    def render(self, html: str, base: str, target: Path, a5_copy: Path | None = None) -> None:
        """The PDF, and its copy shrunk to A5 (a poster's flyer) from the same layout: the
        copy costs only its writing, a third of a poster's time."""
        from weasyprint import HTML

        folder = self.root / base
        sheets = [self._sheet(folder / href) for href in self.LINK.findall(html)]
        document = HTML(
            string=self.LINK.sub("", html), base_url=f"{folder}/", url_fetcher=self.fetcher
        ).render(font_config=self.fonts, stylesheets=sheets, pdf_variant=VARIANT)
        document.write_pdf(target, pdf_variant=VARIANT)
        if a5_copy is not None:
            document.write_pdf(a5_copy, zoom=A5_ZOOM, finisher=_a5_sheet, pdf_variant=VARIANT)

    def _sheet(self, path: Path):
        """The parsed stylesheet; passed after the document's own styles, as its `<link>`
        was (the templates have no `<style>`), so the cascade is the same."""
        from weasyprint import CSS

        path = project_file(self.root, path.as_uri())
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in self._sheets:
            self._sheets[key] = CSS(
                url=path.as_uri(), url_fetcher=self.fetcher, font_config=self.fonts
            )
        return self._sheets[key]


def _a5_sheet(_document: object, pdf) -> None:
    """An A4 page shrunk to A5's width is 2 points short of A5 (the two are not quite the
    same shape): the sheet is made A5 below the content, so a printer takes it for A5."""
    for page in pdf.objects:
        if isinstance(page, dict) and page.get("Type") == "/Page":
            for box in ("MediaBox", "TrimBox", "BleedBox"):
                if box in page:
                    page[box][1] = page[box][3] - A5_HEIGHT


@functools.cache
def print_engine(root: str) -> PrintEngine:
    """One engine per project in each worker process (the pool lives for one build)."""
    return PrintEngine(Path(root))


def _target(out: Path, job: PdfJob) -> Path:
    """Where a staged job's PDF goes; PdfFailed if that is not a PDF inside the site."""
    target = (out / job.output).resolve()
    if not target.is_relative_to(out.resolve()) or target.suffix != ".pdf":
        raise PdfFailed(f"{job.describe()}: {job.output} is not a PDF inside the site.")
    if job.a5_copy and (Path(job.a5_copy).name != job.a5_copy or not job.a5_copy.endswith(".pdf")):
        raise PdfFailed(f"{job.describe()}: {job.a5_copy} is not a PDF's name beside it.")
    return target


@dataclass
class _Pending:
    job: PdfJob  # without its HTML, which waits in a file for its worker
    key: str
    size: int  # the length of its HTML: the estimate of its layout time
    # Where it goes, once for each language that has it: the files of `PdfStage._entries`.
    targets: list[list[Path]] = field(default_factory=list)


class PdfStage:
    """The PDF stage, fed one language at a time while the others are still being built.

    A national school builds its languages one at a time (engine/build.py), and the
    documents of the languages already built are rendered on the other core meanwhile
    (`add_staged` as each language finishes, `allow` as cores come free, `finish` at the
    end); a smaller school builds all its languages at once, and its documents follow. Unchanged
    documents come from the cache at once; a document two languages share (the same HTML) is
    rendered once. The documents wait for a worker longest first, so a long programme does not
    start last and keep one core busy while the other waits.

    Memory: a worker starts only for a free core (while two languages build there is none),
    and a document's HTML waits in a file, not in the build's memory (at 10,000 offerings
    2,800 documents, 150 MB of HTML).
    """

    def __init__(self, root: Path, *, cache_dir: Path | None = None, workers: int | None = None):
        self.root = root.resolve()
        self.cache = cache_dir or self.root / CACHE
        self.cache.mkdir(parents=True, exist_ok=True)
        self.keys = Keys(self.root)
        self.workers = workers or os.cpu_count() or 1
        self.pending: dict[str, _Pending] = {}
        self.futures: dict[str, Future[Rendered]] = {}
        self.cached = 0
        self.started: float | None = None  # the first documents handed over
        self.last = 0.0  # the last documents handed over
        self.pages_done = 0.0  # the build's pages were all made and checked (`pages_checked`)
        self._pool: ProcessPoolExecutor | None = None
        self._sources = self.cache / f"waiting-{os.getpid()}"
        self._waiting: list[tuple[int, int, str]] = []  # a heap: (-size, order, key)
        self._running = 0
        self._free = self.workers  # documents rendered at once
        self._turn = threading.Condition()  # any change to the four fields above
        self._closed = False
        self._broken = ""  # why documents could not be handed to the workers
        self._feeder = threading.Thread(target=self._feed, name="pdf-feeder", daemon=True)
        self._feeder.start()

    def __enter__(self) -> PdfStage:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._turn:  # after a failure: do not start documents nobody uses
            self._waiting.clear()
            self._closed = True
            self._turn.notify_all()
        self._feeder.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        shutil.rmtree(self._sources, ignore_errors=True)

    def allow(self, cores: int) -> None:
        """How many documents may render at once: the cores the language builds leave free."""
        with self._turn:
            self._free = max(0, min(cores, self.workers))
            self._turn.notify_all()

    def add_staged(self, out: Path) -> None:
        """The jobs a language build staged in its output folder (`stage_jobs`)."""
        self.add((job, _target(out, job)) for job in collect(out))

    def add(self, jobs: Iterable[tuple[PdfJob, Path]]) -> None:
        """Place the cached documents now and queue the others for the workers."""
        self.last = time.monotonic()
        self.started = self.started or self.last
        self._sources.mkdir(parents=True, exist_ok=True)
        new: list[tuple[int, int, str]] = []  # queued together, so the longest starts first
        for job, target in jobs:
            key = self.keys.key(job)
            targets = [target] + ([target.with_name(job.a5_copy)] if job.a5_copy else [])
            entries = self._entries(key, job)
            target.parent.mkdir(parents=True, exist_ok=True)
            if key in self.pending:
                self.pending[key].targets.append(targets)
            elif all(entry.is_file() for entry in entries):
                for entry, placed in zip(entries, targets, strict=True):
                    os.utime(entry)  # still in use: kept when old entries are pruned
                    place(entry, placed)
                self.cached += len(entries)
            else:
                (self._sources / f"{key}.html").write_text(job.html, encoding="utf-8")
                pending = _Pending(replace(job, html=""), key, len(job.html), [targets])
                self.pending[key] = pending
                new.append((-pending.size, len(self.pending), key))
        with self._turn:
            for item in new:
                heapq.heappush(self._waiting, item)
            self._turn.notify_all()

    def moved(self, old: Path, new: Path) -> None:
        """A folder of the documents still rendering was moved (a language's, when the
        languages are put together, engine/build.py): they go to its new place."""
        old, new = old.resolve(), new.resolve()
        for item in self.pending.values():
            item.targets = [
                [
                    new / path.relative_to(old) if path.is_relative_to(old) else path
                    for path in files
                ]
                for files in item.targets
            ]

    def coming(self, site: Path) -> frozenset[str]:
        """The files below `site` that documents still rendering will be, by their path
        there: the link check counts them as there while they render (outputs/links.py)."""
        if self._closed:  # finished: every document is in its place
            return frozenset()
        site = site.resolve()
        return frozenset(
            path.relative_to(site).as_posix()
            for item in self.pending.values()
            for files in item.targets
            for path in files
            if path.is_relative_to(site)
        )

    def pages_checked(self) -> None:
        """The build's pages are made and checked; what comes after is the documents' wait
        alone (`PdfReport.tail`)."""
        self.pages_done = time.monotonic()

    def _entries(self, key: str, job: PdfJob) -> list[Path]:
        """The cache files of a job: its PDF, and its A5 copy if it has one."""
        return [self.cache / f"{key}.pdf"] + ([self.cache / f"{key}-a5.pdf"] if job.a5_copy else [])

    def _feed(self) -> None:
        """On a thread of its own: whenever a worker is free, the longest waiting document."""
        with self._turn:
            while not self._closed:
                try:
                    self._start_waiting()
                except Exception as exc:  # the pool broke: the waiting documents cannot start
                    self._broken = f"{type(exc).__name__}: {exc}"
                    self._waiting.clear()
                    self._turn.notify_all()
                self._turn.wait()

    def _start_waiting(self) -> None:
        while self._waiting and self._running < self._free:
            key = heapq.heappop(self._waiting)[2]
            item = self.pending[key]
            self._running += 1
            future = self._workers().submit(
                render_one,
                str(self.root),
                str(self._sources / f"{key}.html"),
                item.job.base,
                *map(str, self._entries(key, item.job)),
            )
            self.futures[key] = future
            future.add_done_callback(self._done)

    def _done(self, future: Future[Rendered]) -> None:
        with self._turn:
            self._running -= 1
            self._turn.notify_all()

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_fresh(), initializer=_worker_started
            )
        return self._pool

    def finish(self) -> PdfReport:
        """Wait for every document, put each where it goes; PdfFailed names every failure."""
        self.allow(self.workers)
        with self._turn:
            while self._waiting or self._running:
                self._turn.wait()
        errors: list[str] = [self._broken] if self._broken else []
        cpu = 0.0
        for key, future in self.futures.items():
            item = self.pending[key]
            done = future.result()
            cpu += done.cpu
            if done.error:
                errors.append(f"{item.job.describe()}: {done.error}")
                continue
            entries = self._entries(key, item.job)
            for targets in item.targets:
                for entry, placed in zip(entries, targets, strict=True):
                    place(entry, placed)
        self.__exit__()
        if errors:
            raise PdfFailed("\n".join(errors))
        prune(self.cache)
        rendered = sum(len(targets) for item in self.pending.values() for targets in item.targets)
        workers = min(len(self.pending), self.workers)
        now = time.monotonic()
        seconds = now - (self.started or now)
        waited_from = max(self.last, self.pages_done) or now
        return PdfReport(rendered, self.cached, seconds, workers, now - waited_from, cpu)


def _fresh() -> multiprocessing.context.BaseContext:
    """Workers that start from a fresh interpreter with WeasyPrint loaded, not as copies of
    the build: forked from it, each held a copy of the whole project, which a worker never
    reads (at 10,000 offerings several hundred MB each). Where the system has no fork
    server (Windows, macOS without it), a spawned worker does the same more slowly."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["recovery_college.outputs.pdf", "weasyprint"])
    return context


def _worker_started() -> None:
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def start_workers() -> None:
    """Start the workers' fork server now: it loads WeasyPrint (0.8 s of CPU) on the core the
    build leaves free while it reads the project, not after the pages, when the first
    changed document would wait for it. Only where there is a second core."""
    context = _fresh()
    if isinstance(context, multiprocessing.context.ForkServerContext) and (os.cpu_count() or 1) > 1:
        multiprocessing.forkserver.ensure_running()


def render_jobs(
    root: Path,
    jobs: list[tuple[PdfJob, Path]],
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
) -> PdfReport:
    """Render (job, output file) pairs, taking unchanged documents from the cache."""
    with PdfStage(root, cache_dir=cache_dir, workers=workers) as stage:
        stage.add(jobs)
        return stage.finish()


def place(entry: Path, target: Path) -> None:
    """Put a cached document into the site: a hard link, as a rebuild places a thousand
    unchanged PDFs (a cache entry is never written again in place, so the link stays the
    document it was); a copy across file systems."""
    target.unlink(missing_ok=True)
    try:
        os.link(entry, target)
    except OSError:
        shutil.copyfile(entry, target)


def render_staged(root: Path, out_dirs: list[Path], *, workers: int | None = None) -> PdfReport:
    """Every language output's staged jobs, written next to its pages."""
    with PdfStage(root, workers=workers) as stage:
        for out in out_dirs:
            stage.add_staged(out)
        return stage.finish()


def prune(cache: Path, keep_days: int = KEEP_DAYS) -> None:
    """Drop documents no build has used for a while, so the cache does not grow forever."""
    limit = time.time() - keep_days * 86400
    for entry in cache.glob("*.pdf"):
        if entry.stat().st_mtime < limit:
            entry.unlink(missing_ok=True)
