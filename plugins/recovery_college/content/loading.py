"""Load and validate everything a school edits, once, before anything is written.

The core knows no kind of content. `load_project` finds the languages, reads every page's front
matter (with the model the page's folder is given by a `Kind`), then lets each kind load its
data files and run its own cross-file checks. If anything is wrong it raises `ContentErrors`
with all problems at once; otherwise it returns a `Project` holding each kind's part.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from recovery_college.content.errors import ContentError, ContentErrors, display_path
from recovery_college.content.languages import Language, discover
from recovery_college.content.messages import Messages
from recovery_college.content.models import PageMeta
from recovery_college.content.placeholders import in_markdown, in_yaml
from recovery_college.content.urls import markdown_links, url_problem
from recovery_college.content.validation import validate
from recovery_college.content.yamlsource import (
    FrontMatter,
    LocatedYaml,
    ParseCache,
    parse_yaml,
    read_source,
    split_front_matter,
)

M = TypeVar("M", bound=BaseModel)
P = TypeVar("P")


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language, with its validated front matter."""

    lang: str
    rel: str
    path: Path
    meta: PageMeta
    body: str
    source: LocatedYaml = field(compare=False, repr=False)

    @property
    def title(self) -> str:
        if self.meta.title:
            return self.meta.title
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.rel


# Pages by language code, then by path below the language folder ("courses/haab.md").
Pages = dict[str, dict[str, Page]]


@dataclass
class Project:
    """Everything a build needs, validated: the languages, every page, and each kind's part
    (the catalogue, the glossary, ...), found by its type with `part`."""

    root: Path
    languages: list[Language]
    pages: Pages = field(default_factory=dict)
    parts: dict[type, Any] = field(default_factory=dict)
    # Texts left to write (content.placeholders), when the load was asked to allow them.
    placeholders: list[ContentError] = field(default_factory=list)

    @property
    def default(self) -> Language:
        """The reference language, read once from mkdocs.yml (`theme.language`)."""
        return self.languages[0]

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def part(self, kind: type[P]) -> P:
        """A kind's loaded content; the kind must be part of every site (see assembly.py)."""
        return self.parts[kind]

    def find(self, kind: type[P]) -> P | None:
        """A kind's loaded content, or None where the school left it out (no glossary.yml)."""
        return self.parts.get(kind)

    def content_dir(self, lang: str) -> Path:
        return self.root / "content" / lang

    @property
    def data_dir(self) -> Path:
        return self.root / "content" / "data"

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"

    def has_page(self, lang: str, rel: str) -> bool:
        return rel in self.pages.get(lang, {})


