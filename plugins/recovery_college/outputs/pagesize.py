"""Keeping every page small: the indentation the templates leave behind is taken out.

Material's templates and ours are indented for people to read; in the built page that
indentation was about a sixth of every page's bytes, on every page view. A run of white
space that starts a line is replaced by the line break alone: a browser shows white space
between tags the same however long the run is, so nothing changes on screen or for a screen
reader. The contents of <pre>, <textarea>, <script> and <style> are left exactly as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from recovery_college.outputs.feature import Feature

_WHITESPACE = re.compile(
    r"(<(pre|textarea|script|style)\b[^>]*>.*?</\2\s*>)|\n[ \t\r\n]+", re.S | re.IGNORECASE
)


def compact(html: str) -> str:
    return _WHITESPACE.sub(lambda m: m.group(1) or "\n", html)


class PageSizeFeature(Feature):
    """Runs last: compacts every HTML page this language's build wrote."""

    def post_build(self, site_dir: Path) -> None:
        for page in site_dir.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            smaller = compact(text)
            if smaller != text:
                page.write_text(smaller, encoding="utf-8")
