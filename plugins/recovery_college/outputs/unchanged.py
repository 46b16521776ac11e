"""Files a language build makes that the published site already has, byte for byte: linked
from there instead of written again.

A build writes every language into a new folder and swaps it in (engine/build.py). After one
changed offering nearly every page, calendar and feed is what the published site holds, and
on this disk creating a file cost more than making what is in it: each language build of the
1,000-offering benchmark spent 1.3 to 1.6 s of system CPU creating its files (0.2 s on a RAM
disk). A hard link to the published file costs a directory entry. The bytes are compared
first, so a linked file is always exactly what the build made.

No step of a build writes into a file after it was made (a PDF is replaced, `pdf.place`), so
the published site is never changed through a link. A preview does not link: it writes its
error page into its own pages (engine/preview.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Unchanged:
    """Links or writes the files of one language build."""

    published: Path | None  # the published folder of what is made (a language's); None: write all

    def place(self, data: bytes, target: Path, rel: str) -> bool:
        """Link the published file `rel` (below `published`) to `target` when it holds
        exactly `data`; False when the file must be written."""
        if self.published is None:
            return False
        source = self.published / rel
        try:
            if source.stat().st_size != len(data) or source.read_bytes() != data:
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        except OSError:  # not there, another file system, or `target` exists: write it
            return False
        return True

    def write(self, data: bytes, target: Path, rel: str) -> None:
        """`data` to `target`: linked when the published site has it, else written."""
        if not self.place(data, target, rel):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a new file, never a linked one changed in place
            target.write_bytes(data)
