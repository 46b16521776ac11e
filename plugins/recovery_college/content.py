"""Load and validate everything a school edits, once, before anything is written.

`load_project` reads every page's front matter and every data file in every language and
returns a `Project`; if anything is wrong it raises `ContentErrors` with all problems at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .errors import ContentError, ContentErrors, display_path
from .languages import Language, discover
from .models import HelpLines, PageMeta, SiteFacts, meta_model_for
from .statement import AccessibilityStatement
from .validation import validate
from .yamlsource import read_yaml, split_front_matter

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Page:
    """One Markdown page in one language, with its validated front matter."""

    lang: str
    rel: str
    path: Path
    meta: PageMeta
    body: str

    @property
    def title(self) -> str:
        if self.meta.title:
            return self.meta.title
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.rel


@dataclass
class Project:
    root: Path
    languages: list[Language]
    site: SiteFacts
    helplines: HelpLines
    statement: AccessibilityStatement
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)

    @property
    def default(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

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


class Loader:
    """Collects errors while loading, so one build reports every problem together."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []

    def display(self, path: Path) -> str:
        return display_path(path, self.root)

    def data(self, name: str, model: type[M]) -> M | None:
        path = self.root / "content" / "data" / name
        if not path.exists():
            self.errors.append(
                ContentError(
                    self.display(path), 1, 1, f"the file is missing. Create {name}; see the README."
                )
            )
            return None
        located, errors = read_yaml(path, self.display(path))
        self.errors.extend(errors)
        if errors:
            return None
        value, errors = validate(model, located)
        self.errors.extend(errors)
        return value

    def page(self, lang: str, path: Path, rel: str) -> Page | None:
        text = path.read_text(encoding="utf-8")
        front, errors = split_front_matter(text, self.display(path))
        self.errors.extend(errors)
        if errors:
            return None
        meta, errors = validate(meta_model_for(rel), front.yaml)
        self.errors.extend(errors)
        if meta is None:
            return None
        return Page(lang=lang, rel=rel, path=path, meta=meta, body=front.body)


def load_project(root: Path) -> Project:
    root = root.resolve()
    loader = Loader(root)
    languages = discover(root)
    site = loader.data("site.yml", SiteFacts)
    helplines = loader.data("helplines.yml", HelpLines)
    statement = loader.data("accessibility.yml", AccessibilityStatement)
    pages: dict[str, dict[str, Page]] = {}
    for language in languages:
        folder = root / "content" / language.code
        if not folder.is_dir():
            loader.errors.append(
                ContentError(
                    loader.display(language.config_file),
                    1,
                    1,
                    f'the language "{language.code}" has no folder content/{language.code}/. Create it.',
                )
            )
            continue
        found: dict[str, Page] = {}
        for path in sorted(folder.rglob("*.md")):
            rel = path.relative_to(folder).as_posix()
            page = loader.page(language.code, path, rel)
            if page is not None:
                found[rel] = page
        pages[language.code] = found
    if loader.errors or site is None or helplines is None or statement is None:
        raise ContentErrors(loader.errors)
    return Project(
        root=root,
        languages=languages,
        site=site,
        helplines=helplines,
        statement=statement,
        pages=pages,
    )
