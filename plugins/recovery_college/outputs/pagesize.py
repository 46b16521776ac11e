"""Keeping every page small: the indentation the templates leave behind is taken out.

Material's templates and ours are indented for people to read; in the built page that
indentation was about a sixth of every page's bytes, on every page view. A run of white
space that starts a line is replaced by the line break alone: a browser shows white space
between tags the same however long the run is, so nothing changes on screen or for a screen
reader. The contents of <pre>, <textarea>, <script> and <style> are left exactly as they are.
Each page is compacted as it is written: reading every page back after the build and writing
it again took 0.08 s of each `serve` rebuild of the example site, and more on a busy disk.
"""

from __future__ import annotations

import re

from recovery_college.outputs.feature import Feature

_WHITESPACE = re.compile(
    r"(<(pre|textarea|script|style)\b[^>]*>.*?</\2\s*>)|\n[ \t\r\n]+", re.S | re.IGNORECASE
)


def compact(html: str) -> str:
    return _WHITESPACE.sub(lambda m: m.group(1) or "\n", html)


class PageSizeFeature(Feature):
    """Runs last: compacts every page after the other features' changes."""

    def page_output(self, html: str) -> str:
        return compact(html)
