"""The search index of one language: small files a phone fetches a few of for a query.

The search page (assets/javascripts/search.js) must answer a first query with at most 100 KB
(DESIGN.md). Pagefind needed 113 KB of script and WebAssembly before it read any index, so the
site makes its own index here, in the format the page's script reads:

- `searchindex/entry.json`: the number of pages, the folder of this build's files, and the first
  word of each word file. A query fetches only the word files whose range holds its words.
- `searchindex/<key>/w<n>.json`: words in alphabetical order, each either a stem with its pages
  and scores, or a word form with its stem ("kurser" -> "kurs"), so the page can find every form
  of a word without a stemmer of its own.
- `searchindex/<key>/p<n>.json`: one page's address, title and the start of its text, for the
  result list; fetched ten at a time.

`<key>` is a hash of the index, so a browser holding an old `entry.json` never mixes two builds.

What is indexed is marked in the templates: the text inside `data-search-body`, outside
`data-search-ignore`; headings count more (h1 7 times, h2 6, ... h6 2); `data-search-weight`
scales a part (idea pages count half); `data-search-meta` adds the element's text, or one of its
attributes (`about[data-rc-about]`), as a field that counts more still (`FIELD_WEIGHTS`).
Stems come from the Snowball stemmer of the language (snowballstemmer; a language Snowball
has no stemmer for finds words by their start only). Pages are scored once, here, with BM25
(`IndexWriter`); the search page adds up its words' scores, weighed by how rare each word is
on the site.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import shutil
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from itertools import groupby
from pathlib import Path

import snowballstemmer
from babel import Locale, UnknownLocaleError

from recovery_college.content.languages import Language
from recovery_college.outputs import searchwords
from recovery_college.outputs.feature import Feature
from recovery_college.outputs.fingerprints import Fingerprints, digest_parts
from recovery_college.outputs.pagecache import ByContent
from recovery_college.outputs.unchanged import Unchanged

FOLDER = "searchindex"
BODY = "data-search-body"
IGNORE = "data-search-ignore"
WEIGHT = "data-search-weight"
META = "data-search-meta"
# Fields a template marks with data-search-meta (a course's title and themes, a guide's title)
# and each page's title: what a word in one adds to the page's score, beside the text's at most
# SATURATION + 1. A course whose title or theme is the word comes first, then a guide.
FIELD_WEIGHTS = {"course": 4.0, "about": 2.0, "guide": 3.0, "title": 0.5}
HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
# BM25: how soon more mentions stop counting, and how much a long page is weighed down.
SATURATION = 1.2
LENGTH_NORM = 0.75
EXCERPT_CHARS = 600  # of each page's text, for the excerpt under its title
FILE_BYTES = 6_000  # a word file's size to aim at: small, but not one request per word
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)
_NOT_TEXT = frozenset(("script", "style", "template"))
# Elements that stand apart from the text around them; inline ones (a, em, bdi...) do not.
# fmt: off
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "td", "th", "tr", "ul",
))
# fmt: on
_MARKS = re.compile("[\u0300-\u036f\u0640\u064b-\u065f\u0670]")
_WORD = re.compile(r"[^\W_]+")
_ARTICLE = re.compile("^(?:[وفبك]?ال|لل)")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without accents, Arabic short vowels, hamza marks or tatweel; å stays å.

    search.js folds a query the same way (its `fold`), so both sides compare the same words."""
    decomposed = unicodedata.normalize("NFD", text.lower()).replace("a\u030a", "å")
    return _MARKS.sub("", decomposed)


def words(text: str) -> list[str]:
    """The folded words of a text; the Arabic article and a letter joined to it are dropped
    ("والأمل" -> "امل") unless that leaves less than two letters."""
    found = []
    for word in _WORD.findall(fold(text)):
        bare = _ARTICLE.sub("", word)
        found.append(bare if len(bare) >= 2 else word)
    return found


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> snowballstemmer.stemmer | None:
    """Snowball's stemmer for a language code ("da" -> danish, "nb" -> norwegian), if any."""
    try:
        name = Locale.parse(lang).english_name or ""
    except (ValueError, UnknownLocaleError):
        return None
    algorithm = name.lower().split(" ")[0]
    return snowballstemmer.stemmer(algorithm) if algorithm in snowballstemmer.algorithms() else None


