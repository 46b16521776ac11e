"""The site's static files: one shared `assets/` folder, and nothing a page does not load.

Each language is its own MkDocs build, and each build copies the theme's files into its own
`assets/`. Served as `/assets/`, `/en/assets/` and `/ar/assets/`, the same stylesheets and fonts
had three addresses, so a visitor who switched language downloaded them again. After the
languages are put together, `share` deletes a language's copy of every file that is identical
(byte for byte) to the one at the site's root and points that language's pages at the root's.
A language's preview (`engine/preview.py`) builds only that language and keeps its own copy.

Material for MkDocs ships a script bundle, a search worker, lunr's language files and source
maps (2.3 MB); the site loads none of them (`theme/main.html`), so `unused_theme_file` keeps them
out of every build. Material's stylesheets are written for every feature it has: `trim_css`
keeps only the rules that can match an element on one of the site's pages (137 KB to about 40).
"""

from __future__ import annotations

import filecmp
import html
import json
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from mkdocs.structure.files import File
from tinycss2.ast import AtRule, Node, QualifiedRule

from recovery_college.outputs import links
from recovery_college.outputs.pagecache import ByContent

# Material's own files that no page loads: its script bundle and search worker (JavaScript),
# lunr's language files, source maps, and its default favicon (ours is an SVG).
_UNUSED_MATERIAL = re.compile(r"^assets/javascripts/|\.map$|^assets/images/favicon\.png$")

# Material's stylesheets, trimmed to what the pages use; ours are written for this site.
MATERIAL_CSS = ("main.*.min.css", "palette.*.min.css")

# Folders whose pages do not use the site's stylesheets: the browser editor has its own.
_NOT_PAGES = {"admin", "searchindex"}

# An attribute follows white space; `\s` rather than `\b` lets the pattern skip ahead (3x faster
# over a large site's pages).
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_DATA_ATTRIBUTE = re.compile(r'\s(data-[\w-]+)="([^"]*)"')


def unused_theme_file(src_uri: str, abs_src_path: str | None, material: Iterable[Path]) -> bool:
    """A file from Material's folders (`material`; not our theme/ nor the content) that no page
    of the site loads."""
    if abs_src_path is None or not _UNUSED_MATERIAL.search(src_uri):
        return False
    return any(Path(abs_src_path).is_relative_to(folder) for folder in material)


# --- One assets folder for every language ------------------------------------------------


RECORD = ".assets.json"  # in each language's output while the site is being built
CACHE = Path(".cache") / "pageassets"  # what each page uses, by language (`page_notes`)


def page_notes(file: Path | None) -> ByContent:
    """What each page uses (`PageAssets.found`), kept in `file` between builds."""
    return ByContent(file, _found)


def theme_copies(files: Iterable[File], own_docs: Path, root_docs: Path) -> set[str]:
    """The files below `assets/` a language build copies from the theme (not from its own
    pages' folder `own_docs`) that the main language's build copies from the theme too (its
    folder `root_docs` has no file of that name): the same file, byte for byte, at the root."""
    return {
        file.dest_uri[len("assets/") :]
        for file in files
        if file.dest_uri.startswith("assets/")
        and file.abs_src_path is not None
        and not Path(file.abs_src_path).is_relative_to(own_docs)
        and not (root_docs / file.src_uri).exists()
    }


@dataclass
class PageAssets:
    """What one language build does for the site's one `assets/` folder, page by page.

    A language other than the main one (`prefix` 'en/') points its pages at the root's copy
    of each theme file (`shared`) as it writes them, and every build notes the classes and
    `data-` values its pages use, for `trim_css`. Both are done in the language builds, side
    by side, rather than after them in the driver, where they were two seconds of every build
    at 1,000 offerings. The driver checks the copies really are the same (`share`).
    """

    prefix: str = ""
    shared: set[str] = field(default_factory=set)
    used: _Used = field(default_factory=lambda: _Used())
    # What each page uses, kept between builds by the hash of its text (pagecache.py): after
    # one change nearly every page is what it was, and reading its classes again took 0.3 s
    # of CPU a language at 1,000 offerings.
    found: ByContent = field(default_factory=lambda: page_notes(None))

    def page(self, html: str, dest: str) -> str:
        """A written page (`dest` below the language's root), pointed at the root's assets."""
        self.note(html, dest)
        if not self.shared:
            return html
        folder = posixpath.dirname(self.prefix + dest)
        return _point_at_root(html, folder, self.prefix, self.shared)

    def note(self, html: str, dest: str) -> None:
        """The classes and `data-` values of a page (`dest`), for `trim_css`."""
        classes, data = self.found(html.encode("utf-8", "xmlcharrefreplace"))
        self.used.classes.update(classes)
        self.used.data.update(data)
        self.used.pages.add(dest)

    def write(self, site_dir: Path) -> None:
        """The record for the driver (`share`, `trim_css`), with the classes of any page that
        was not written through `page` (an HTML file among a school's pages)."""
        for current, dirs, names in os.walk(site_dir):
            if Path(current) == site_dir:
                dirs[:] = [d for d in dirs if d not in _NOT_PAGES]
            for name in names:
                path = Path(current) / name
                rel = path.relative_to(site_dir).as_posix()
                if name.endswith(".html") and rel not in self.used.pages:
                    self.note(path.read_text(encoding="utf-8"), rel)
        self.found.save()
        record = {
            "shared": sorted(self.shared),
            "classes": sorted(self.used.classes),
            "data": sorted(self.used.data),
        }
        (site_dir / RECORD).write_text(json.dumps(record), encoding="utf-8")


def _records(site: Path, prefixes: Iterable[str]) -> Iterator[tuple[str, dict]]:
    for prefix in prefixes:
        record = site / prefix / RECORD
        if record.is_file():
            yield prefix, json.loads(record.read_text(encoding="utf-8"))


