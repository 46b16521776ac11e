"""Every link of a built site followed offline, before it is published.

A link to a page that does not exist, or to an `#anchor` that is not on its page, is a broken
promise to a reader; the build stops on it like on any other content error. The check reads the
built HTML of every language (hand-written pages and generated ones alike), so it sees links as
a reader's browser does; `source_position` leads each one back to the Markdown line that made it.
The test suite runs the same check over the example site (tests/quality.py).
"""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from recovery_college.content.messages import Messages, mark

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
SKIPPED_SCHEMES = {"mailto", "tel", "sms", "data", "javascript", "geo"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
SIGNATURES = {".pdf": b"%PDF-", ".ics": b"BEGIN:VCALENDAR"}

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


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = _Document()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.doc.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.doc.links.append((line, value.strip()))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.doc.links.append((line, candidate.split()[0]))
        if tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.doc.canonical = values["href"]

    handle_startendtag = handle_starttag


def _read(path: Path) -> _Document:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.doc


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


def check_links(site: Path) -> LinkReport:
    """Follow every link, image, script, form target and CSS url() of a built site, offline.

    A directory URL must hold index.html, a #fragment must be an id on the target page, PDF
    and iCalendar files must really be PDF and iCalendar. Links to other hosts are only
    collected; links to the site's own address (canonical, hreflang) are checked as files.
    """
    site = site.resolve()
    files = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    documents = {file: _read(file) for file in files}
    home = documents.get(site / "index.html")
    own = urlsplit(home.canonical) if home and home.canonical else None
    base_path = own.path if own else "/"
    problems: list[BrokenLink] = []
    external: set[str] = set()
    kinds: Counter[str] = Counter()
    starts: dict[Path, bytes] = {}
    outside = site.parent / "(outside the site)"

    def target_of(source: Path, url: str) -> tuple[Path, str] | None:
        """The file a link leads to and its fragment; None for other hosts and schemes."""
        parts = urlsplit(url)
        if parts.scheme in SKIPPED_SCHEMES:
            return None
        foreign = own is None or (parts.scheme, parts.netloc) != (own.scheme, own.netloc)
        if (parts.scheme or parts.netloc) and foreign:
            external.add(url)
            return None
        page_url = "/" + source.relative_to(site).as_posix()
        resolved = urlsplit(urljoin("http://site.invalid" + page_url, url))
        path = unquote(resolved.path)
        if parts.scheme or url.startswith("/"):
            if not path.startswith(base_path):
                return outside, resolved.fragment
            path = "/" + path[len(base_path) :]
        normal = posixpath.normpath(path)
        if normal.startswith("/.."):
            return outside, resolved.fragment
        target = site / normal.lstrip("/")
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target, unquote(resolved.fragment)

    def problem(target: Path, fragment: str) -> tuple[str, dict[str, str]] | None:
        if target == outside:
            return OUTSIDE, {}
        name = target.relative_to(site).as_posix()
        if not target.is_file():
            return MISSING, {"target": name}
        signature = SIGNATURES.get(target.suffix.lower())
        if signature and target not in starts:
            with target.open("rb") as handle:
                starts[target] = handle.read(len(signature))
        if signature and starts[target] != signature:
            return NOT_REAL, {"target": name, "kind": target.suffix}
        if fragment and target.suffix == ".html":
            ids = documents[target].ids if target in documents else _read(target).ids
            if fragment not in ids:
                return NO_ANCHOR, {"anchor": fragment, "page": page_name(site, target)}
        return None

    for source, doc in documents.items():
        for line, url in doc.links:
            if not url or url == "#":
                continue
            found = target_of(source, url)
            if found is None:
                continue
            kinds[found[0].suffix] += 1
            if result := problem(*found):
                problems.append(BrokenLink(source, line, url, *result))
    for sheet in sorted(site.rglob("*.css")):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(2).strip()
            found = target_of(sheet, url.split("#")[0]) if not url.startswith("#") else None
            if found is None:
                continue
            kinds[found[0].suffix] += 1
            if result := problem(found[0], ""):
                problems.append(BrokenLink(sheet, 1, url, *result))
    english = Messages("en")
    broken = [f"{page_name(site, p.file)} (line {p.line}): {p.message(english)}" for p in problems]
    return LinkReport(problems, broken, external, kinds.total(), kinds)


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
    for prefix in prefixes:
        record = site / prefix / SOURCES
        if record.is_file():
            for dest, source in json.loads(record.read_text(encoding="utf-8")).items():
                found[(site / prefix / dest).resolve()] = source
            record.unlink()
    return found


# --- Rewriting the links of a written page (the offline copy, the shared assets) ----------

_URL_ATTRIBUTE = re.compile(r'(?P<name>\b(?P<attribute>href|src|action)=")(?P<url>[^"]*)(?P<end>")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def site_path(url: str) -> tuple[str, str] | None:
    """A link within the site as its path and what follows the path (`?query#anchor`); None
    for an empty link, an anchor on the same page, and a link with a scheme or a host."""
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return None
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def rewrite_urls(
    text: str, retarget: Callable[[str], str], attributes: Iterable[str] = ("href", "src")
) -> str:
    """The page with the link in each of `attributes` (as written, quoted) passed through
    `retarget`."""
    chosen = set(attributes)
    return _URL_ATTRIBUTE.sub(
        lambda m: (
            m["name"] + (retarget(m["url"]) if m["attribute"] in chosen else m["url"]) + m["end"]
        ),
        text,
    )
