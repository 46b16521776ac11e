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

from .courses import Catalogue, Offering, Term, Theme, Themes, Venue, Venues
from .errors import ContentError, ContentErrors, display_path
from .glossary import Glossary
from .ideas import Ideas, load_ideas
from .languages import Language, UnknownLanguage, discover
from .messages import Messages, mark
from .models import HelpLines, PageMeta, SiteFacts, meta_model_for
from .sources import Sources
from .statement import AccessibilityStatement
from .validation import validate
from .yamlsource import LocatedYaml, ParseCache, parse_yaml, split_front_matter

M = TypeVar("M", bound=BaseModel)


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


@dataclass
class Project:
    root: Path
    languages: list[Language]
    site: SiteFacts
    helplines: HelpLines
    statement: AccessibilityStatement
    catalogue: Catalogue
    glossary: Glossary | None = None
    sources: Sources | None = None
    ideas: Ideas | None = None
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
    """Collects errors while loading, so one build reports every problem together, in the
    language of `messages` (by default the environment's)."""

    def __init__(
        self, root: Path, cache: ParseCache | None = None, messages: Messages | None = None
    ):
        self.root = root
        self.errors: list[ContentError] = []
        self.cache = cache or ParseCache()
        self.messages = messages or Messages.from_environment()

    def say(self, msgid: str, /, **params: object) -> str:
        return self.messages.say(msgid, **params)

    def read_yaml(self, path: Path) -> tuple[LocatedYaml, list[ContentError]]:
        display = self.display(path)
        # A parse keeps its messages: the cached one must be in the same language.
        return self.cache.parse(
            path,
            f"yaml:{self.messages.language}",
            lambda text: parse_yaml(text, display, self.messages),
        )

    def display(self, path: Path) -> str:
        return display_path(path, self.root)

    def data(self, name: str, model: type[M]) -> M | None:
        path = self.root / "content" / "data" / name
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
        path = self.root / "content" / "data" / name
        return self.data_file(path, model)[0] if path.exists() else None

    def data_file(self, path: Path, model: type[M]) -> tuple[M | None, LocatedYaml]:
        located, errors = self.read_yaml(path)
        self.errors.extend(errors)
        if errors:
            return None, located
        value, errors = validate(model, located, self.messages)
        self.errors.extend(errors)
        return value, located

    def error_at(self, located: LocatedYaml, loc: tuple, message: str) -> None:
        line, column = located.locate(loc)
        self.errors.append(ContentError(located.path, line, column, message))

    def page(self, lang: str, path: Path, rel: str) -> Page | None:
        display = self.display(path)
        front, errors = self.cache.parse(
            path,
            f"page:{self.messages.language}",
            lambda text: split_front_matter(text, display, self.messages),
        )
        self.errors.extend(errors)
        if errors:
            return None
        meta, errors = validate(meta_model_for(rel), front.yaml, self.messages)
        self.errors.extend(errors)
        if meta is None:
            return None
        return Page(lang=lang, rel=rel, path=path, meta=meta, body=front.body, source=front.yaml)


def load_project(
    root: Path, cache: ParseCache | None = None, messages: Messages | None = None
) -> Project:
    """Everything a build needs, validated. `cache` keeps unchanged files parsed between
    the rebuilds of one preview; errors are in the language of `messages`, by default the
    environment's."""
    root = root.resolve()
    loader = Loader(root, cache, messages)
    try:
        languages = discover(root)
    except UnknownLanguage as exc:
        message = loader.say(
            'the language code "%(code)s" is not known. Use a two-letter code such as da, en, '
            "ar, uk or so, in the file name (mkdocs.<code>.yml) and under theme: language.",
            code=exc.code,
        )
        raise ContentErrors(
            [ContentError(loader.display(exc.config_file), 1, 1, message)], loader.messages
        ) from None
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
                    loader.say(
                        'the language "%(code)s" has no folder content/%(code)s/. Create it.',
                        code=language.code,
                    ),
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
    catalogue = load_catalogue(loader, set(pages.get(languages[0].code, {})))
    glossary = loader.optional("glossary.yml", Glossary)
    sources = loader.optional("sources.yml", Sources)
    check_references(loader, pages, glossary, sources)
    check_course_themes(loader, pages, catalogue)
    check_required_pages(loader, languages[0].code, pages.get(languages[0].code, {}))
    for code, found in pages.items():
        check_series(loader, found, complete=code == languages[0].code)
    ideas = load_ideas(loader)
    if loader.errors or site is None or helplines is None or statement is None:
        raise ContentErrors(loader.errors, loader.messages)
    return Project(
        root=root,
        languages=languages,
        site=site,
        helplines=helplines,
        statement=statement,
        catalogue=catalogue,
        glossary=glossary,
        sources=sources,
        ideas=ideas,
        pages=pages,
    )


