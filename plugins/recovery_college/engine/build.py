"""Build every language in parallel into a staging folder, index it, then swap it in.

The published `site/` is replaced only after every language built and the search index was
made; on any error it is left exactly as it was. When nothing that decides the site changed since
the last build (freshness.py), nothing is built.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from recovery_college.assembly import HANDOVER, load_project
from recovery_college.content import yamlsource
from recovery_college.content.errors import ContentError, ContentErrors
from recovery_college.content.languages import Language
from recovery_college.content.loading import Project
from recovery_college.content.messages import Messages
from recovery_college.content.parsestore import ParseStore
from recovery_college.content.settings import build_time
from recovery_college.courses.models import Catalogue
from recovery_college.engine import freshness
from recovery_college.outputs import assets, links, pdf, sitemap


class BuildFailed(Exception):
    """A language build or the PDF stage failed; the message says which and why."""


@dataclass(frozen=True)
class BuildReport:
    pages: dict[str, int]
    seconds: float
    pdfs: pdf.PdfReport = field(default_factory=pdf.PdfReport)
    up_to_date: bool = False  # nothing changed: the published site was kept as it was


def build_language(config_file: str, site_dir: str, published: str) -> tuple[str, str | None]:
    """Runs in a worker process: one ordinary MkDocs build of one language.

    `published` is the site now online; the calendar writer reads it to bump SEQUENCE numbers.
    """
    os.environ["RC_PUBLISHED_SITE"] = published
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        config = load_config(config_file, site_dir=site_dir)
        # As `mkdocs build` does: MkDocs keeps a plugin with this hook for the whole process,
        # so it must hear that this is a build (a preview earlier in the process left it in
        # preview mode).
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        return config_file, str(exc)
    except SystemExit as exc:
        return config_file, f"stopped with exit code {exc.code}"
    except Exception as exc:  # a bug, not bad content: report it plainly, with its kind
        return config_file, f"unexpected {type(exc).__name__}: {exc}"
    return config_file, None


def _assemble(project: Project, staging: Path, stage: pdf.PdfStage) -> Path:
    """Danish becomes the root; every other language moves into its own sub-folder, and uses
    the root's stylesheets, fonts and images (outputs/assets.py). The documents still
    rendering for a language go where it moved."""
    site = staging / project.default.code
    for language in project.languages[1:]:
        (staging / language.code).rename(site / language.code)
        stage.moved(staging / language.code, site / language.code)
    prefixes = [lang.prefix for lang in project.languages]
    try:
        assets.share(site, prefixes)
    except ValueError as exc:  # a fault of the build, not of the content
        raise BuildFailed(f"the languages' assets could not be shared: {exc}") from None
    assets.trim_css(site, prefixes)
    return site


def _check_links(project: Project, site: Path, coming: frozenset[str]) -> None:
    """Stop on a link to a page or #anchor that does not exist, named at the Markdown line
    that made it (or at the built page, for a page the build generates). `coming` are the
    PDFs still rendering (pdf.PdfStage.coming)."""
    sources = links.take_sources(site, [lang.prefix for lang in project.languages])
    report = links.check_links(site, project.root / links.CACHE, coming)
    if not report.problems:
        return
    messages = Messages.from_environment()
    errors: dict[tuple, ContentError] = {}
    # The main language's pages first: a Danish page shown untranslated under en/ and ar/
    # has the same broken link three times, and is reported once, as its Danish self.
    for problem in sorted(report.problems, key=lambda p: len(p.file.relative_to(site).parts)):
        source = sources.get(problem.file.resolve())
        message = problem.message(messages)
        position = None
        if source is not None:
            markdown = (project.root / source).read_text(encoding="utf-8-sig")
            position = links.source_position(markdown, problem.url)
        if source is None or position is None:  # made by the build or a template, not a page
            where = "site/" + problem.file.relative_to(site).as_posix()
            errors.setdefault((where, problem.line), ContentError(where, problem.line, 1, message))
            continue
        line, column = position
        key = (source, line, column, problem.url, problem.msgid)
        errors.setdefault(key, ContentError(source, line, column, message))
    raise ContentErrors(errors.values(), messages)


def _swap(new: Path, target: Path, retired: Path) -> None:
    """Put the new site in place of the published one, which moves into `retired` (below
    `.build/`) to be deleted by the next build, while its languages build (`_Retired`).

    Deleting the replaced site took a second or more of every rebuild, on the path from a
    saved change to the published page. When `retired` is on another file system the
    replaced site is deleted at once, as before.
    """
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if not old.exists():
        return
    try:
        retired.mkdir(parents=True, exist_ok=True)
        old.rename(retired / f"site-{os.getpid()}-{time.time_ns()}")
    except OSError:
        shutil.rmtree(old)


class _Retired(threading.Thread):
    """Deletes the sites earlier builds replaced (`_swap`), on a thread of the driver while
    the language builds run: the driver only waits for them then."""

    def __init__(self, folder: Path):
        super().__init__(name="delete-replaced-sites")
        self.folder = folder

    def run(self) -> None:
        for old in list(self.folder.glob("site-*")):  # not the one this build replaces
            shutil.rmtree(old, ignore_errors=True)


# A language build holds its language's pages and the catalogue's views: about 100 MB at 1,000
# offerings, and the Danish one peaked at 502 MB at 10,000. The language builds running
# side by side hold at most this many offerings between them: two at once at 10,000 passed
# the 1 GB that DESIGN.md allows beside the driver (200 MB). A national school builds its
# languages one at a time, while the other core renders the PDFs of those already built; a
# school of 1,000 offerings builds all three at once.
OFFERINGS_AT_ONCE = 10_000


def _side_by_side(project: Project) -> int:
    """How many languages may build at once, for the school's size.

    Not bounded by the cores: with three languages on two cores, the third used to start when
    the first ended and then built alone on one core while the other had nothing to do (after
    one changed offering, a quarter of the rebuild). Started together, the system shares the
    cores among them and they end together; the PDFs, which wait for the languages' free
    cores, then have both."""
    catalogue = project.find(Catalogue)
    offerings = len(catalogue.offerings()) if catalogue is not None else 0
    return max(1, min(len(project.languages), OFFERINGS_AT_ONCE // max(offerings, 1)))


class _LanguageBuilds:
    """Each language built in a process of its own, at most `workers` at once.

    A process ends as soon as its language is built: an idle worker of a shared pool kept
    the whole language's pages (at 10,000 offerings 400 MB) while the last language built.
    Each is forked from the driver and starts with the project it has loaded and checked
    (`HANDOVER`)."""

    def __init__(self, project: Project, staging: Path, out: Path, workers: int):
        self.project = project
        self.staging = staging
        self.out = out
        self.workers = workers
        self.waiting = list(project.languages)
        self.running: dict[Future[tuple[str, str | None]], tuple[Language, ProcessPoolExecutor]]
        self.running = {}

    def __enter__(self) -> _LanguageBuilds:
        while self.waiting and len(self.running) < self.workers:
            self._start(self.waiting.pop(0))
        return self

    def __exit__(self, *exc: object) -> None:
        for _lang, pool in self.running.values():  # after a failure
            pool.shutdown(wait=True, cancel_futures=True)
        self.running.clear()

    def _start(self, lang: Language) -> None:
        pool = ProcessPoolExecutor(max_workers=1)
        with HANDOVER.handing_over(self.project):  # the build is forked at the submit
            future = pool.submit(
                build_language, str(lang.config_file), str(self.staging / lang.code), str(self.out)
            )
        self.running[future] = (lang, pool)

    def finished(self) -> Iterator[tuple[Language, str | None]]:
        """Each language as its build ends, with its error if it failed; the next waiting
        language starts when one ends."""
        while self.running:
            done, _ = wait(self.running, return_when=FIRST_COMPLETED)
            for future in done:
                lang, pool = self.running.pop(future)
                pool.shutdown(wait=True)
                name, error = future.result()
                if self.waiting:  # after a failure too: every language's errors are reported
                    self._start(self.waiting.pop(0))
                yield lang, f"{name}: {error}" if error else None


def _finish(project: Project, staging: Path, stage: pdf.PdfStage) -> Path:
    """The languages put together, with one sitemap, and every link checked.

    A school that builds its languages all at once does this while its last documents render
    (after one changed offering, a check of 1.4 s beside programmes that rendered for 2.5 s).
    A larger school renders every document first: its check holds the links of the whole
    site, and beside the PDF workers a national school's build took 1,002 MB."""
    site = _assemble(project, staging, stage)
    sitemap.combine(site, [lang.prefix for lang in project.languages], project.default.code)
    _check_links(project, site, stage.coming(site))
    return site