class Stems:
    """A language's stemmer, with each word stemmed once per build."""

    def __init__(self, lang: str):
        self._stemmer = _stemmer(lang)
        self._known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._known.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word) if self._stemmer else word
            stem = fold(stem) or word
            self._known[word] = stem
        return stem


@dataclass
class PageText:
    """What one page gives the index: its title, its weighed text and its fields."""

    title: str = ""
    parts: list[tuple[str, float]] = field(default_factory=list)  # text, weight
    fields: list[tuple[str, str]] = field(default_factory=list)  # field name, text

    @property
    def text(self) -> str:
        return _plain(text for text, _ in self.parts)

    def runs(self) -> Iterator[tuple[str, float]]:
        """The text in runs of one weight: a word split by an inline element ("recovery<em>plan
        </em>") is one word, as the reader sees it."""
        for weight, group in groupby(self.parts, key=lambda part: part[1]):
            yield "".join(text for text, _ in group), weight


@dataclass
class _Field:
    """A field being filled with the text of the element that names it."""

    name: str
    texts: list[str] = field(default_factory=list)


@dataclass
class _Element:
    """An open element, with what it and its parents say about its text."""

    tag: str
    body: bool  # inside data-search-body
    ignored: bool  # inside data-search-ignore
    weight: float  # data-search-weight, times a heading's weight
    fields: list[_Field]


