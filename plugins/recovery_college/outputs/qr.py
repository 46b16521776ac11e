"""QR codes for print: a phone's camera finds the web page a printout is about."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import segno
from markupsafe import Markup

CACHE = Path(".cache") / "qr"  # below the project root, next to the PDF cache


def qr_code(url: str, label: str, cache: Path | None = None) -> Markup | None:
    """An inline SVG QR code: no image file, no request, and it scales sharply in print.

    `cache` is a folder that keeps each code between builds: choosing the best of eight masks
    is most of the work, and every build asks again for the same few hundred addresses (a
    course's poster and programme, a session plan's handouts)."""
    if not url.startswith(("https://", "http://")):
        return None  # without site_url there is no public address to point to
    entry = None
    if cache is not None:
        key = json.dumps([segno.__version__, url, label], ensure_ascii=False)
        entry = cache / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.svg"
        if entry.is_file():
            return Markup(entry.read_text(encoding="utf-8"))
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, title=label, dark="#000")
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.part-{os.getpid()}")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(entry)  # whole or not at all: two language builds may write it at once
    return Markup(svg)
