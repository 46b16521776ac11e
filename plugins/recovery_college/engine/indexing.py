"""The search index: Pagefind on each language's built pages, one language at a time.

Each language gets a bundle of its own in its folder (`pagefind/` at the site's root for the
default language, `en/pagefind/` and so on for the others). The search page loads the bundle
of its own language, and Pagefind's script takes the folder above the bundle as the start of
every result's address, so a page indexed as `/courses/x/` in the English build is found at
`/en/courses/x/`.

Why not one run over the whole site: Pagefind holds every page it indexes in memory until it
writes; at 10,000 offerings (13,000 pages in three languages) one run took over 1 GB. A
language at a time takes 400 MB, and it runs while the PDFs are being made, on a thread of
the build, so it costs little time of its own.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

BUNDLE = "pagefind"
# Pagefind's ready-made search interfaces: the search page draws its own results with the
# search API (pagefind.js), so these 400 KB a language would be published and never loaded.
UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)


class IndexingFailed(Exception):
    """Pagefind stopped with an error; the message holds its output."""


class SearchIndexer:
    """Indexes the built languages one after another, in the order they are handed over."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        self._runs: list[Future[str | None]] = []
        self._lock = threading.Lock()
        self._running: subprocess.Popen[str] | None = None
        self._stopped = False

    def __enter__(self) -> SearchIndexer:
        return self

    def __exit__(self, *exc: object) -> None:
        """After a failure: stop Pagefind, and do not start it on the languages still waiting."""
        with self._lock:
            self._stopped = True
            if self._running is not None and self._running.poll() is None:
                self._running.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, folder: Path) -> None:
        """Index one language's built folder (its bundle goes into `folder/pagefind/`)."""
        self._runs.append(self._pool.submit(self._index, folder))

    def finish(self) -> float:
        """Wait for every language; the seconds spent waiting. IndexingFailed names each
        language whose index could not be made."""
        started = time.monotonic()
        failures = [failure for run in self._runs if (failure := run.result())]
        waited = time.monotonic() - started
        self._pool.shutdown(wait=True)
        if failures:
            raise IndexingFailed("\n".join(failures))
        return waited

    def _index(self, folder: Path) -> str | None:
        with self._lock:
            if self._stopped:
                return None
            self._running = subprocess.Popen(
                pagefind_command(folder),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            process = self._running
        output, _ = process.communicate()
        if process.returncode == 0:
            for pattern in UNUSED:
                for file in (folder / BUNDLE).glob(pattern):
                    file.unlink()
            return None
        return None if self._stopped else f"{folder.name}: {output.strip()}"


def pagefind_command(folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(folder),
        "--output-subdir",
        BUNDLE,
        "--quiet",
    ]
