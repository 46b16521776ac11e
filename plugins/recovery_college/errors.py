"""Content errors that an editor can act on.

Every problem in a school's content becomes one ContentError that names the file, line and
column. They are collected and raised together, so an editor fixes everything in one go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentErrors(Exception):
    """Raised with every content error of a build; the build writes nothing."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = [str(error) for error in self.errors]
        lines.append(
            f"Found {count} {noun} in the content. Nothing was published; fix them and build again."
        )
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project, as an editor sees them in the repository."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
