"""What a language build made from each view, kept for the next build by a key.

After one changed offering every other run's view is what it was, and so is what a build
makes of it: a run's entry in courses.json took 0.2 ms to write out, 0.2 s of CPU a language
at 1,000 offerings and 2 s at 10,000. The caller's key says what the text was made of (the
view's fingerprint, outputs/fingerprints.py, and whatever else it read).

One SQLite file a kind and language below `.cache/made/` (never published), read row by row
(a national school's feed is 18 MB a language) and written anew by each build, so it holds
only the last build's entries. A store that cannot be read or written is only slower. The
calendars keep their events the same way, in a file named by the calendar they went into
(courses/calendar.py, `LastCalendar.kept`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

FOLDER = Path(".cache") / "made"


class KeptMade:
    """The last build's entries of one kind (`get`), and this build's (`put`, `close`).

    `file` holds the last build's entries, and this build's replace them there unless
    `close` is given another file; `partial` is where this build's are written until then.
    """

    def __init__(self, file: Path, partial: Path | None = None):
        self.file = file
        self.partial = partial or file.with_name(f"{file.name}.{os.getpid()}.part")
        self._old: sqlite3.Connection | None = None
        self._new: sqlite3.Connection | None = None
        self._failed = False  # this build's entries could not be written: none are kept
        if file.is_file():
            with contextlib.suppress(sqlite3.Error):
                old = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)
                old.execute("SELECT key FROM made LIMIT 1").fetchall()
                self._old = old

    def get(self, key: str) -> str | None:
        if self._old is None:
            return None
        try:
            found = self._old.execute("SELECT value FROM made WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if found is None else str(found[0])

    def put(self, key: str, value: str) -> None:
        if self._failed:
            return
        try:
            if self._new is None:
                self.partial.parent.mkdir(parents=True, exist_ok=True)
                self.partial.unlink(missing_ok=True)
                self._new = sqlite3.connect(self.partial)
                self._new.execute("PRAGMA synchronous = OFF")  # a cache: lost, made again
                self._new.execute("CREATE TABLE made (key TEXT PRIMARY KEY, value TEXT)")
            self._new.execute("INSERT OR REPLACE INTO made VALUES (?, ?)", (key, value))
        except (OSError, sqlite3.Error):
            self._failed = True

    def close(self, target: Path | None = None) -> None:
        """This build's entries replace the last build's, in `target` if it is given."""
        if self._old is not None:
            self._old.close()
        if self._new is None:
            return
        with contextlib.suppress(OSError, sqlite3.Error):
            self._new.commit()
            self._new.close()
            if self._failed:
                self.partial.unlink(missing_ok=True)
            else:
                self.partial.replace(target or self.file)