def load_catalogue(loader: Loader, danish_pages: set[str]) -> Catalogue:
    """Venues and terms, with the checks that need more than one file at a time."""
    venues_path = loader.root / "content" / "data" / "venues.yml"
    venues: dict[str, Venue] = {}
    if venues_path.exists():
        loaded, located = loader.data_file(venues_path, Venues)
        for i, venue in enumerate(loaded.root if loaded else []):
            if venue.id in venues:
                loader.error_at(
                    located,
                    (i, "id"),
                    loader.say('the venue id "%(id)s" is used twice.', id=venue.id),
                )
            venues[venue.id] = venue
    themes: dict[str, Theme] = {}
    themes_path = loader.root / "content" / "data" / "themes.yml"
    if themes_path.exists():
        loaded_themes, _ = loader.data_file(themes_path, Themes)
        themes = {theme.id: theme for theme in (loaded_themes.root if loaded_themes else [])}
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for path in sorted((loader.root / "content" / "data" / "terms").glob("*.yml")):
        term, located = loader.data_file(path, Term)
        if term is None:
            continue
        terms.append(term)
        for i, offering in enumerate(term.offerings):
            check = OfferingCheck(loader, located, ("offerings", i), term, offering)
            check.run(venues, danish_pages, seen)
    return Catalogue(venues=venues, themes=themes, terms=sorted(terms, key=lambda t: t.starts))


@dataclass
class OfferingCheck:
    """Checks of one offering against venues, course pages, its term and other offerings."""

    loader: Loader
    located: LocatedYaml
    where: tuple
    term: Term
    offering: Offering

    def error(self, field: str, message: str) -> None:
        self.loader.error_at(self.located, (*self.where, field), message)

    def run(self, venues: dict[str, Venue], danish_pages: set[str], seen: dict[str, str]) -> None:
        offering, term = self.offering, self.term
        say = self.loader.say
        if offering.id in seen:
            self.error(
                "id",
                say(
                    'the offering id "%(id)s" is already used in %(file)s. '
                    "Give each offering its own id.",
                    id=offering.id,
                    file=seen[offering.id],
                ),
            )
        seen[offering.id] = self.located.path
        if f"courses/{offering.course}.md" not in danish_pages:
            self.error(
                "course",
                say(
                    'there is no course "%(course)s": content/da/courses/%(course)s.md '
                    "does not exist. Check the spelling or write the Danish course page first.",
                    course=offering.course,
                ),
            )
        venue = venues.get(offering.venue) if offering.venue else None
        if offering.venue and venue is None:
            known = ", ".join(sorted(venues)) or say("none yet")
            self.error(
                "venue",
                say(
                    'there is no venue "%(venue)s" in content/data/venues.yml. '
                    "Known venues: %(known)s.",
                    venue=offering.venue,
                    known=known,
                ),
            )
        if venue and offering.room and venue.rooms and offering.room not in venue.rooms:
            self.error(
                "room",
                say(
                    '"%(room)s" is not a room of %(venue)s. Rooms: %(rooms)s.',
                    room=offering.room,
                    venue=venue.name,
                    rooms=", ".join(venue.rooms),
                ),
            )
        for day in offering.sessions.days():
            if not term.starts <= day <= term.ends:
                self.error(
                    "sessions",
                    say(
                        "a session on %(day)s is outside the term (%(starts)s to %(ends)s).",
                        day=day,
                        starts=term.starts,
                        ends=term.ends,
                    ),
                )
                break


def check_course_themes(
    loader: Loader, pages: dict[str, dict[str, Page]], catalogue: Catalogue
) -> None:
    for found in pages.values():
        for page in found.values():
            for i, theme in enumerate(getattr(page.meta, "themes", [])):
                if theme not in catalogue.themes:
                    known = ", ".join(sorted(catalogue.themes)) or loader.say("none yet")
                    loader.error_at(
                        page.source,
                        ("themes", i),
                        loader.say(
                            'the theme "%(theme)s" is not in content/data/themes.yml. '
                            "Known themes: %(known)s.",
                            theme=theme,
                            known=known,
                        ),
                    )


