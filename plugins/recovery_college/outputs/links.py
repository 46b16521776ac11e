"""Every link of a built site followed offline, before it is published.

A link to a page that does not exist, or to an `#anchor` that is not on its page, is a broken
promise to a reader; the build stops on it like on any other content error. The check reads the
built HTML of every language (hand-written pages and generated ones alike), so it sees links as
a reader's browser does; `source_position` leads each one back to the Markdown line that made it.
The test suite runs the same check over the example site (tests/quality.py).
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from recovery_college.content.messages import Messages, mark
from recovery_college.outputs.pagecache import ByContent

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
SKIPPED_SCHEMES = {"mailto", "tel", "sms", "data", "javascript", "geo"}
# A link with no scheme and no host, as templates and Markdown write links within the site.
_PLAIN_RELATIVE = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|/)[^\t\n\r]*$")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
SIGNATURES = {".pdf": b"%PDF-", ".ics": b"BEGIN:VCALENDAR"}
CACHE = Path(".cache") / "links"  # what each page holds, by its bytes (`check_links`)

OUTSIDE = mark('the link "%(url)s" leads outside the site.')
MISSING = mark(
    'the link "%(url)s" leads to a file that does not exist (%(target)s). Check the name of '
    "the page it should lead to, or remove the link."
)
NOT_REAL = mark('the link "%(url)s" leads to %(target)s, which is not a real %(kind)s file.')
NO_ANCHOR = mark(
    'the link "%(url)s" points to "#%(anchor)s", but %(page)s has no heading or element with '
    "that id. Check the part after #."
)


@dataclass
class _Document:
    links: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    canonical: str | None = None
    places: list[_Place] = field(default_factory=list)  # where each link leads (`_Resolver`)

    def to_record(self) -> tuple:
        """As plain data, for the cache of pages (pagecache.py)."""
        return (self.links, sorted(self.ids), self.canonical, self.places)

    @classmethod
    def from_record(cls, record: tuple) -> _Document:
        found, ids, canonical, places = record
        return cls([tuple(item) for item in found], set(ids), canonical, places)


# A built page is read by scanning its tags, not with Python's HTML parser: the check reads every
# page of every language on each build, and the scanner is three times faster with the same
# result on the site's pages (a comment, a doctype and the text of <script>, <style>,
# <textarea> and <title> hold no tags; attribute values may be quoted either way or not at all).
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"""|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW_TEXT = {
    name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "textarea", "title")
}


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), None)
        if value is not None and "&" in value:
            value = html.unescape(value)
        found.append((match[1].lower(), value))
    return found


def _scan(text: str) -> _Document:
    doc = _Document()
    at, line, counted = 0, 1, 0
    while match := _TOKEN.search(text, at):
        at = match.end()
        if match[1] is None:
            continue
        tag = match[1].lower()
        line += text.count("\n", counted, match.start())
        counted = match.start()
        attrs = _attributes(match[2])
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                doc.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                doc.links.append((line, value.strip()))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        doc.links.append((line, candidate.split()[0]))
        if tag == "link":
            values = dict(attrs)
            if values.get("rel") == "canonical" and values.get("href"):
                doc.canonical = values["href"]
        if tag in _RAW_TEXT:
            end = _RAW_TEXT[tag].search(text, at)
            at = end.end() if end else len(text)
    return doc


def _read(path: Path) -> _Document:
    return _scan(path.read_text(encoding="utf-8"))


def page_name(site: Path, file: Path) -> str:
    """How a reader would name a page: its URL path, `/en/guides/pause/` for its index.html."""
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@dataclass(frozen=True)
class BrokenLink:
    """One link that leads nowhere: the built file it is in, its line there, and why."""

    file: Path
    line: int
    url: str
    msgid: str
    params: dict[str, str]

    def message(self, messages: Messages) -> str:
        return messages.say(self.msgid, url=self.url, **self.params)


