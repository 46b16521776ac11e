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
Stems come from the Snowball stemmer of the language (snowballstemmer). Pages are scored once,
here, with BM25 (`page_scores`); the page adds up its words' scores, weighed by how rare each
word is on the site.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import snowballstemmer

from recovery_college.content.languages import Language
from recovery_college.outputs import searchwords
from recovery_college.outputs.feature import Feature
from recovery_college.outputs.pagecache import ByContent

FOLDER = "searchindex"
BODY = "data-search-body"
IGNORE = "data-search-ignore"
WEIGHT = "data-search-weight"
META = "data-search-meta"
# Fields a template marks with data-search-meta: a course's title and themes, a guide's title.
FIELD_WEIGHTS = {"course": 40.0, "about": 20.0, "guide": 30.0, "title": 5.0}
HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
# BM25: how soon more mentions stop counting, and how much a long page is weighed down.
SATURATION = 1.2
LENGTH_NORM = 0.75
EXCERPT_CHARS = 600  # of each page's text, for the excerpt under its title
FILE_BYTES = 6_000  # a word file's size to aim at: small, but not one request per word
STEMMERS = {"da": "danish", "en": "english", "ar": "arabic", "sv": "swedish", "de": "german"}
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)
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
    name = STEMMERS.get(lang)
    return snowballstemmer.stemmer(name) if name else None


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
        return _SPACE.sub(" ", " ".join(text for text, _ in self.parts)).strip()


class _Reader(HTMLParser):
    """Collects the marked text of one page (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # tag, inside the body, ignored, weight, fields to fill with this element's text
        self.stack: list[tuple[str, bool, bool, float, list[list[str]]]] = []
        self.page = PageText()
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        body, ignored, weight = self.stack[-1][1:4] if self.stack else (False, False, 1.0)
        if WEIGHT in values:
            weight = _number(values[WEIGHT], weight)
        collecting: list[list[str]] = []
        for name, source in _metas(values.get(META) or ""):
            if source:
                self.page.fields.append((name, values.get(source) or ""))
            else:
                collecting.append([name])
        if tag == "h1" and self._h1 is None and (body or BODY in values):
            self._h1 = []
            collecting.append(["title"])
        self.stack.append(
            (tag, body or BODY in values, ignored or IGNORE in values, weight, collecting)
        )

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate an end tag left out
            if self.stack[depth][0] == tag:
                for closed in self.stack[depth:]:
                    for name, *texts in closed[4]:
                        self._close(name, " ".join(texts))
                del self.stack[depth:]
                return

    def _close(self, name: str, text: str) -> None:
        text = _SPACE.sub(" ", text).strip()
        if name == "title":
            self.page.title = self.page.title or text
        self.page.fields.append((name, text))

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        for element in self.stack:
            for collecting in element[4]:
                collecting.append(data)
        _, body, ignored, weight, _ = self.stack[-1]
        if body and not ignored:
            heading = next(
                (HEADING_WEIGHTS[t] for t, *_ in reversed(self.stack) if t in HEADING_WEIGHTS), 1.0
            )
            self.page.parts.append((data, heading * weight))


def _number(text: str | None, default: float) -> float:
    try:
        return float(text or "")
    except ValueError:
        return default


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
    for element in reversed(reader.stack):  # elements the page left open
        for name, *texts in element[4]:
            reader._close(name, " ".join(texts))
    return reader.page


@dataclass(frozen=True)
class IndexedPage:
    """One page as the index keeps it. All but the address is plain data (`cached`), kept
    between builds by the page's bytes (pagecache.py)."""

    url: str
    title: str
    excerpt: str
    weights: dict[str, float]  # stem -> weighed mentions
    length: int  # words in the page's text
    words: list[str]  # its distinct words of four letters or more (search/words.txt)
    forms: list[tuple[str, str]]  # its words whose stem differs, with the stem

    @property
    def cached(self) -> tuple[object, ...]:
        return (self.title, self.excerpt, self.weights, self.length, self.words, self.forms)

    @classmethod
    def from_cache(cls, url: str, cached: tuple[object, ...]) -> IndexedPage:
        return cls(url, *cached)  # type: ignore[arg-type]


def index_page(url: str, text: PageText, stems: Stems) -> IndexedPage:
    weights: defaultdict[str, float] = defaultdict(float)
    distinct: set[str] = set()
    forms: dict[str, str] = {}
    length = 0
    for part, weight in text.parts:
        for word in words(part):
            weights[stems(word)] += weight
            length += 1
            distinct.add(word)
    for name, value in text.fields:
        for word in words(value):
            weights[stems(word)] += FIELD_WEIGHTS[name]
            distinct.add(word)
    for word in distinct:
        if stems(word) != word:
            forms[word] = stems(word)
    excerpt = text.text
    if text.title and excerpt.startswith(text.title):
        excerpt = excerpt[len(text.title) :].lstrip()
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    listed = sorted(w for w in distinct if len(w) >= 4 and not w.isdigit())
    return IndexedPage(
        url, text.title, excerpt, dict(weights), length, listed, sorted(forms.items())
    )


