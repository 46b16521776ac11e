"""Content errors that an editor can act on.

Every problem in a school's content becomes one ContentError that names the file, line and
column. They are collected and raised together, so an editor fixes everything in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

    `unread` names the files a syntax error stopped reading, and `skipped` counts, for
    each broken file, the checks of other content that needed it and
    were left out (an offering's venue when venues.yml cannot be read): the editor is told
    that more problems may show once that file is fixed. The report is in the language of
    the messages (by default the environment's)."""

    def __init__(
        self,
        errors: Iterable[ContentError],
        messages: Messages | None = None,
        *,
        skipped: Mapping[str, int] | None = None,
        unread: Iterable[str] = (),
    ):
        self.errors = sorted(set(errors))
        self.messages = messages or Messages.from_environment()
        self.skipped = {path: count for path, count in sorted((skipped or {}).items()) if count}
        # Files a syntax error stopped reading: the rest of such a file is checked next time.
        self.unread = sorted(set(unread))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        for path in self.unread:
            lines.append(
                self.messages.say(
                    "The rest of %(file)s could not be read because of the problem above, so it "
                    "was not checked; fix it and run again.",
                    file=path,
                )
            )
        for path, skipped in self.skipped.items():
            lines.append(
                self.messages.plural(
                    "%(count)s further check was skipped because %(file)s is broken; fix it "
                    "and run again.",
                    "%(count)s further checks were skipped because %(file)s is broken; fix it "
                    "and run again.",
                    skipped,
                    count=skipped,
                    file=path,
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