def _build(
    project: Project, staging: Path, out: Path, jobs: int | None, files: yamlsource.ParseCache
) -> tuple[Path, pdf.PdfReport]:
    """Every language into the staging folder (each with its search index,
    outputs/searchindex.py), put together and its links checked (`_finish`); and every PDF.
    A language's documents are rendered as soon as it is built, on the cores the other
    languages leave free (pdf.PdfStage).

    Memory, at 10,000 offerings: a language build holds its language's pages (about 400 MB),
    a PDF worker 100 MB. Only the language builds and the PDF workers of free cores run side
    by side."""
    workers = jobs or _side_by_side(project)
    failures: list[str] = []
    built: list[Path] = []
    # The language builds are forked from here and start with the project's parsed files.
    # Frozen, those objects are left alone by the children's garbage collector, which would
    # otherwise write to every one of them and so give each child a copy of them all. They
    # also start with the collector's thresholds: a language build, like a PDF worker, makes
    # millions of objects, nearly all freed by their count alone, and collecting cycles after
    # every 50,000 instead of every 700 (`pdf.YOUNG_OBJECTS`) took the English build at 1,000
    # offerings from 3.64 to 3.40 s of CPU (three runs each), for 18 MB more at its peak
    # (143 -> 161 MB). Only where the languages build all at once: a larger school builds
    # them one at a time to stay within its memory.
    threshold = gc.get_threshold()
    if workers >= len(project.languages):
        gc.set_threshold(pdf.YOUNG_OBJECTS, *threshold[1:])
    gc.freeze()
    try:
        with pdf.PdfStage(project.root, workers=jobs) as stage:
            with _LanguageBuilds(project, staging, out, workers) as builds:
                stage.allow(stage.workers - len(builds.running))
                files.keep()  # while the languages build: the driver has nothing else to do
                for lang, error in builds.finished():
                    if error:
                        failures.append(error)
                    elif not failures:
                        built.append(staging / lang.code)
                        stage.add_staged(built[-1])
                    stage.allow(stage.workers - len(builds.running))
            if failures:
                raise BuildFailed("\n".join(sorted(failures)))
            if workers < len(project.languages):  # a large school: see `_finish`
                report = stage.finish()
                return _finish(project, staging, stage), report
            # The check has a core of its own: a document that ends leaves its core to it.
            stage.allow(stage.workers - 1)
            site = _finish(project, staging, stage)
            stage.pages_checked()
            return site, stage.finish()
    except pdf.PdfFailed as exc:
        raise BuildFailed(f"PDFs could not be made:\n{exc}") from None
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def kept_parses(root: Path) -> yamlsource.ParseCache:
    """The process's parse cache, which the forked language builds start with, reading what
    the last process parsed of the project at `root` (content/parsestore.py)."""
    files = yamlsource.SHARED
    files.store = ParseStore(root, freshness.code(files))
    return files


