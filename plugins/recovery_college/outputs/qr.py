"""QR codes for print: a phone's camera finds the web page a printout is about."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_code(url: str, label: str) -> Markup | None:
    """An inline SVG QR code: no image file, no request, and it scales sharply in print."""
    if not url.startswith(("https://", "http://")):
        return None  # without site_url there is no public address to point to
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, title=label, dark="#000")
    return Markup(svg)
