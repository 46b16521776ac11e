"""Parsed content files kept on disk, so that a new build process does not parse them again.

Every `./scripts/build` and every publishing pipeline is a new process. Before it built a
page, each one read and checked the whole project: at 1,000 offerings 1.7 s of CPU on one
core, the YAML with the position of every value about 1.0 s of it, while the other core had
nothing to do. `yamlsource.ParseCache` keeps parses only inside one process (the preview's
rebuilds, the forked language builds). This keeps them between processes.

A file's parses and what was checked from them (`ParseCache.derive`: its models and its
problems, in the editor's language) are one pickle below `.cache/parsed/<code>/`, named by
the file's path, with the digest of the bytes they were made from: they are used only while
the file holds exactly those bytes, and only by the code that made them (`code`: Python, the
installed packages and the plugin, whose classes are in the pickle). A pickle that cannot
be read back is parsed again.

Reading a pickle runs code, so the store is only ever the build's own: `.cache/` is never
published or committed, and the publishing pipelines keep only `.cache/pdf` between runs
(.github/workflows/publish.yml, .gitlab-ci.yml). Never restore `.cache/parsed` from a cache
that others can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDER = Path(".cache") / "parsed"


@dataclass
class Kept:
    """What the cache knew of one file's bytes."""

    digest: bytes  # of the file's bytes
    parses: dict[str, Any]  # how it was read -> the parse
    # (name, how) -> (the parse it was made from, the value): the parse is one of `parses`,
    # the same object after a round trip through one pickle.
    derived: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict)


class ParseStore:
    """The kept parses of one project, made by one version of the code."""

    def __init__(self, root: Path, code: str):
        self.root = root  # the project: only its files are kept
        self.top = root / FOLDER
        self.folder = self.top / code[:32]

    def read(self, path: Path, digest: bytes) -> Kept | None:
        """The parses kept for `path` if they were made from bytes with this digest."""
        try:
            with self._file(path).open("rb") as handle:
                kept = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # broken, cut short or not ours: the file is parsed again
            return None
        if not isinstance(kept, Kept) or kept.digest != digest:
            return None
        return kept

    def write(self, path: Path, kept: Kept) -> None:
        """Keep a file's parses; a cache that cannot be written is only slower."""
        target = self._file(path)
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        with contextlib.suppress(
            OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle:
                pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(target)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)  # what a failed write left

    def prune(self, paths: set[Path]) -> None:
        """Delete what older code kept, and the parses of files that are gone: only the
        files of `paths` are still read."""
        names = {self._file(path).name for path in paths}
        with contextlib.suppress(OSError):
            for other in self.top.iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            for old in self.folder.iterdir():
                if old.name not in names:
                    old.unlink(missing_ok=True)

    def _file(self, path: Path) -> Path:
        name = hashlib.blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=16)
        return self.folder / f"{name.hexdigest()}.pickle"
