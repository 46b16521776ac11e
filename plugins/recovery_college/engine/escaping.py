"""Which templates escape every value they print: ours, all of them.

A title, summary, name or note from content goes into HTML text and attributes through our
templates; escaping there by default means a quote in a summary cannot end an attribute and
markup in a title is shown as text. Material's templates are left as they were written (they
expect some values to be HTML); main.html overrides each of their blocks that prints a value
from content. Trusted HTML is marked where it is made (`Markup`): the page body Markdown made,
QR codes, JSON-LD.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def our_templates(theme_dir: Path) -> Callable[[str | None], bool]:
    """Jinja's `autoescape` setting: true for a template name found in the site's theme/."""
    ours = {
        path.relative_to(theme_dir).as_posix()
        for path in theme_dir.rglob("*.html")
        if not path.relative_to(theme_dir).as_posix().startswith("pdf/")
    }

    def escape(name: str | None) -> bool:
        return name is not None and name in ours

    return escape
