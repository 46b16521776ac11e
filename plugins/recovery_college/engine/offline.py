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

import functools
import html
import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from recovery_college.outputs import links

# What the offline copy leaves out: the search index, the error page (its links start at the
# web server's root), and files only a web server reads.
LEFT_OUT_DIRS = {"searchindex"}
LEFT_OUT_FILES = {"404.html", "_headers", ".htaccess"}
# Files that are compressed already, stored as they are: deflating the PDFs again took a
# second at 1,000 offerings and made them 4 % smaller.
COMPRESSED = {".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip"}

_PAGE_LIST = re.compile(r'(?P<name>data-pages=")(?<!\wdata-pages=")(?P<urls>[^"]*)(?P<end>")')
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


def local_target(tree: links.SiteTree, page: str, url: str) -> str:
    """The link of the page at `page` (its path below the site) as it must read from disk:
    `index.html` added where it leads to a folder that has one in `tree`."""
    return _Page(tree, page).local(url)


@dataclass(frozen=True)
class _Page:
    """One page of the copy, by its path below the site, and what the site holds."""

    tree: links.SiteTree
    path: str

    @functools.cached_property
    def folder(self) -> str:
        return posixpath.dirname(self.path)

    def local(self, url: str) -> str:
        parts = links.site_path(url)
        if parts is None or url.startswith("/"):
            return url
        path, rest = parts
        if not path:
            return url
        # Only a folder holds a file: its index in the tree is enough.
        written = unquote(html.unescape(path))
        index = posixpath.normpath(posixpath.join(self.folder, written, "index.html"))
        if index in self.tree.files:
            return path + ("" if path.endswith("/") else "/") + "index.html" + rest
        return url

    def rewritten(self, text: str) -> str:
        """The page's text for the copy: file links, no search box, the search page's
        offline note."""
        text = _SEARCH_FORM.sub("", text)
        text = _SEARCH_UI.sub(lambda m: f'<p class="rc-search-status">{m["note"]}</p>', text)
        text = _SEARCH_SCRIPT.sub("", text)
        text = links.rewrite_urls(text, self.local, attributes=("href", "src", "action"))
        return _PAGE_LIST.sub(
            lambda m: m["name"] + " ".join(map(self.local, m["urls"].split())) + m["end"], text
        )


def make_archive(site: Path, archive: Path) -> OfflineReport:
    """The zip: one folder named like the archive, with `index.html` at its top.

    Written straight from `site/`, each page rewritten on its way in, and each link's target
    looked up in one walk of the site (links.SiteTree). Copying the site to a folder first
    and asking the disk about every link took 17.8 s at 1,000 offerings, longer than the
    build after one change that it follows in the pipelines."""
    if not (site / "index.html").is_file():
        raise NoSite(site)
    archive = archive.resolve()
    tree = links.SiteTree.walk(site, left_out=LEFT_OUT_DIRS)
    names = sorted(n for n in tree.files if posixpath.basename(n) not in LEFT_OUT_FILES)
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".part")
    pages = 0
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name in names:
                path = site / name
                entry = zipfile.ZipInfo.from_file(path, f"{archive.stem}/{name}")
                if name.endswith(".html"):
                    text = _Page(tree, name).rewritten(path.read_text(encoding="utf-8"))
                    bundle.writestr(entry, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
                    pages += 1
                    continue
                compressed = posixpath.splitext(name)[1].lower() in COMPRESSED
                entry.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
                with path.open("rb") as source, bundle.open(entry, "w") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
        partial.replace(archive)
    finally:
        partial.unlink(missing_ok=True)
    return OfflineReport(archive=archive, pages=pages, size=archive.stat().st_size)