@dataclass(frozen=True)
class LinkReport:
    problems: list[BrokenLink]
    broken: list[str]  # each problem as a sentence that starts with its page (in English)
    external: set[str]
    checked: int
    kinds: Counter[str]  # checked links by the suffix of their target (.html, .pdf, .ics...)


def check_links(
    site: Path, cache: Path | None = None, coming: frozenset[str] = frozenset()
) -> LinkReport:
    """Follow every link, image, script, form target and CSS url() of a built site, offline.

    A directory URL must hold index.html, a #fragment must be an id on the target page, PDF
    and iCalendar files must really be PDF and iCalendar. Links to other hosts are only
    collected; links to the site's own address (canonical, hreflang) are checked as files.
    `cache` is a file that keeps what each page holds, its links already resolved, for the
    next check (pagecache.py): a page's links lead where they led while the page, its place
    and the site's address are the same. `coming` are the files, by their path below the
    site, that PDFs still rendering will be (pdf.PdfStage.coming): there, and real PDFs, as
    the stage fails the build when one cannot be made.
    """
    site = site.resolve()
    tree = SiteTree.walk(site)
    files, folders = tree.files, tree.folders
    home = site / "index.html"
    canonical = _read(home).canonical if home.is_file() else None
    own = urlsplit(canonical) if canonical else None
    resolver = _Resolver(own)
    reader = ByContent(cache, resolver.record)
    prefix = f"{canonical or ''}\0".encode()
    root = str(site)  # paths as strings: a Path for each of thousands of files took a third

    def start(file: str, size: int = -1) -> bytes:
        with open(os.path.join(root, file), "rb") as handle:
            return handle.read(size)

    documents = {
        file: _Document.from_record(reader(prefix + file.encode() + b"\0" + start(file)))
        for file in sorted(files)
        if file.endswith(".html")
    }
    problems: list[BrokenLink] = []
    external: set[str] = set()
    kinds: Counter[str] = Counter()
    starts: dict[str, bytes] = {}

    def problem(target: str, fragment: str) -> tuple[str, dict[str, str]] | None:
        if target == OUTSIDE_SITE:
            return OUTSIDE, {}
        if target in coming:
            return None
        if target not in files:
            return MISSING, {"target": target}
        suffix = posixpath.splitext(target)[1].lower()
        signature = SIGNATURES.get(suffix)
        if signature and target not in starts:
            starts[target] = start(target, len(signature))
        if signature and starts[target] != signature:
            return NOT_REAL, {"target": target, "kind": suffix}
        if fragment and suffix == ".html":
            ids = documents[target].ids if target in documents else _read(site / target).ids
            if fragment not in ids:
                return NO_ANCHOR, {"anchor": fragment, "page": page_name(site, site / target)}
        return None

    def outcome(place: tuple[str, str, bool]) -> tuple[tuple[str, dict[str, str]] | None, str]:
        path, fragment, directory = place
        target = path.lstrip("/") if path != OUTSIDE_SITE else OUTSIDE_SITE
        if path != OUTSIDE_SITE and (directory or target in folders or not target):
            target = posixpath.join(target, "index.html")
        return problem(target, fragment), posixpath.splitext(target)[1]

    # The stylesheets' url()s are followed as the pages' links are, each at its sheet's line 1.
    linked = list(documents.items())
    for sheet in sorted(f for f in files if f.endswith(".css")):
        text = (site / sheet).read_text(encoding="utf-8", errors="replace")
        urls = [match.group(2).strip() for match in CSS_URL.finditer(text)]
        urls = [url.split("#")[0] for url in urls if not url.startswith("#")]
        places = [resolver.place(sheet, url) for url in urls]
        linked.append((sheet, _Document([(1, url) for url in urls], places=places)))

    # Each place once: a site's 140,000 links lead to a few thousand places, and they are
    # counted by place first (Counter counts in C): following them one by one was 0.4 s of
    # every build's link check, on the way from the last page built to the published site.
    # A page's links are gone through only for a broken place, or for the address of a link
    # to another host.
    counted: Counter[_Place] = Counter()
    for _source, doc in linked:
        counted.update(doc.places)
    followed: dict[tuple[str, str, bool], tuple[str, dict[str, str]] | None] = {}
    for place, count in counted.items():
        if place is not None and place[0] != _EXTERNAL:
            followed[place], suffix = outcome(place)
            kinds[suffix] += count
    any_broken = any(result is not None for result in followed.values())
    for source, doc in linked:
        if not any_broken and _ELSEWHERE not in doc.places:
            continue
        for (line, url), place in zip(doc.links, doc.places, strict=True):
            if place is not None and place[0] == _EXTERNAL:
                external.add(url)
            elif place is not None and (result := followed[place]) is not None:
                problems.append(BrokenLink(site / source, line, url, *result))
    reader.save()
    english = Messages("en")
    broken = [f"{page_name(site, p.file)} (line {p.line}): {p.message(english)}" for p in problems]
    return LinkReport(problems, broken, external, kinds.total(), kinds)


