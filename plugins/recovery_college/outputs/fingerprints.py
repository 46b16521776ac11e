"""What a page's context holds from the term schedules, written out as a fingerprint.

A page is kept from the last build while its key is the same (engine/rendercache.py), and
the key holds what the features put into its context from the term schedules. The same
fingerprints say when a run's calendar events and its entry in courses.json are what the
last build wrote (`Fingerprints.made`). One `Fingerprints` a language build, shared through its
`BuildContext`: each view is digested once, whoever asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import Any, cast


class Fingerprints:
    """What the features put into a page's context from the term schedules, written out in
    full. Their views are frozen dataclasses and models of plain data, whose `repr` holds
    every field. Lists and dicts of them are walked here, and each object's `repr` is made
    and digested once per build: a term with hundreds of offerings, and each offering, are on
    many pages. An object without a `repr` of its own cannot be written out: its page is
    always rendered.

    A view that holds other views (a course's runs, a month's) says so (`WALKED`): it is
    walked field by field, so that each view in it is the one digested once, not written out
    again inside every month and course page that shows it (its `repr` was 60 KB of text,
    and those two kinds were most of the page keys' time). Walking every view down to its
    dates instead cost as much as the text."""

    def __init__(self) -> None:
        # id -> (the object, kept so that its id is not reused; its digest)
        self._known: dict[int, tuple[object, str | None]] = {}
        # Everything else text made from a view may depend on: the project's files but the
        # term schedules, the software and the plugin's code (the render cache's inputs,
        # engine/rendercache.py), set by the plugin when it knows them (`made`).
        self.made_with = ""

    def made(self, view: Any) -> str | None:
        """The key of text the code makes from `view` (a run's calendar events, its entry in
        courses.json), kept for the next build: the view's fingerprint and `made_with`, so
        a new version of the code, or an edited translation, makes the text again. None
        (nothing kept) until `made_with` is known, or for a view without a fingerprint."""
        fingerprint = self.of(view)
        if not self.made_with or fingerprint is None:
            return None
        return digest_parts([self.made_with, fingerprint])

    def of(self, value: Any) -> str | None:
        if value is None or isinstance(value, _PLAIN):
            return repr(value)
        if isinstance(value, (list, tuple)):
            parts = [self.of(item) for item in value]
            return None if None in parts else "[" + ",".join(cast(list[str], parts)) + "]"
        if isinstance(value, dict):
            return self.of([(key, item) for key, item in value.items()])
        known = self._known.get(id(value))
        if known is None:
            self._known[id(value)] = known = (value, self._digest(value))
        return known[1]

    def _digest(self, value: Any) -> str | None:
        if getattr(value, WALKED, False) and dataclasses.is_dataclass(value):
            parts = [self.of(getattr(value, item.name)) for item in dataclasses.fields(value)]
            if None in parts:
                return None
            return digest_parts([type(value).__qualname__, *cast(list[str], parts)])
        text = repr(value)
        return None if _NO_REPR.search(text) else digest_parts([text])


# A class attribute of a view dataclass whose fields hold other views: `Fingerprints` walks it.
WALKED = "fingerprint_fields"
_PLAIN = (str, int, float, dt.date)  # bool is an int, a datetime a date
_NO_REPR = re.compile(r" object at 0x[0-9a-f]+>")


def digest_parts(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