def share(site: Path, prefixes: Iterable[str]) -> None:
    """Delete each language's copies of the root's assets that its pages no longer load.

    `prefixes` are the languages' folders below the site ('en/'); each language build named
    the files it shares in its record (`PageAssets`). A copy that is not the same as the root's
    is a fault of the build: its pages would show the root's file, so the build stops.
    """
    for prefix, record in _records(site, prefixes):
        if not prefix:
            continue
        own, root = site / prefix / "assets", site / "assets"
        for rel in record["shared"]:
            copy, twin = own / rel, root / rel
            if not (copy.is_file() and twin.is_file() and filecmp.cmp(copy, twin, shallow=False)):
                raise ValueError(f"{prefix}assets/{rel} is not the same as assets/{rel}")
            copy.unlink()
        _remove_empty(own)


def _remove_empty(folder: Path) -> None:
    if not folder.is_dir():
        return
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()


def _point_at_root(text: str, folder: str, prefix: str, shared: set[str]) -> str:
    """The page (in `folder` below the site) with its links to a shared asset leading to the
    root's `assets/`."""
    own = "/" + prefix + "assets/"

    def retarget(url: str) -> str:
        parts = links.site_path(url)
        if parts is None:
            return url
        path, rest = parts
        if path.startswith("/"):  # absolute, as on the 404 page: /<base>/en/assets/...
            at = path.rfind(own)
            if at < 0 or path[at + len(own) :] not in shared:
                return url
            return path[:at] + "/assets/" + path[at + len(own) :] + rest
        target = posixpath.normpath(posixpath.join(folder, path))
        if not target.startswith(own[1:]) or target[len(own) - 1 :] not in shared:
            return url
        return posixpath.relpath("assets/" + target[len(own) - 1 :], folder) + rest

    return links.rewrite_urls(text, retarget, containing="assets/")


# --- Material's stylesheets, trimmed to the rules the pages use --------------------------


def trim_css(site: Path, prefixes: Iterable[str]) -> None:
    """Remove from Material's stylesheets every rule whose selectors name a class (or a
    `data-` attribute value) that no page of the site has, as the language builds noted them
    (`PageAssets`). Pages load no script of Material's, so no element gets a class of
    Material's after the page is written; our scripts add only our own `rc-` classes, which
    are in site.css. Unknown constructs are kept. The records are removed."""
    used = _Used()
    for prefix, record in list(_records(site, prefixes)):
        used.classes.update(record["classes"])
        used.data.update((name, value) for name, value in record["data"])
        (site / prefix / RECORD).unlink()
    folder = site / "assets" / "stylesheets"
    for pattern in MATERIAL_CSS:
        for sheet in folder.glob(pattern):
            rules = tinycss2.parse_stylesheet(
                sheet.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True
            )
            sheet.write_text("".join(_kept(rules, used)) + "\n", encoding="utf-8")


class _Used:
    """The classes and `data-` attribute values on the site's pages."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.data: set[tuple[str, str]] = set()
        self.pages: set[str] = set()  # the pages read, below the language's root


def _found(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The classes and `data-` attribute values on a page, as `marshal` can keep them."""
    names = " ".join(_CLASS_ATTRIBUTE.findall(text))
    classes = sorted(set((html.unescape(names) if "&" in names else names).split()))
    data = sorted({(name, html.unescape(value)) for name, value in _DATA_ATTRIBUTE.findall(text)})
    return classes, data


_GROUPING = {"media", "supports", "layer", "container"}


def _kept(rules: Iterable[Node], used: _Used) -> Iterator[str]:
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = [s.strip() for s in _split_selectors(tinycss2.serialize(rule.prelude))]
            alive = [s for s in selectors if _may_match(s, used)]
            if alive:
                yield ",".join(alive) + "{" + tinycss2.serialize(rule.content) + "}"
        elif isinstance(rule, AtRule):
            if rule.lower_at_keyword in _GROUPING and rule.content is not None:
                inner = "".join(
                    _kept(
                        tinycss2.parse_blocks_contents(
                            rule.content, skip_whitespace=True, skip_comments=True
                        ),
                        used,
                    )
                )
                if inner:
                    prelude = tinycss2.serialize(rule.prelude)
                    yield f"@{rule.at_keyword}{prelude}{{{inner}}}"
            else:  # @font-face, @keyframes, @page, @charset...: kept as they are
                yield tinycss2.serialize([rule])


def _split_selectors(prelude: str) -> list[str]:
    """`a,b:is(c,d)` into `a` and `b:is(c,d)`: commas inside brackets do not separate."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append(prelude[start:at])
            start = at + 1
    parts.append(prelude[start:])
    return parts


# A selector list inside these may match without any one of its classes (`a:not(.x)`): what
# is inside is not required, so it is left out of the test.
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_DATA_EQUALS = re.compile(r"""\[(data-[\w-]+)=["']?([^"'\]]*)["']?\]""")


def _may_match(selector: str, used: _Used) -> bool:
    """False only when the selector needs a class or a `data-x=value` no page has."""
    required = _without_functions(selector)
    classes = _CLASS.findall(_ATTRIBUTE.sub("", required))
    if any(name not in used.classes for name in classes):
        return False
    return all(pair in used.data for pair in _DATA_EQUALS.findall(required))


def _without_functions(selector: str) -> str:
    out, at = [], 0
    while match := _FUNCTIONAL.search(selector, at):
        out.append(selector[at : match.start()])
        depth, at = 1, match.end()
        while at < len(selector) and depth:
            depth += selector[at] == "("
            depth -= selector[at] == ")"
            at += 1
    out.append(selector[at:])
    return "".join(out)