class _Reader(HTMLParser):
    """Collects the marked text of one page (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Element] = []
        self.page = PageText()
        self._titled = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.handle_data(" ")  # "Varighed</dt><dd>120" reads "Varighed 120"
        if tag in _VOID:
            return
        values = dict(attrs)
        parent = self.stack[-1] if self.stack else _Element("", False, False, 1.0, [])
        weight = parent.weight * HEADING_WEIGHTS.get(tag, 1.0)
        if WEIGHT in values:
            weight *= _number(values[WEIGHT])
        element = _Element(tag, parent.body or BODY in values, parent.ignored, weight, [])
        element.ignored = element.ignored or not _shown(tag, values)
        for name, source in _metas(values.get(META) or ""):
            if source:
                self.page.fields.append((name, values.get(source) or ""))
            else:
                element.fields.append(_Field(name))
        if tag == "h1" and element.body and not self._titled:
            self._titled = True
            element.fields.append(_Field("title"))
        self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.handle_data(" ")
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate an end tag left out
            if self.stack[depth].tag == tag:
                self.close_elements(self.stack[depth:])
                del self.stack[depth:]
                return

    def close_elements(self, elements: list[_Element]) -> None:
        for element in elements:
            for filled in element.fields:
                text = _plain(filled.texts)
                if filled.name == "title":
                    self.page.title = text
                self.page.fields.append((filled.name, text))

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            for filled in element.fields:
                filled.texts.append(data)
        if self.stack and self.stack[-1].body and not self.stack[-1].ignored:
            self.page.parts.append((data, self.stack[-1].weight))


def _plain(texts: Iterable[str]) -> str:
    """Pieces of text as one line, as a reader sees them: white space collapsed."""
    return _SPACE.sub(" ", "".join(texts)).strip()


def _shown(tag: str, values: dict[str, str | None]) -> bool:
    """Whether an element's text is for the index: not marked to leave out, and not hidden
    from the reader (a glossary term's note, which a tooltip shows, is not the page's text)."""
    return IGNORE not in values and "hidden" not in values and tag not in _NOT_TEXT


def _number(text: str | None) -> float:
    """A weight as written; one that is not a number changes nothing."""
    try:
        return float(text or "")
    except ValueError:
        return 1.0


def _metas(spec: str) -> Iterator[tuple[str, str]]:
    """`course, about[data-rc-about]` -> ("course", ""), ("about", "data-rc-about")."""
    for item in spec.split(","):
        name, _, source = item.strip().partition("[")
        if name.strip() in FIELD_WEIGHTS:
            yield name.strip(), source.rstrip("]").strip()


def page_text(html: str) -> PageText | None:
    """The indexed text of a page, or None for a page with nothing marked for search.

    Only the page from its first `data-search-body` element on is parsed: what comes before (the
    header and the sidebars, four fifths of a page's bytes) is never indexed, and half the pages
    (later list pages, untranslated ones) have no such element at all. The templates put
    `data-search-ignore` only inside that element, so nothing that applies is cut off."""
    start = html.find(BODY)
    if start < 0:
        return None
    reader = _Reader()
    reader.feed(html[html.rfind("<", 0, start) :])
    reader.close()
    reader.close_elements(reader.stack)  # elements the page left open
    return reader.page


@dataclass(frozen=True)
class IndexedPage:
    """One page as the index needs it. `packed` is the same as plain strings and bytes: the
    form kept between builds (pagecache.py), small because a national site has thousands."""

    title: str
    excerpt: str
    length: int  # words in the page's text
    scores: dict[str, tuple[float, float]]  # stem -> weighed mentions in the text, fields' part
    words: list[str]  # its distinct words of four letters or more (search/words.txt)
    forms: dict[str, str]  # its words whose stem differs, with the stem

    def packed(self) -> tuple[str, str, int, str, bytes, str, str]:
        numbers = array("f", [number for pair in self.scores.values() for number in pair])
        forms = " ".join(f"{word} {stem}" for word, stem in self.forms.items())
        return (
            self.title,
            self.excerpt,
            self.length,
            " ".join(self.scores),
            numbers.tobytes(),
            " ".join(self.words),
            forms,
        )

    @classmethod
    def unpacked(cls, packed: tuple[str, str, int, str, bytes, str, str]) -> IndexedPage:
        title, excerpt, length, stems, numbers, listed, forms = packed
        values = array("f")
        values.frombytes(numbers)
        pairs = [(values[n], values[n + 1]) for n in range(0, len(values), 2)]
        form_list = forms.split()
        return cls(
            title,
            excerpt,
            length,
            dict(zip(stems.split(), pairs, strict=True)),
            listed.split(),
            dict(zip(form_list[0::2], form_list[1::2], strict=True)),
        )


def index_page(text: PageText, stems: Stems) -> IndexedPage:
    weights: defaultdict[str, float] = defaultdict(float)
    fields: defaultdict[str, float] = defaultdict(float)
    distinct: set[str] = set()
    length = 0
    for part, weight in text.runs():
        for word in words(part):
            weights[stems(word)] += weight
            length += 1
            distinct.add(word)
    for name, value in text.fields:
        found = words(value)
        for stem in {stems(word) for word in found}:
            fields[stem] += FIELD_WEIGHTS[name]
        distinct.update(found)
    excerpt = text.text
    if text.title and excerpt.startswith(text.title):
        excerpt = excerpt[len(text.title) :].lstrip()
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return IndexedPage(
        title=text.title,
        excerpt=excerpt,
        length=length,
        scores={
            stem: (weights.get(stem, 0.0), fields.get(stem, 0.0))
            for stem in sorted(weights.keys() | fields.keys())
        },
        words=sorted(w for w in distinct if len(w) >= 4 and not w.isdigit()),
        forms={word: stems(word) for word in sorted(distinct) if stems(word) != word},
    )


class IndexWriter:
    """Writes a language's index into `folder/searchindex/`, a page at a time, so that a
    national site's thousands of pages are never all in memory: each page's file is written
    when it is added, and only its stems' numbers are kept for the word files."""

    def __init__(self, folder: Path, published: Path | None = None):
        self.target = folder / FOLDER
        # The files of the published index that are the same are linked (unchanged.py).
        self.unchanged = Unchanged(_published_files(published))
        self.part = self.target / ".part"
        shutil.rmtree(self.part, ignore_errors=True)
        self.part.mkdir(parents=True)
        self.digest = hashlib.blake2b(digest_size=6)
        # stem -> page number, weighed mentions, fields' part; three numbers a page
        self.postings: dict[str, array[float]] = {}
        self.lengths: list[int] = []
        self.forms: dict[str, str] = {}
        self.counts: Counter[str] = Counter()  # pages each word is on, for the word list

    def add(self, url: str, page: IndexedPage) -> None:
        number = len(self.lengths)
        self._write(f"p{number}.json", {"u": url, "t": page.title, "x": page.excerpt})
        self.lengths.append(page.length)
        for stem, (weighed, fields) in page.scores.items():
            self.postings.setdefault(stem, array("f")).extend((number, weighed, fields))
        self.forms.update(page.forms)
        self.counts.update(page.words)

    def finish(self) -> list[str]:
        """Write the word files and the entry; the word list, commonest words first."""
        firsts: list[str] = []
        chunk: list[bytes] = []  # each entry as `"key":value`, encoded once
        size = 0
        for key, value in self._entries():
            encoded = _json({key: value})[1:-1]
            if chunk and size + len(encoded) + 2 > FILE_BYTES:
                self._write_bytes(f"w{len(firsts) - 1}.json", b"{" + b",".join(chunk) + b"}")
                chunk, size = [], 0
            if not chunk:
                firsts.append(key)
            chunk.append(encoded)
            size += len(encoded) + 2
        if chunk:
            self._write_bytes(f"w{len(firsts) - 1}.json", b"{" + b",".join(chunk) + b"}")
        key = self.digest.hexdigest()
        for old in self.target.iterdir():
            if old != self.part:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        self.part.rename(self.target / key)
        entry = {"files": key, "pages": len(self.lengths), "words": firsts}
        (self.target / "entry.json").write_bytes(_json(entry))
        return searchwords.commonest(self.counts)

    def _write(self, name: str, value: object) -> None:
        self._write_bytes(name, _json(value))

    def _write_bytes(self, name: str, data: bytes) -> None:
        self.digest.update(name.encode() + b"\0" + data)
        self.unchanged.write(data, self.part / name, name)

    def _entries(self) -> Iterator[tuple[str, dict[str, object]]]:
        """Every word file entry in alphabetical order: a stem's pages (as differences from
        the page before, each followed by its score, BM25's term part plus the fields', times
        100), or a form's stem. How rare the stem is, BM25's other part, is worked out by the
        search page from the number of pages."""
        average = max(sum(self.lengths) / max(len(self.lengths), 1), 1.0)
        norms = [
            SATURATION * (1 - LENGTH_NORM + LENGTH_NORM * length / average)
            for length in self.lengths
        ]
        for key in sorted(self.postings.keys() | self.forms.keys()):
            value: dict[str, object] = {}
            numbers = self.postings.get(key)
            if numbers is not None:
                flat: list[int] = []
                last = 0
                for at in range(0, len(numbers), 3):
                    number, weighed, fields = int(numbers[at]), numbers[at + 1], numbers[at + 2]
                    score = weighed * (SATURATION + 1) / (weighed + norms[number]) + fields
                    flat += [number - last, max(1, round(score * 100))]
                    last = number
                value["p"] = flat
            if key in self.forms:
                value["s"] = self.forms[key]
            yield key, value


def _published_files(published: Path | None) -> Path | None:
    """The folder of the index that `published` (a language's folder of the published site)
    holds, named in its entry; None when there is none to read."""
    if published is None:
        return None
    try:
        name = str(json.loads((published / FOLDER / "entry.json").read_bytes())["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return published / FOLDER / name if name.isalnum() else None


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SearchIndexFeature(Feature):
    """Writes this language's search index and its word list (searchwords.py) from the pages
    it built, reading each page only if its bytes changed since the last build, and making
    the index only if what the pages give it changed (`KeptIndex`).

    Not in a preview (`recovery-college serve`): reading every page back was a fifth of each
    rebuild (0.2 s of the example site's 1.1), and an editor previews pages, not search."""

    def post_build(self, site_dir: Path) -> None:
        if self.ctx.preview:
            return
        stems = Stems(self.ctx.lang)
        cache = self.ctx.project.root / CACHE
        read = ByContent(cache / f"{self.ctx.lang}.marshal", lambda html: _packed(html, stems))
        pages: list[tuple[str, Packed]] = []
        for path in _pages(site_dir, self.ctx.project.languages):
            packed = read(path.read_bytes())
            if packed is not None:
                url = path.parent.relative_to(site_dir).as_posix() + "/"
                pages.append(("" if url == "./" else url, packed))
        read.save()
        made_with = self.ctx.shared(Fingerprints, Fingerprints).made_with
        kept = KeptIndex(cache / f"{self.ctx.lang}.index", made_of(made_with, pages))
        files = kept.files()
        if files is None:
            writer = IndexWriter(site_dir, self.ctx.unchanged.published)
            for url, packed in pages:
                writer.add(url, IndexedPage.unpacked(packed))
            listed = writer.finish()
            target = site_dir / searchwords.FILE
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(listed) + "\n", encoding="utf-8")
            kept.keep(site_dir)
            return
        for rel, data in files.items():
            self.ctx.unchanged.write(data, site_dir / rel, rel)


Packed = tuple[str, str, int, str, bytes, str, str]  # IndexedPage.packed


def made_of(made_with: str, pages: list[tuple[str, Packed]]) -> str | None:
    """What a language's index is made of: each page's address and part of the index, and
    everything else the build reads and runs (`Fingerprints.made_with`: the project's files
    but the term schedules, the software, the plugin's code). None while that is unknown."""
    if not made_with:
        return None
    parts: list[str | bytes] = [made_with]
    for url, packed in pages:
        parts.append(url)
        parts.extend(field if isinstance(field, (str, bytes)) else str(field) for field in packed)
    return digest_parts(parts)


class KeptIndex:
    """The files of the last index a language build made (below `searchindex/`, and the word
    list), kept below `.cache/` with what they were made of. After one changed offering the
    pages' text is what it was, and so is the index: making it again took 0.3 s of CPU a
    language at 1,000 offerings. A build whose index is made of the same gets the same files,
    linked from the published site where it has them (unchanged.py)."""

    def __init__(self, file: Path, made_of: str | None):
        self.file = file
        self.made_of = made_of

    def files(self) -> dict[str, bytes] | None:
        """The kept files by their path below the language's folder, if made of the same."""
        if self.made_of is None or not self.file.is_file():
            return None
        try:
            kept = marshal.loads(self.file.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == self.made_of):
            return None
        files = kept[1]
        return files if isinstance(files, dict) else None

    def keep(self, site_dir: Path) -> None:
        """Keep the index just written into `site_dir` for the next build."""
        if self.made_of is None:
            return
        names = [
            *sorted(p for p in (site_dir / FOLDER).rglob("*") if p.is_file()),
            site_dir / searchwords.FILE,
        ]
        files = {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in names}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        try:
            partial.write_bytes(marshal.dumps((self.made_of, files)))
            partial.replace(self.file)
        except OSError:  # a cache: the next build makes the index again
            partial.unlink(missing_ok=True)


CACHE = Path(".cache") / "searchindex-4"  # each page's part of the index (pagecache.py); a new
# name for each change of what a page gives (`page_text`, `IndexedPage.packed`), so a cache
# of another kind is never read


def _packed(html: str, stems: Stems) -> Packed | None:
    text = page_text(html)
    return None if text is None else index_page(text, stems).packed()


def _pages(site_dir: Path, languages: Iterable[Language]) -> list[Path]:
    """This language's pages, in a stable order; other languages' folders are left out."""
    others = {lang.prefix.strip("/") for lang in languages} - {""}
    return [
        path
        for path in sorted(site_dir.rglob("index.html"))
        if path.relative_to(site_dir).parts[0] not in others
    ]