def check_series(loader: Loader, found: dict[str, Page], complete: bool) -> None:
    """The parts of a series agree on how many there are, and each number is used once. In the
    reference language (`complete`) every part must exist; a translation may lack some, as
    those are shown in Danish."""
    groups: dict[str, list[Page]] = {}
    for rel, page in sorted(found.items()):
        series = getattr(page.meta, "series", None)
        if rel.startswith("sessions/") and series is not None:
            groups.setdefault(series.id, []).append(page)
    for series_id, members in groups.items():
        first = members[0]
        of = first.meta.series.of
        seen: dict[int, Page] = {}
        for page in members:
            info = page.meta.series
            if info.of != of:
                loader.error_at(
                    page.source,
                    ("series", "of"),
                    loader.say(
                        'the series "%(series)s" has %(of)s parts in %(other)s but %(here)s here. '
                        'Give every part the same "of".',
                        series=series_id,
                        of=of,
                        other=loader.display(first.path),
                        here=info.of,
                    ),
                )
            if info.part in seen:
                loader.error_at(
                    page.source,
                    ("series", "part"),
                    loader.say(
                        'part %(part)s of the series "%(series)s" is used twice: here and in %(other)s. '
                        "Give each part its own number.",
                        part=info.part,
                        series=series_id,
                        other=loader.display(seen[info.part].path),
                    ),
                )
            seen.setdefault(info.part, page)
        missing = [str(n) for n in range(1, of + 1) if n not in seen]
        if complete and missing:
            loader.error_at(
                first.source,
                ("series", "of"),
                loader.say(
                    'the series "%(series)s" has %(of)s parts, but part %(missing)s is missing. '
                    'Write the missing part, or make "of" smaller.',
                    series=series_id,
                    of=of,
                    missing=", ".join(missing),
                ),
            )


# Pages every page links to from its header or footer: a missing one would be a broken link
# on every page of the site.
REQUIRED_PAGES = {
    "guides/hjaelp-nu.md": mark('the "Help now" link in the header of every page'),
    "privatliv.md": mark('the "Privacy" link in the footer of every page'),
}


def check_required_pages(loader: Loader, lang: str, found: dict[str, Page]) -> None:
    for rel, linked_from in REQUIRED_PAGES.items():
        if rel not in found:
            path = loader.root / "content" / lang / rel
            loader.errors.append(
                ContentError(
                    loader.display(path),
                    1,
                    1,
                    loader.say(
                        "the page is missing; %(linked_from)s leads to it. Create it "
                        "(the example site has one to start from).",
                        linked_from=loader.messages.render(linked_from),
                    ),
                )
            )


def check_references(loader: Loader, pages: dict[str, dict[str, Page]], glossary, sources) -> None:
    """Glossary cross-references and the sources pages name must exist."""
    if glossary is not None:
        path = loader.root / "content" / "data" / "glossary.yml"
        located, _ = loader.read_yaml(path)
        known = set()
        for i, entry in enumerate(glossary.root):
            if entry.id in known:
                loader.error_at(
                    located,
                    (i, "id"),
                    loader.say(
                        'the id "%(id)s" is used twice. Give each entry its own id.', id=entry.id
                    ),
                )
            known.add(entry.id)
        for i, entry in enumerate(glossary.root):
            for j, other in enumerate(entry.see_also):
                if other not in known:
                    loader.error_at(
                        located,
                        (i, "see_also", j),
                        loader.say(
                            'see_also names "%(other)s", which is not an entry id.', other=other
                        ),
                    )
    source_ids = {s.id for s in sources.root} if sources is not None else set()
    for found in pages.values():
        for page in found.values():
            for i, source in enumerate(getattr(page.meta, "sources", [])):
                if source not in source_ids:
                    known_ids = ", ".join(sorted(source_ids)) or loader.say(
                        "none (add content/data/sources.yml)"
                    )
                    loader.error_at(
                        page.source,
                        ("sources", i),
                        loader.say(
                            'there is no source "%(source)s". Known sources: %(known)s.',
                            source=source,
                            known=known_ids,
                        ),
                    )