OUTSIDE_SITE = "(outside the site)"
_EXTERNAL = "(another host)"
_ELSEWHERE = (_EXTERNAL, "", False)  # the place of every link to another host
# Where a link leads, as far as the page alone tells: None for a link that is not followed
# (mailto:, an empty link); else the path below the site (or OUTSIDE_SITE, or _EXTERNAL for
# another host), the #fragment, and whether the path ends in "/". Whether the path is a
# folder is decided when the link is followed: the site may have changed.
_Place = tuple[str, str, bool] | None


@dataclass(frozen=True)
class _Resolver:
    own: SplitResult | None  # the site's own address, from the home page's canonical link
    # Each place once: most links of a site lead to the same few thousand places (its
    # navigation, its assets), and the pages' records hold them all until the check ends.
    # Shared, they are also written once to the cache, and read back shared.
    known: dict[_Place, _Place] = field(default_factory=dict)

    def record(self, keyed: str) -> tuple:
        """What a page holds, with each link's place (`_Place`); `keyed` is the home page's
        canonical address, the page's path and its text, each ended by a zero."""
        _canonical, source, text = keyed.split("\0", 2)
        doc = _scan(text)
        known = self.known
        places = (self.place(source, url) for _line, url in doc.links)
        doc.places = [known.setdefault(place, place) for place in places]
        return doc.to_record()

    def place(self, source: str, url: str) -> _Place:
        if not url or url == "#":
            return None
        own = self.own
        if _PLAIN_RELATIVE.match(url):  # most links: the same as urljoin, ten times faster
            before, _, fragment = url.partition("#")
            written = before.partition("?")[0]
            page = "/" + source
            path = unquote(posixpath.join(posixpath.dirname(page), written) if written else page)
            absolute = False
        else:
            parts = urlsplit(url)
            if parts.scheme in SKIPPED_SCHEMES:
                return None
            foreign = own is None or (parts.scheme, parts.netloc) != (own.scheme, own.netloc)
            if (parts.scheme or parts.netloc) and foreign:
                return _ELSEWHERE
            resolved = urlsplit(urljoin("http://site.invalid/" + source, url))
            path, fragment = unquote(resolved.path), resolved.fragment
            absolute = bool(parts.scheme) or url.startswith("/")
        if absolute:
            base_path = own.path if own else "/"
            if not path.startswith(base_path):
                return OUTSIDE_SITE, fragment, False
            path = "/" + path[len(base_path) :]
        normal = posixpath.normpath(path)
        if normal.startswith("/.."):
            return OUTSIDE_SITE, fragment, False
        return normal, unquote(fragment), path.endswith("/")


