"""Content errors that an editor can act on.

Every problem in a school's content becomes one ContentError that names the file, line and
column. They are collected and raised together, so an editor fixes everything in one go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from recovery_college.content.messages import Messages


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentErrors(Exception):
    """Raised with every content error of a build; the build writes nothing.

    The report is in the language of the messages (by default the environment's)."""

    def __init__(
        self,
        errors: Iterable[ContentError],
        messages: Messages | None = None,
        *,
        incomplete: bool = False,
    ):
        self.errors = sorted(set(errors))
        self.messages = messages or Messages.from_environment()
        self.incomplete = incomplete  # checks depending on a failed file were skipped
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        if self.incomplete:
            lines.append(
                self.messages.say(
                    "Some checks were skipped because they depend on a file above that has a "
                    "problem; more problems may show once it is fixed."
                )
            )
        lines.append(
            self.messages.plural(
                "Found %(count)s problem in the content. Nothing was published; fix them and "
                "build again.",
                "Found %(count)s problems in the content. Nothing was published; fix them and "
                "build again.",
                count,
                count=count,
            )
        )
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project, as an editor sees them in the repository."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
