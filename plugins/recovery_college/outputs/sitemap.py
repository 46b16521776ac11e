"""sitemap.xml with hreflang alternates, so search engines find every language's pages and
pair the language versions.

Each language's build writes the sitemap of its own pages at its root (`en/sitemap.xml`) and a
record of its entries; once every language is built, `combine` writes the site's sitemap at
the root, where search engines look for it, with the pages of every language as entries of
their own. A page shown in Danish because it is not translated (a fallback) is not an entry:
its canonical address is the Danish page.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

RECORD = ".sitemap-entries.json"  # in each language's output while the site is being built


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    href: str
    absolute: str
    translated: bool


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    alternates: tuple[Alternate, ...]


def render(entries: list[SitemapEntry], default_lang: str) -> str:
    """The sitemap; each entry's alternates are its real translations (itself included)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in sorted(entries, key=lambda e: e.loc):
        out.append(f"  <url>\n    <loc>{_escape(entry.loc)}</loc>")
        for alt in entry.alternates:
            if alt.translated:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="{alt.lang}" href={quoteattr(alt.absolute)}/>'
                )
            if alt.translated and alt.lang == default_lang:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(alt.absolute)}/>'
                )
        out.append("  </url>")
    out.append("</urlset>\n")
    return "\n".join(out)


def write(folder: Path, entries: list[SitemapEntry], default_lang: str) -> None:
    """sitemap.xml and its gzip copy in a folder."""
    xml = render(entries, default_lang)
    target = folder / "sitemap.xml"
    target.write_text(xml, encoding="utf-8")
    with gzip.GzipFile(target.with_suffix(".xml.gz"), "wb", mtime=0) as handle:
        handle.write(xml.encode("utf-8"))


def record(site_dir: Path, entries: list[SitemapEntry]) -> None:
    """Keep one language's entries for `combine`."""
    data = [asdict(entry) for entry in entries]
    (site_dir / RECORD).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


def combine(site: Path, prefixes: list[str], default_lang: str) -> None:
    """The site's sitemap at its root: every language's entries; the records are removed."""
    entries: list[SitemapEntry] = []
    for prefix in prefixes:
        path = site / prefix / RECORD
        if not path.is_file():
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            alternates = tuple(Alternate(**alt) for alt in item["alternates"])
            entries.append(SitemapEntry(item["loc"], alternates))
        path.unlink()
    write(site, entries, default_lang)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
