"""What the build reads out of each written page, kept between builds by the hash of its bytes.

The link check and the search's word list read every page of every language on each build. After
a small change nearly every page is byte for byte what it was, so what was read from it last
time is still true. The cache is one file below `.cache/` (never published) and holds only the
pages of the last build, so it does not grow.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any


class ByContent:
    """A cache of one kind of reading (`read(text)`), keyed by the hash of a page's bytes.

    Values must be plain data (tuples, lists, strings, numbers) that `marshal` can write.
    Without a file, every page is read and nothing is kept.
    """

    def __init__(self, file: Path | None, read: Callable[[str], Any]):
        self.file = file
        self.read = read
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        if file is not None and file.is_file():
            try:
                self.old = marshal.loads(file.read_bytes())
            except (EOFError, ValueError, TypeError):
                self.old = {}  # written by another Python, or broken: read every page again
            if not isinstance(self.old, dict):
                self.old = {}

    def __call__(self, data: bytes) -> Any:
        key = hashlib.blake2b(data, digest_size=16).hexdigest()
        if key in self.new:
            return self.new[key]
        value = self.old[key] if key in self.old else self.read(data.decode("utf-8"))
        self.new[key] = value
        return value

    def save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(self.file.name + ".part")
        partial.write_bytes(marshal.dumps(self.new))
        partial.replace(self.file)
