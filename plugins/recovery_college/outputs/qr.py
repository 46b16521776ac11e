"""QR codes for print: a phone's camera finds the web page a printout is about."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from pathlib import Path

import segno
from markupsafe import Markup, escape

from recovery_college.outputs.pdf import PNG_DATA

CACHE = Path(".cache") / "qr"  # below the project root, next to the PDF cache


def qr_code(url: str, label: str, root: Path) -> Markup | None:
    """A QR code for a print template: a PNG image of one pixel a module, drawn without
    smoothing (`image-rendering: pixelated` in the print stylesheets), so it stays sharp at
    any size.

    It was an inline SVG path; WeasyPrint drew that path again wherever a code was printed,
    a quarter of a programme's time. An image is decoded once per document, however often
    a course appears in it. It is written into the document as a `data:` address: the
    document then holds all it shows (its PDF cache key covers the code), and the PDF does
    not depend on the folder the project is in. The image is kept below the project's
    `.cache/qr/`, named by the address it holds: choosing the best of eight masks is most of
    the work of making one, and every build asks again for the same few hundred addresses.
    `label` is its text for screen readers (the tagged PDF's alternative text).
    """
    if not url.startswith(("https://", "http://")):
        return None  # without site_url there is no public address to point to
    key = json.dumps([segno.__version__, "png-1", url], ensure_ascii=False)
    entry = root / CACHE / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.png"
    if entry.is_file():
        image = entry.read_bytes()
    else:
        buffer = io.BytesIO()
        segno.make(url, error="m", micro=False).save(
            buffer, kind="png", scale=1, border=2, dark="#000"
        )
        image = buffer.getvalue()
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.part-{os.getpid()}")
        partial.write_bytes(image)
        partial.replace(entry)  # whole or not at all: two language builds may write it at once
    src = PNG_DATA + base64.b64encode(image).decode("ascii")
    return Markup(f'<img class="qr-code" src="{src}" alt="{escape(label)}">')
