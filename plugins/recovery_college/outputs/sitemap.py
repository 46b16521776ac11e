"""sitemap.xml with hreflang alternates, so search engines pair the language versions."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr


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
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        out.append(f"  <url>\n    <loc>{_escape(entry.loc)}</loc>")
        for alt in entry.alternates:
            if alt.translated:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="{alt.lang}" href={quoteattr(alt.absolute)}/>'
                )
            if alt.lang == default_lang:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(alt.absolute)}/>'
                )
        out.append("  </url>")
    out.append("</urlset>\n")
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
