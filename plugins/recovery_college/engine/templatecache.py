"""Compiled page templates kept between builds, below the project's `.cache/` folder.

Every language build, and every rebuild of `recovery-college serve`, starts a new template
environment and used to compile Material's templates and ours again: most of a second each
time, more than any page took to render. Jinja checks each cached entry against the
template's source, so a changed template is compiled afresh; the folder name carries the
Jinja and Material versions, whose compilers and templates the entries come from.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

FOLDER = Path(".cache") / "templates"
ESCAPING = "ours-escaped-2"  # change when escaping or a filter folded at compile time changes


def template_cache(root: Path) -> FileSystemBytecodeCache:
    folder = (
        root
        / FOLDER
        / (f"jinja-{version('jinja2')}-material-{version('mkdocs-material')}-{ESCAPING}")
    )
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
