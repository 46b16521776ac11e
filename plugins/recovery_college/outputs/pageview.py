"""What every rendered page needs to know about its language and its siblings.

The plugin builds one PageView per page; templates only read from it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from recovery_college.content.languages import Language
from recovery_college.content.loading import Project
from recovery_college.outputs.sitemap import Alternate


@dataclass(frozen=True)
class PageView:
    lang: str
    direction: str
    content_lang: str  # the language of the page's text: the default one where untranslated
    content_dir: str  # and its direction
    default_lang: str  # the site's reference language (x-default in the page head)
    fallback: bool
    site_root: str
    lang_root: str
    alternates: tuple[Alternate, ...]
    # The address search engines should index for this text: the page's own, or for a
    # fallback (the Danish text shown with a notice) the Danish page it shows.
    canonical: str | None = None

    @property
    def hreflang(self) -> tuple[Alternate, ...]:
        """The real translations to pair in the page head: none on a fallback, which is
        not a translation but the Danish page again."""
        if self.fallback:
            return ()
        return tuple(alt for alt in self.alternates if alt.translated)


def canonical(
    own: str | None, fallback: bool, alternates: tuple[Alternate, ...], default: str
) -> str | None:
    """A fallback's canonical address is the default language's page; others keep their own."""
    if fallback:
        for alt in alternates:
            if alt.lang == default and alt.translated:
                return alt.absolute
    return own


def page_address(rel: str) -> str:
    """The address of a page below its language root, from its source path:
    guides/pause.md -> guides/pause/, index.md -> "" (directory URLs, as MkDocs makes them)."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def site_root(lang_root: str, language: Language) -> str:
    """Relative path from a page to the site root, where the shared search bundle lives."""
    return lang_root if language.is_default else posixpath.normpath(posixpath.join(lang_root, ".."))


def alternates(
    project: Project,
    rel: str | None,
    url: str,
    root: str,
    base_url: str,
    declared: list[str] | None = None,
    everywhere: bool = True,
) -> tuple[Alternate, ...]:
    """The same page in every language; `translated` says whether it is really translated.

    Markdown pages are translated where the language has the file; a generated page may
    declare its real languages (`languages:` in its front matter); otherwise it is in all.
    A page not built in every language (`everywhere` false: an easy-read page) leads the
    languages that lack it to their front page.
    """
    result = []
    for language in project.languages:
        if declared is not None:
            translated = language.code in declared
        else:
            translated = rel is None or project.has_page(language.code, rel)
        here = url if everywhere or translated else ""
        # root is "" for a site at the top of its domain when links must be absolute (404).
        href = (
            posixpath.join(root or "/", language.prefix + here)
            if here or language.prefix
            else root + "/"
        )
        if not href.endswith("/") and (here.endswith("/") or not here):
            href += "/"
        result.append(
            Alternate(
                lang=language.code,
                name=language.name,
                href=href,
                absolute=base_url + language.prefix + here,
                translated=translated,
            )
        )
    return tuple(result)