def source_hash(path: Path) -> str:
    """Short fingerprint of a Danish page, stored in translations to spot outdated ones."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class DataFile:
    """A data file staff edit, below content/data/: its name pattern, its model, and the
    Danish name the editors show for it ("Semestre"). JSON Schemas and the browser editor's
    forms are made from this list (see the editing package)."""

    pattern: str
    model: type[BaseModel]
    label: str


@dataclass(frozen=True)
class Kind:
    """What one kind of content gives the loading core.

    `pages` maps a folder below content/<lang>/ to the front matter model of the pages in it
    (an index.md keeps the plain `PageMeta`). `load` reads the kind's data files and checks
    them against each other and the pages; it reports problems to the loader and returns the
    kind's part of the project, or None when the kind has nothing to add. `files` lists the
    data files it reads, for the editors.
    """

    name: str
    pages: dict[str, type[PageMeta]] = field(default_factory=dict)
    load: Callable[[Loader, Pages], object | None] | None = None
    files: tuple[DataFile, ...] = ()


class Loader:
    """Collects errors while loading, so one build reports every problem together, in the
    language of `messages` (by default the environment's)."""

    def __init__(
        self,
        root: Path,
        cache: ParseCache | None = None,
        messages: Messages | None = None,
        *,
        default_language: str = "",
        page_models: dict[str, type[PageMeta]] | None = None,
        allow_placeholders: bool = False,
    ):
        self.root = root
        self.errors: list[ContentError] = []
        # Placeholders are errors, except for new-course and new-term, which write them and
        # list them for the editor rather than refuse their own files.
        self.allow_placeholders = allow_placeholders
        self.placeholders: list[ContentError] = []
        self.cache = cache or ParseCache()
        self.messages = messages or Messages.from_environment()
        self.default_language = default_language
        self.page_models = page_models or {}
        # Files that could not be read or validated: checks that depend on them are skipped
        # rather than reported as echoes of the first problem, and counted in `skipped`.
        self.failed: set[str] = set()
        self.skipped: Counter[str] = Counter()
        self.unread: set[str] = set()  # files a syntax error stopped reading
        # Every page file found, valid or not, by language: "is there a course page hab.md"
        # asks this, so a typo inside a page does not make the page "missing" elsewhere.
        self.page_files: dict[str, set[str]] = {}
        # The front matter of pages that failed validation, by language and path: their
        # references to other files (themes, sources) are still checked.
        self.invalid_pages: dict[str, dict[str, LocatedYaml]] = {}

    def has_failed(self, path: Path, checks: int = 1) -> bool:
        """Whether a file had a problem; the `checks` that depend on it are then skipped,
        and the report says how many, so the editor knows more may show once it is fixed."""
        display = self.display(path)
        if display in self.failed:
            self.skipped[display] += checks
            return True
        return False

    def skip(self, display: str, checks: int = 1) -> None:
        """Count checks left out because the file `display` (as shown) is broken."""
        self.skipped[display] += checks

    @property
    def data_dir(self) -> Path:
        return self.root / "content" / "data"

    def say(self, msgid: str, /, **params: object) -> str:
        return self.messages.say(msgid, **params)

    def read_yaml(self, path: Path) -> tuple[LocatedYaml, list[ContentError]]:
        display = self.display(path)
        # A parse keeps its messages: the cached one must be in the same language.
        return self.cache.parse(
            path,
            f"yaml:{self.messages.language}",
            self.read,
            lambda text: parse_yaml(text, display, self.messages),
            lambda error: (LocatedYaml(path=display, data=None, whole=False), [error]),
            display,
        )

    def read(self, path: Path) -> str:
        return read_source(path, self.display(path), self.messages)

    def display(self, path: Path) -> str:
        return display_path(path, self.root)

    def validate(self, model: type[M], located: LocatedYaml) -> M | None:
        """The model of one file (or front matter), its problems added to the loader's.
        Worked out once for each parse of the file (`ParseCache.derive`)."""
        how = f"{model.__module__}.{model.__qualname__}:{self.messages.language}:{self.default_language}"
        value, errors, placeholders = self.cache.derive(
            located.path, located, how, lambda: self._checked(model, located)
        )
        return self._take(value, errors, placeholders)

    def _checked(
        self, model: type[M], located: LocatedYaml
    ) -> tuple[M | None, list[ContentError], list[ContentError]]:
        value, errors = validate(
            model,
            located,
            self.messages,
            default_language=self.default_language,
        )
        return value, errors, in_yaml(located, self.messages)

    def _take(
        self, value: M | None, errors: list[ContentError], placeholders: list[ContentError]
    ) -> M | None:
        if placeholders:
            # A placeholder where a date belongs is one problem, not two.
            spots = {(p.line, p.column) for p in placeholders}
            errors = [e for e in errors if (e.line, e.column) not in spots]
            self.placeholder_errors(placeholders)
        self.errors.extend(errors)
        return value

    def placeholder_errors(self, found: list[ContentError]) -> None:
        (self.placeholders if self.allow_placeholders else self.errors).extend(found)

    def quietly(self, model: type[M], data: Any) -> M | None:
        """The model of a part of a file whose problems are already reported, or None: the
        checks of one valid offering still run when its neighbour has a mistake."""
        try:
            return model.model_validate(data, context={"default_language": self.default_language})
        except ValidationError:
            return None

    def data(self, name: str, model: type[M]) -> M | None:
        path = self.data_dir / name
        if not path.exists():
            self.errors.append(
                ContentError(
                    self.display(path),
                    1,
                    1,
                    self.say("the file is missing. Create %(name)s; see the README.", name=name),
                )
            )
            return None
        return self.data_file(path, model)[0]

    def optional(self, name: str, model: type[M]) -> M | None:
        """A data file a school may leave out; its features are then simply not built."""
        path = self.data_dir / name
        return self.data_file(path, model)[0] if path.exists() else None

    def data_file(self, path: Path, model: type[M]) -> tuple[M | None, LocatedYaml]:
        """A data file's model, or None with its problems reported. A value that could not be
        read (a date that does not exist) does not stop the rest of the file being checked."""
        located, errors = self.read_yaml(path)
        self.errors.extend(errors)
        if not located.whole:
            self.failed.add(self.display(path))
            self.unread.add(self.display(path))
            return None, located
        value = self.validate(model, located)
        if value is None:
            self.failed.add(self.display(path))
        return value, located

    def error_at(self, located: LocatedYaml, loc: tuple, message: str) -> None:
        line, column = located.locate(loc)
        self.errors.append(ContentError(located.path, line, column, message))

    def page_model(self, rel: str) -> type[PageMeta]:
        """Which front matter model a page uses, from the folder it lives in."""
        parts = rel.split("/")
        if len(parts) == 2 and parts[1] != "index.md":
            return self.page_models.get(parts[0], PageMeta)
        return PageMeta

    def page(self, lang: str, path: Path, rel: str) -> Page | None:
        display = self.display(path)
        front, errors = self.cache.parse(
            path,
            f"page:{self.messages.language}",
            self.read,
            lambda text: split_front_matter(text, display, self.messages),
            lambda error: (
                FrontMatter(LocatedYaml(path=display, data={}, whole=False), "", 1),
                [error],
            ),
            display,
        )
        self.errors.extend(errors)
        links, placeholders = self.cache.derive(
            display, front, f"body:{self.messages.language}", lambda: self.body_problems(front)
        )
        self.errors.extend(links)
        if not front.yaml.whole:
            self.failed.add(display)  # the front matter could not be read at all
            self.unread.add(display)
            return None
        self.placeholder_errors(placeholders)
        meta = self.validate(self.page_model(rel), front.yaml)
        if meta is None:
            self.failed.add(display)
            self.invalid_pages.setdefault(lang, {})[rel] = front.yaml
            return None
        return Page(lang=lang, rel=rel, path=path, meta=meta, body=front.body, source=front.yaml)

    def body_problems(self, front: FrontMatter) -> tuple[list[ContentError], list[ContentError]]:
        """A page's Markdown: its links that break the one rule for links (content.urls),
        and its placeholders."""
        display, first_line = front.yaml.path, front.body_line
        links = []
        for line, column, url in markdown_links(front.body):
            problem = url_problem(url, relative=True)
            if problem is not None:
                message = problem.translated(self.messages)
                links.append(ContentError(display, first_line + line - 1, column, message))
        return links, in_markdown(display, front.body, first_line, self.messages)

    def pages(self, languages: list[Language]) -> Pages:
        """Every language's pages, keyed by path below its folder."""
        pages: Pages = {}
        for language in languages:
            folder = self.root / "content" / language.code
            if not folder.is_dir():
                self.errors.append(
                    ContentError(
                        self.display(language.config_file),
                        1,
                        1,
                        self.say(
                            'the language "%(code)s" has no folder content/%(code)s/. Create it.',
                            code=language.code,
                        ),
                    )
                )
                continue
            found: dict[str, Page] = {}
            files = self.page_files.setdefault(language.code, set())
            for path in sorted(folder.rglob("*.md")):
                rel = path.relative_to(folder).as_posix()
                files.add(rel)
                page = self.page(language.code, path, rel)
                if page is not None:
                    found[rel] = page
            pages[language.code] = found
        return pages


def load_project(
    root: Path,
    kinds: Sequence[Kind],
    cache: ParseCache | None = None,
    messages: Messages | None = None,
    *,
    allow_placeholders: bool = False,
) -> Project:
    """Everything a build needs, validated. `cache` keeps unchanged files parsed between
    the rebuilds of one preview; errors are in the language of `messages`, by default the
    environment's. `allow_placeholders` lists texts left to write in `Project.placeholders`
    instead of refusing them."""
    root = root.resolve()
    loader = Loader(root, cache, messages, allow_placeholders=allow_placeholders)
    languages, problems = discover(root, loader.messages)
    for problem in problems:
        loader.errors.append(
            ContentError(
                loader.display(problem.config_file),
                problem.line,
                problem.column,
                loader.say(problem.msgid, **problem.params),
            )
        )
    if not languages:
        raise ContentErrors(loader.errors, loader.messages)
    loader.default_language = languages[0].code
    loader.page_models = {folder: model for kind in kinds for folder, model in kind.pages.items()}
    pages = loader.pages(languages)
    parts: dict[type, Any] = {}
    for kind in kinds:
        if kind.load is not None and (part := kind.load(loader, pages)) is not None:
            parts[type(part)] = part
    if loader.errors:
        raise ContentErrors(
            loader.errors, loader.messages, skipped=loader.skipped, unread=loader.unread
        )
    return Project(
        root=root,
        languages=languages,
        pages=pages,
        parts=parts,
        placeholders=sorted(set(loader.placeholders)),
    )
