"""Pages kept from the last build when nothing that makes them has changed.

Every language build renders every page through Material's templates: about two seconds a
language at 1,000 offerings, most of a rebuild after staff changed one offering, though that
change shows on a few dozen pages only. A page is the same as last time when its own input
is (its Markdown, the HTML made of it, its front matter, its address and its view) and so is
everything it may read besides: the project's files other than the term schedules, the
software, the language (`inputs`), the date and the navigation. What a feature puts into a
page's context from the term schedules (`Feature.reads_terms`: the catalogue, term and course
pages' views) is part of that page's own input (outputs/fingerprints.py), so a changed offering renders
again only the pages that show it.

The kept pages are one SQLite file per language below `.cache/pages/` (never published), each
page with its key, beside what Python-Markdown made of each page (markdowncache.py). Entries
not used this time are deleted at the end, so the file holds the last build's only.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.structure.nav import Navigation

from recovery_college.content.loading import Project
from recovery_college.content.yamlsource import ParseCache
from recovery_college.courses.load import TERMS
from recovery_college.engine import freshness
from recovery_college.outputs.fingerprints import digest_parts

FOLDER = Path(".cache") / "pages"
PAGE = "page"  # a rendered page's entries in the cache, by its built file


def inputs(project: Project, files: ParseCache, *facts: str) -> str:
    """The fingerprint of everything a page may read besides its own input: the project's
    files (names and bytes, their digests kept in `files`) but its term schedules, the
    plugin's code, the software (a new MkDocs or Material changes every page) and the
    build's `facts` (language, addresses, the pages)."""
    terms = project.data_dir / TERMS

    def parts() -> Iterable[str | bytes]:
        for name, path in freshness.input_files(project):
            if not path.is_relative_to(terms):
                yield name
                yield files.digest(path)
        yield freshness.software()
        yield from facts

    return digest_parts(parts())


class RenderCache:
    """What one language build kept for the next: its pages, and what Python-Markdown made of
    each page's Markdown (markdowncache.py), each entry by its kind and name with its key, all
    made with the same `inputs`, in one SQLite file (a file a page cost more to write on a
    cold build than the pages saved).

    What the build writes is committed only by `close`, at the end of a build that got that
    far; a build that fails leaves the file as the last good build left it.
    """

    def __init__(self, file: Path, inputs: str):
        self.file = file
        self.inputs = inputs
        self.seen: set[tuple[str, str]] = set()  # entries of this build: (kind, name)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            db = sqlite3.connect(self.file)
            try:
                db.execute("PRAGMA synchronous = OFF")  # a cache: a lost write renders a page
                db.execute("DROP TABLE IF EXISTS pages")  # an earlier version's
                db.execute(
                    "CREATE TABLE IF NOT EXISTS kept"
                    " (kind TEXT, name TEXT, key TEXT, value TEXT, PRIMARY KEY (kind, name))"
                )
                return db
            except sqlite3.DatabaseError:  # not a database, or broken: start again
                db.close()
                self.file.unlink(missing_ok=True)
        raise OSError(f"{self.file}: cannot keep pages here")

    def key(self, *parts: str) -> str:
        """The key of an entry: the build's inputs and the entry's own."""
        return digest_parts([self.inputs, *parts])

    def get(self, kind: str, name: str, key: str) -> str | None:
        """What was kept as `name` (a page's built file) last time, if made with this key."""
        self.seen.add((kind, name))
        row = self._db.execute(
            "SELECT value FROM kept WHERE kind = ? AND name = ? AND key = ?", (kind, name, key)
        ).fetchone()
        return None if row is None else row[0]

    def put(self, kind: str, name: str, key: str, value: str) -> None:
        self.seen.add((kind, name))
        with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: not kept
            self._db.execute(
                "INSERT OR REPLACE INTO kept VALUES (?, ?, ?, ?)", (kind, name, key, value)
            )

    def close(self) -> None:
        """Keep what this build wrote, and only what it made (not removed pages)."""
        stored = self._db.execute("SELECT kind, name FROM kept").fetchall()
        gone = [row for row in stored if tuple(row) not in self.seen]
        self._db.executemany("DELETE FROM kept WHERE kind = ? AND name = ?", gone)
        self._db.commit()
        self._db.close()

    def abandon(self) -> None:
        """A build that stopped early: keep the file as it was."""
        self._db.close()


def nav_shape(nav: Navigation) -> str:
    """The navigation every page shows: each item's kind, title and address, in order."""

    def walk(items: Iterable[Any]) -> Iterator[str]:
        for item in items:
            yield f"{type(item).__name__}\t{item.title}\t{getattr(item, 'url', '')}"
            if item.children:
                yield "("
                yield from walk(item.children)
                yield ")"

    return "\n".join(walk(nav.items))
