"""An offline copy of the built site: a zip archive that works opened from disk (file://).

A school hands it out on a USB stick, or keeps it for a meeting room without a network. On
the web a link to `courses/` shows `courses/index.html`; a browser reading files from disk
shows a folder listing instead, or nothing. So the copy's links are rewritten to name the
file (`courses/index.html`), decided by what is on disk: a link whose target is a folder with
an `index.html` gets it added, anything else is left as it is. Links stay relative, as the
build writes them, so the copy works wherever it is unpacked.

Search cannot work from disk (the browser refuses to load the search index from file://), so
the copy has no search box, no index, and its search pages say so in their own language (the
text is the search page's `data-offline`, translated with the site's other words). The copy is
made from a finished `site/`, never changes it, and costs no second build.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from recovery_college.outputs import links

# What the offline copy leaves out: the search index, the error page (its links start at the
# web server's root), and files only a web server reads.
LEFT_OUT_DIRS = {"searchindex"}
LEFT_OUT_FILES = {"404.html", "_headers", ".htaccess"}

_PAGE_LIST = re.compile(r'(?P<name>\bdata-pages=")(?P<urls>[^"]*)(?P<end>")')
_SEARCH_FORM = re.compile(r'<form class="rc-search"[^>]*>.*?</form>\s*', re.DOTALL)
_SEARCH_UI = re.compile(
    r'<div class="rc-search-ui" data-offline="(?P<note>[^"]*)">.*?</div>', re.DOTALL
)
_SEARCH_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/search\.js"></script>\s*')


class NoSite(Exception):
    """There is no built site to copy (`path` names where it was looked for)."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


@dataclass(frozen=True)
class OfflineReport:
    archive: Path
    pages: int
    size: int  # bytes


def local_target(page: Path, url: str) -> str:
    """The link as it must read from disk: `index.html` added where it leads to a folder."""
    parts = links.site_path(url)
    if parts is None or url.startswith("/"):
        return url
    path, rest = parts
    if not path:
        return url
    target = page.parent / unquote(html.unescape(path))
    if target.is_dir() and (target / "index.html").is_file():
        return path + ("" if path.endswith("/") else "/") + "index.html" + rest
    return url


def rewrite_page(page: Path, text: str) -> str:
    """One page of the copy: file links, no search box, the search page's offline note."""
    text = _SEARCH_FORM.sub("", text)
    text = _SEARCH_UI.sub(lambda m: f'<p class="rc-search-status">{m["note"]}</p>', text)
    text = _SEARCH_SCRIPT.sub("", text)
    text = links.rewrite_urls(
        text, lambda url: local_target(page, url), attributes=("href", "src", "action")
    )
    return _PAGE_LIST.sub(
        lambda m: (
            m["name"] + " ".join(local_target(page, url) for url in m["urls"].split()) + m["end"]
        ),
        text,
    )


def _copy(site: Path, copy: Path) -> None:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in LEFT_OUT_FILES or (name in LEFT_OUT_DIRS and Path(folder, name).is_dir())
        }

    shutil.copytree(site, copy, ignore=ignore)


def make_copy(site: Path, copy: Path) -> int:
    """Copy `site` to `copy` with every page rewritten for reading from disk; the page count."""
    if not (site / "index.html").is_file():
        raise NoSite(site)
    _copy(site, copy)
    pages = 0
    for page in sorted(copy.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        page.write_text(rewrite_page(page, text), encoding="utf-8")
        pages += 1
    return pages


def make_archive(site: Path, archive: Path) -> OfflineReport:
    """The zip: one folder named like the archive, with `index.html` at its top."""
    archive = archive.resolve()
    with tempfile.TemporaryDirectory(prefix="offline-") as work:
        copy = Path(work) / archive.stem
        pages = make_copy(site, copy)
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    bundle.write(path, path.relative_to(copy.parent).as_posix())
        partial.replace(archive)
    return OfflineReport(archive=archive, pages=pages, size=archive.stat().st_size)
