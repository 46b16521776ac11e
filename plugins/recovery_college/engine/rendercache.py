"""Pages kept from the last build when nothing that makes them has changed.

Every language build renders every page through Material's templates: about two seconds a
language at 1,000 offerings, most of a rebuild after staff changed one offering, though that
change shows on a few dozen pages only. A page is the same as last time when its own input
is (its Markdown, the HTML made of it, its front matter, its address and its view) and so is
everything it may read besides: the project's files other than the term schedules, the
software, the date, the language and the navigation (`Inputs`). A page whose context a feature
fills from the term schedules (`Feature.reads_terms`: the catalogue, the term and course
pages) is always rendered, so a term file is the one input that does not have to be the same.

Each kept page is one file below `.cache/pages/` (never published): its key on the first line,
then the page. Files of pages that were not built this time are deleted at the end, so the
folder holds the pages of the last build only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from mkdocs.structure.nav import Navigation

from recovery_college.content.loading import Project
from recovery_college.courses.load import TERMS
from recovery_college.engine import freshness

FOLDER = Path(".cache") / "pages"


def _digest(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def inputs(project: Project, *facts: str) -> str:
    """The fingerprint of everything a page may read besides its own input: the project's
    files (names and bytes) but its term schedules, the plugin's code, the software (a new
    MkDocs or Material changes every page) and the build's `facts` (date, language...)."""
    terms = project.data_dir / TERMS

    def parts() -> Iterable[str | bytes]:
        for name, path in freshness.input_files(project):
            if not path.is_relative_to(terms):
                yield name
                yield path.read_bytes()
        yield freshness.software()
        yield from facts

    return _digest(parts())


def page_file(folder: Path, dest: str) -> Path:
    """Where the page built to `dest` (below its language's root) is kept."""
    return folder / hashlib.blake2b(dest.encode(), digest_size=12).hexdigest()


@dataclasses.dataclass
class RenderCache:
    """The kept pages of one language build (`folder`), all made with the same `inputs`."""

    folder: Path
    inputs: str
    seen: set[str] = dataclasses.field(
        default_factory=set
    )  # file names of the pages built this time
    hits: int = 0

    def key(self, *page: str) -> str:
        """The key of a page: the build's inputs and the page's own."""
        return _digest([self.inputs, *page])

    def _file(self, dest: str) -> Path:
        file = page_file(self.folder, dest)
        self.seen.add(file.name)
        return file

    def get(self, dest: str, key: str) -> str | None:
        """The page written to `dest` last time, if it was made with this key."""
        try:
            text = self._file(dest).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        stored, _, page = text.partition("\n")
        if stored != key:
            return None
        self.hits += 1
        return page

    def put(self, dest: str, key: str, page: str) -> None:
        file = self._file(dest)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = file.with_name(f"{file.name}.{os.getpid()}.part")
        partial.write_text(f"{key}\n{page}", encoding="utf-8", errors="xmlcharrefreplace")
        partial.replace(file)

    def prune(self) -> None:
        """Delete the files of pages this build did not make (removed or renamed pages)."""
        if not self.folder.is_dir():
            return
        for file in self.folder.iterdir():
            if file.name not in self.seen:
                file.unlink(missing_ok=True)


class Fingerprints:
    """What the features put into a page's context from the term schedules, written out in
    full. Their views are frozen dataclasses and models of plain data, whose `repr` holds
    every field; lists and dicts of them are walked here, and each object's `repr` is
    digested once per build (a term with hundreds of offerings is on many pages). An object
    without a `repr` of its own cannot be written out: its page is always rendered."""

    def __init__(self) -> None:
        # id -> (the object, kept so that its id is not reused; its digest)
        self._known: dict[int, tuple[object, str | None]] = {}

    def of(self, value: Any) -> str | None:
        if value is None or isinstance(value, _PLAIN):
            return repr(value)
        if isinstance(value, (list, tuple)):
            if all(item is None or isinstance(item, _PLAIN) for item in value):
                return repr(value)
            parts = [self.of(item) for item in value]
            return None if None in parts else "[" + ",".join(cast(list[str], parts)) + "]"
        if isinstance(value, dict):
            return self.of([(key, item) for key, item in value.items()])
        known = self._known.get(id(value))
        if known is None:
            self._known[id(value)] = known = (value, self._digest(value))
        return known[1]

    def _digest(self, value: Any) -> str | None:
        if dataclasses.is_dataclass(value):  # field by field: its views are shared
            parts = [self.of(getattr(value, f.name)) for f in dataclasses.fields(value)]
            if None in parts:
                return None
            return _digest([type(value).__qualname__, *cast(list[str], parts)])
        text = repr(value)
        return None if _NO_REPR.search(text) else _digest([text])


_PLAIN = (str, int, float, dt.date)  # bool is an int, a datetime a date
_NO_REPR = re.compile(r" object at 0x[0-9a-f]+>")


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