def page_scores(pages: list[IndexedPage]) -> dict[str, list[tuple[int, int]]]:
    """Each stem's pages (by number) and scores: BM25's term part, times 100, with mentions
    weighed by where they stand. How rare the stem is, the other part, is worked out by the
    search page from the number of pages."""
    average = sum(page.length for page in pages) / len(pages) if pages else 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, page in enumerate(pages):
        norm = SATURATION * (1 - LENGTH_NORM + LENGTH_NORM * page.length / max(average, 1.0))
        for stem, weighed in page.weights.items():
            score = weighed * (SATURATION + 1) / (weighed + norm)
            postings.setdefault(stem, []).append((number, max(1, round(score * 100))))
    return postings


@dataclass(frozen=True)
class SearchIndex:
    """A language's index, ready to write."""

    pages: list[IndexedPage]
    postings: dict[str, list[tuple[int, int]]]
    forms: dict[str, str]  # a word as written -> its stem, where the two differ

    @classmethod
    def of(cls, pages: Iterable[IndexedPage]) -> SearchIndex:
        pages = list(pages)
        forms = {word: stem for page in pages for word, stem in page.forms}
        return cls(pages, page_scores(pages), forms)

    def entries(self) -> list[tuple[str, object]]:
        """Every word file entry in alphabetical order: a stem's pages (its page numbers as
        differences from the one before, each followed by its score), or a form's stem."""
        keys = sorted(set(self.postings) | set(self.forms))
        found: list[tuple[str, object]] = []
        for key in keys:
            value: dict[str, object] = {}
            if key in self.postings:
                flat: list[int] = []
                last = 0
                for number, score in self.postings[key]:
                    flat += [number - last, score]
                    last = number
                value["p"] = flat
            if key in self.forms:
                value["s"] = self.forms[key]
            found.append((key, value))
        return found

    def write(self, folder: Path) -> None:
        """Write the index into `folder/searchindex/`, replacing the one there."""
        files: dict[str, bytes] = {}
        firsts: list[str] = []
        chunk: dict[str, object] = {}
        size = 0
        for key, value in self.entries():
            encoded = _json({key: value})
            if chunk and size + len(encoded) > FILE_BYTES:
                files[f"w{len(firsts) - 1}.json"] = _json(chunk)
                chunk, size = {}, 0
            if not chunk:
                firsts.append(key)
            chunk[key] = value
            size += len(encoded)
        if chunk:
            files[f"w{len(firsts) - 1}.json"] = _json(chunk)
        for number, page in enumerate(self.pages):
            files[f"p{number}.json"] = _json({"u": page.url, "t": page.title, "x": page.excerpt})
        digest = hashlib.blake2b(digest_size=6)
        for name in sorted(files):
            digest.update(name.encode() + b"\0" + files[name])
        key = digest.hexdigest()
        target = folder / FOLDER
        shutil.rmtree(target, ignore_errors=True)
        (target / key).mkdir(parents=True)
        for name, data in files.items():
            (target / key / name).write_bytes(data)
        entry = {"files": key, "pages": len(self.pages), "words": firsts}
        (target / "entry.json").write_bytes(_json(entry))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SearchIndexFeature(Feature):
    """Writes this language's search index and its word list (searchwords.py) from the pages
    it built, reading each page only if its bytes changed since the last build.

    Not in a preview (`recovery-college serve`): reading every page back was a fifth of each
    rebuild (0.2 s of the example site's 1.1), and an editor previews pages, not search."""

    def post_build(self, site_dir: Path) -> None:
        if self.ctx.preview:
            return
        stems = Stems(self.ctx.lang)
        cache = self.ctx.project.root / CACHE / f"{self.ctx.lang}.marshal"
        read = ByContent(cache, lambda html: _cached(html, stems))
        pages = []
        for path in _pages(site_dir, self.ctx.project.languages):
            found = read(path.read_bytes())
            if found is not None:
                url = path.parent.relative_to(site_dir).as_posix() + "/"
                pages.append(IndexedPage.from_cache("" if url == "./" else url, found))
        read.save()
        SearchIndex.of(pages).write(site_dir)
        target = site_dir / searchwords.FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        listed = searchwords.vocabulary(page.words for page in pages)
        target.write_text("\n".join(listed) + "\n", encoding="utf-8")


CACHE = Path(".cache") / "searchindex-1"  # each page's part of the index (pagecache.py)


def _cached(html: str, stems: Stems) -> tuple[object, ...] | None:
    text = page_text(html)
    return None if text is None else index_page("", text, stems).cached


def _pages(site_dir: Path, languages: Iterable[Language]) -> list[Path]:
    """This language's pages, in a stable order; other languages' folders are left out."""
    others = {lang.prefix.strip("/") for lang in languages} - {""}
    return [
        path
        for path in sorted(site_dir.rglob("index.html"))
        if path.relative_to(site_dir).parts[0] not in others
    ]
