"""Know when the published site is already what a build would make, and then build nothing.

A cold build of a large school takes minutes, most of it PDFs; a rebuild with nothing changed
should take seconds (DESIGN.md's budget: under 10 % of the cold build). What the site shows
depends on three things only: the project's files, the software that renders them, and the clock
(a course that ended today is "finished", a past term moves to the archive, the idea of the week
changes). A fingerprint of all three is stored beside the PDF cache together with a fingerprint of
the published folder. When both still match, the build stops before it starts. Anything else
(an edited file, a new day, an upgraded package, a hand-edited or deleted `site/`) builds in full.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from recovery_college.content.loading import Project
from recovery_college.content.settings import TIMEZONE
from recovery_college.content.yamlsource import ParseCache
from recovery_college.courses.models import Catalogue, status

PACKAGE = Path(__file__).parents[1]  # the whole recovery_college package
SKIP_DIRS = {"__pycache__", ".git"}  # byte code follows the source; git is not content


@dataclass(frozen=True)
class Stamp:
    """The fingerprint of what went into a build, and of the folder it published."""

    inputs: str
    output: str

    def to_json(self) -> str:
        return json.dumps({"inputs": self.inputs, "output": self.output})


def _files(folder: Path, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file below `folder`, by its path there after `prefix`, in the order of names.

    With os.scandir and no Path for each file: a published site has thousands of files, and
    fingerprinting it took 0.4 s of every build that way, 0.08 s this way."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in SKIP_DIRS:
                yield from _files(Path(entry.path), f"{prefix}{entry.name}/")
        elif not entry.is_dir():  # a link to a folder is left, as os.walk leaves it
            yield prefix + entry.name, entry


def input_files(project: Project) -> Iterator[tuple[str, Path]]:
    """The project's own files by their path in it, then the plugin's code (it may be installed
    elsewhere)."""
    root = project.root
    for path in sorted(root.glob("mkdocs*.yml")):
        yield path.name, path
    for folder in (root / "content", project.theme_dir):
        if folder.is_dir():
            prefix = f"{folder.relative_to(root).as_posix()}/"
            yield from ((name, Path(entry.path)) for name, entry in _files(folder, prefix))
    yield from ((f"plugin:{name}", Path(entry.path)) for name, entry in _files(PACKAGE))


@functools.cache
def software() -> str:
    """Python and every installed distribution: a new MkDocs or Material changes the pages.

    Read once a process: reading every distribution's metadata took 0.27 s of each preview
    rebuild (in cProfile), and a package installed while a process runs is not the one it
    has imported anyway. The language builds are forked after the driver has read it."""
    found = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return "\n".join([sys.version, *found])


def code(files: ParseCache) -> str:
    """The software and the plugin's own code: what made a parse kept on disk
    (content/parsestore.py), whose classes are in it."""
    digest = hashlib.sha256(software().encode())
    for name, entry in _files(PACKAGE):
        digest.update(name.encode() + b"\0" + files.digest(Path(entry.path)) + b"\0")
    return digest.hexdigest()


def clock_state(project: Project, now: dt.datetime) -> str:
    """Everything on the site that the time of the build decides: the local date (past terms,
    sign-up windows, the idea of the week) and which offerings have ended during the day."""
    ended = sorted(
        f"{term.id}/{offering.id}"
        for term in project.part(Catalogue).terms
        for offering in term.offerings
        if status(offering, now) == "finished"
    )
    return f"{now.astimezone(TIMEZONE).date().isoformat()}\n" + "\n".join(ended)


def inputs(project: Project, now: dt.datetime, out: Path, files: ParseCache) -> str:
    """`files` keeps each file's digest: the language builds, forked after this, reuse them."""
    digest = hashlib.sha256()
    for name, path in input_files(project):
        digest.update(name.encode() + b"\0" + files.digest(path) + b"\0")
    for part in (software(), clock_state(project, now), str(out)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def output(out: Path) -> str:
    """Names, sizes and modification times: cheap, and enough to notice a touched `site/`."""
    if not out.is_dir():
        return ""
    digest = hashlib.sha256()
    for name, entry in _files(out):
        info = entry.stat(follow_symlinks=False)
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamp_file(root: Path, out: Path) -> Path:
    name = hashlib.sha256(str(out).encode()).hexdigest()[:16]
    return root / ".cache" / "build" / f"{name}.json"


def is_fresh(project: Project, out: Path, key: str) -> bool:
    """True when `out` holds exactly what the last build with these inputs published."""
    try:
        saved = json.loads(_stamp_file(project.root, out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return saved.get("inputs") == key and saved.get("output") == output(out)


def remember(project: Project, out: Path, key: str) -> None:
    target = _stamp_file(project.root, out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(Stamp(key, output(out)).to_json(), encoding="utf-8")