def load_checked(
    root: Path, files: yamlsource.ParseCache, messages: Messages | None = None
) -> Project:
    """The project, loaded and checked. When a file has a mistake, what was parsed is kept
    for the next process at once: the next try parses only the files fixed in between. A
    build keeps it later, while the languages build (`_build`)."""
    try:
        return load_project(root, files, messages)
    except ContentErrors:
        files.keep()
        raise


def build_site(
    root: Path, out: Path | None = None, *, jobs: int | None = None, force: bool = False
) -> BuildReport:
    """Validate all content, build all languages side by side, index, and publish to `out`.

    `force` builds even when the published site is up to date.
    """
    started = time.monotonic()
    root = root.resolve()
    pdf.start_workers()
    files = kept_parses(root)
    project = load_checked(root, files)
    out = (out or root / "site").resolve()
    pages = {lang.code: len(project.pages[lang.code]) for lang in project.languages}
    key = freshness.inputs(project, build_time(), out, files)
    if not force and freshness.is_fresh(project, out, key):
        files.keep()
        return BuildReport(pages=pages, seconds=time.monotonic() - started, up_to_date=True)
    staging = root / ".build" / f"staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    retired = _Retired(root / ".build" / "replaced")
    retired.start()
    try:
        site, pdfs = _build(project, staging, out, jobs, files)
        out.parent.mkdir(parents=True, exist_ok=True)
        _swap(site, out, retired.folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        retired.join()
    freshness.remember(project, out, key)
    return BuildReport(pages=pages, seconds=time.monotonic() - started, pdfs=pdfs)