@dataclass(frozen=True)
class SiteTree:
    """Every file and folder below a built site, by its path there: one walk instead of a
    look at the disk for each of a large site's hundred thousand links."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def walk(cls, site: Path, left_out: Iterable[str] = ("searchindex",)) -> SiteTree:
        """The tree without the folders named in `left_out`: by default the search indexes
        (`searchindex/` of each language), which no page links into and which hold a file
        for every page."""
        skipped = set(left_out)
        files: set[str] = set()
        folders: set[str] = set()
        for current, dirs, names in os.walk(site):
            rel = Path(current).relative_to(site).as_posix()
            dirs[:] = [d for d in dirs if d not in skipped]
            prefix = "" if rel == "." else rel + "/"
            folders.update(prefix + d for d in dirs)
            files.update(prefix + n for n in names)
        return cls(frozenset(files), frozenset(folders))


def source_position(markdown: str, url: str) -> tuple[int, int] | None:
    """The line of a page's Markdown that most likely holds a link that became `url` in HTML.

    MkDocs rewrites `pause.md#tid` to `../pause/#tid`; the anchor, the address as written, or
    the last part of the path find it again. None when none is there: the template made it.
    """
    parts = urlsplit(url)
    stem = posixpath.basename(parts.path.rstrip("/"))
    candidates = [f"#{parts.fragment}" if parts.fragment else "", url, stem]
    lines = markdown.splitlines()
    for candidate in (c for c in candidates if c):
        for number, text in enumerate(lines, start=1):
            if candidate in text:
                return number, text.index(candidate) + 1
    return None


SOURCES = ".page-sources.json"  # in each language's output while the site is being built


def write_sources(site_dir: Path, sources: dict[str, str | None]) -> None:
    """Which Markdown file each built page of one language came from (None: generated)."""
    (site_dir / SOURCES).write_text(json.dumps(sources, sort_keys=True), encoding="utf-8")


def take_sources(site: Path, prefixes: list[str]) -> dict[Path, str | None]:
    """Read and remove every language's record of sources, keyed by built file."""
    found: dict[Path, str | None] = {}
    site = site.resolve()  # once: each page's path resolved took 0.17 s of every build
    for prefix in prefixes:
        record = site / prefix / SOURCES
        if record.is_file():
            for dest, source in json.loads(record.read_text(encoding="utf-8")).items():
                found[site / prefix / dest] = source
            record.unlink()
    return found


# --- Rewriting the links of a written page (the offline copy, the shared assets) ----------

# Each name checked for a letter before it (as `\b` would) after it is found: a `\b` in front
# kept the regex engine from skipping ahead to the next "h", "s" or "a", three times slower.
_URL_ATTRIBUTE = re.compile(
    r'(?P<name>(?P<attribute>href(?<!\whref)|src(?<!\wsrc)|action(?<!\waction))=")'
    r'(?P<url>[^"]*)(?P<end>")'
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PATH_END = re.compile(r"[?#]")


def site_path(url: str) -> tuple[str, str] | None:
    """A link within the site as its path and what follows the path (`?query#anchor`); None
    for an empty link, an anchor on the same page, and a link with a scheme or a host."""
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None
    end = _PATH_END.search(url)
    cut = end.start() if end else len(url)
    return url[:cut], url[cut:]


def rewrite_urls(
    text: str,
    retarget: Callable[[str], str],
    attributes: Iterable[str] = ("href", "src"),
    containing: str = "",
) -> str:
    """The page with the link in each of `attributes` (as written, quoted) passed through
    `retarget`; with `containing`, only the links that contain it (the rest are left as they
    are without a call: a large site's pages have a hundred thousand links)."""
    chosen = set(attributes)
    pattern = _url_attribute(containing)
    return pattern.sub(
        lambda m: (
            m["name"] + (retarget(m["url"]) if m["attribute"] in chosen else m["url"]) + m["end"]
        ),
        text,
    )


@functools.cache
def _url_attribute(containing: str) -> re.Pattern[str]:
    if not containing:
        return _URL_ATTRIBUTE
    return re.compile(
        _URL_ATTRIBUTE.pattern.replace("(?P<url>", f'(?P<url>(?=[^"]*{re.escape(containing)})', 1)
    )
