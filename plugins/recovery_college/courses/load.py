"""Loading venues, themes and terms, and the checks of offerings and course pages that need
more than one file at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.content.validation import closest
from recovery_college.content.yamlsource import LocatedYaml
from recovery_college.courses.models import (
    Catalogue,
    CourseMeta,
    Offering,
    Term,
    Theme,
    Themes,
    Venue,
    Venues,
)

TERMS = "terms"  # the folder of term schedules, below the data folder: one file per term


def load(loader: Loader, pages: Pages) -> Catalogue:
    catalogue, theme_ids = load_catalogue(
        loader, loader.page_files.get(loader.default_language, set())
    )
    check_course_themes(loader, pages, theme_ids)
    return catalogue


def _items(located: LocatedYaml, *where: str) -> list[Any]:
    """The list at `where` in a file as written, valid or not; [] if it is not a list."""
    data: Any = located.data
    for key in where:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, list) else []


def _text(item: Any, key: str) -> str | None:
    """A field of an item as written, if it is text: what a cross-file check can use."""
    value = item.get(key) if isinstance(item, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def load_venues(loader: Loader) -> tuple[dict[str, Venue], dict[str, list[str]] | None]:
    """The valid venues, and the rooms of every venue id written (valid or not), or None
    when venues.yml could not be read: an offering's venue is checked against what is there,
    so one mistake in a venue does not make every offering's venue "unknown"."""
    path = loader.data_dir / "venues.yml"
    if not path.exists():
        return {}, {}
    loaded, located = loader.data_file(path, Venues)
    if not located.whole:
        return {}, None
    venues: dict[str, Venue] = {venue.id: venue for venue in (loaded.root if loaded else [])}
    rooms: dict[str, list[str]] = {}
    for i, item in enumerate(_items(located)):
        venue_id = _text(item, "id")
        if venue_id is None:
            continue
        if venue_id in rooms:
            loader.error_at(
                located,
                (i, "id"),
                loader.say('the venue id "%(id)s" is used twice.', id=venue_id),
            )
        written = item.get("rooms") if isinstance(item, dict) else None
        rooms[venue_id] = (
            [r for r in written if isinstance(r, str)] if isinstance(written, list) else []
        )
    return venues, rooms


def load_themes(loader: Loader) -> tuple[dict[str, Theme], set[str] | None]:
    """The valid themes, and every theme id written (None when themes.yml is unreadable)."""
    path = loader.data_dir / "themes.yml"
    if not path.exists():
        return {}, set()
    loaded, located = loader.data_file(path, Themes)
    if not located.whole:
        return {}, None
    themes = {theme.id: theme for theme in (loaded.root if loaded else [])}
    return themes, {i for item in _items(located) if (i := _text(item, "id"))}


def load_catalogue(loader: Loader, danish_pages: set[str]) -> tuple[Catalogue, set[str] | None]:
    """Venues and terms, with the checks that need more than one file at a time. Each
    offering is checked on its own, as written: a mistake in one field or one offering does
    not hide the others' mistakes."""
    venues, rooms = load_venues(loader)
    themes, theme_ids = load_themes(loader)
    courses = sorted(
        rel.removeprefix("courses/").removesuffix(".md")
        for rel in danish_pages
        if rel.startswith("courses/") and rel.count("/") == 1 and rel != "courses/index.md"
    )
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for path in sorted((loader.data_dir / TERMS).glob("*.yml")):
        term, located = loader.data_file(path, Term)
        if term is not None:
            terms.append(term)
        span = (term.starts, term.ends) if term is not None else _span(located)
        for i, item in enumerate(_items(located, "offerings")):
            offering = term.offerings[i] if term is not None else loader.quietly(Offering, item)
            check = OfferingCheck(loader, located, ("offerings", i), item, offering)
            check.run(venues, rooms, courses, seen, span)
    terms.sort(key=lambda t: t.starts)
    return Catalogue(venues=venues, themes=themes, terms=terms), theme_ids


def _span(located: LocatedYaml) -> tuple[dt.date, dt.date] | None:
    """A term's first and last day as written, when both are real dates in order."""
    data = located.data if isinstance(located.data, dict) else {}
    starts, ends = data.get("starts"), data.get("ends")
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and starts <= ends:
        return starts, ends
    return None


@dataclass
class OfferingCheck:
    """Checks of one offering against venues, course pages, its term and other offerings.

    They read the offering as written (`item`), so a mistake in another of its fields does
    not hide a mistyped course or venue id; only the term dates need the valid `offering`."""

    loader: Loader
    located: LocatedYaml
    where: tuple
    item: Any
    offering: Offering | None

    def error(self, field: str, message: str) -> None:
        self.loader.error_at(self.located, (*self.where, field), message)

    def run(
        self,
        venues: dict[str, Venue],
        rooms: dict[str, list[str]] | None,
        courses: list[str],
        seen: dict[str, str],
        span: tuple[dt.date, dt.date] | None,
    ) -> None:
        self.check_id(seen)
        self.check_course(courses)
        self.check_venue(venues, rooms)
        if self.offering is not None and span is not None:
            self.check_term(*span)

    def check_id(self, seen: dict[str, str]) -> None:
        offering_id = _text(self.item, "id")
        if offering_id is None:
            return
        if offering_id in seen:
            self.error(
                "id",
                self.loader.say(
                    'the offering id "%(id)s" is already used in %(file)s. '
                    "Give each offering its own id.",
                    id=offering_id,
                    file=seen[offering_id],
                ),
            )
        seen[offering_id] = self.located.path

    def check_course(self, courses: list[str]) -> None:
        """The course page must exist as a file; whether its front matter is valid is that
        page's own problem, reported there."""
        course = _text(self.item, "course")
        if course is None or course in courses:
            return
        say = self.loader.say
        message = say(
            'there is no course "%(course)s": content/%(lang)s/courses/%(course)s.md '
            "does not exist. Check the spelling or write that course page first.",
            course=course,
            lang=self.loader.default_language,
        )
        suggestion = closest(course, courses)
        if suggestion is not None:
            message += " " + say("Did you mean %(suggestion)s?", suggestion=suggestion)
        self.error("course", message)

    def check_venue(self, venues: dict[str, Venue], rooms: dict[str, list[str]] | None) -> None:
        venue_id = _text(self.item, "venue")
        if venue_id is None:
            return
        say = self.loader.say
        if rooms is None:
            self.loader.skip(self.loader.display(self.loader.data_dir / "venues.yml"))
            return
        if venue_id not in rooms:
            message = say(
                'there is no venue "%(venue)s" in content/data/venues.yml. '
                "Known venues: %(known)s.",
                venue=venue_id,
                known=", ".join(sorted(rooms)) or say("none yet"),
            )
            suggestion = closest(venue_id, rooms)
            if suggestion is not None:
                message += " " + say("Did you mean %(suggestion)s?", suggestion=suggestion)
            self.error("venue", message)
            return
        room = _text(self.item, "room")
        known = rooms[venue_id]
        if room and known and room not in known:
            venue = venues.get(venue_id)
            self.error(
                "room",
                say(
                    '"%(room)s" is not a room of %(venue)s. Rooms: %(rooms)s.',
                    room=room,
                    venue=venue.name if venue else venue_id,
                    rooms=", ".join(known),
                ),
            )

    def check_term(self, starts: dt.date, ends: dt.date) -> None:
        assert self.offering is not None
        for day in self.offering.sessions.days():
            if not starts <= day <= ends:
                self.error(
                    "sessions",
                    self.loader.say(
                        "a session on %(day)s is outside the term (%(starts)s to %(ends)s).",
                        day=day,
                        starts=starts,
                        ends=ends,
                    ),
                )
                break


def check_course_themes(loader: Loader, pages: Pages, theme_ids: set[str] | None) -> None:
    """Every theme a course page names is in themes.yml; pages with another mistake in their
    front matter are checked as written."""
    named: list[tuple[LocatedYaml, int, str]] = []
    for found in pages.values():
        for page in found.values():
            for i, theme in enumerate(getattr(page.meta, "themes", [])):
                named.append((page.source, i, theme))
    for invalid in loader.invalid_pages.values():
        for rel, located in invalid.items():
            if rel.startswith("courses/"):
                for i, theme in enumerate(_items(located, "themes")):
                    if isinstance(theme, str):
                        named.append((located, i, theme))
    if theme_ids is None:
        loader.skip(loader.display(loader.data_dir / "themes.yml"), len(named))
        return
    known = ", ".join(sorted(theme_ids)) or loader.say("none yet")
    for located, i, theme in named:
        if theme not in theme_ids:
            message = loader.say(
                'the theme "%(theme)s" is not in content/data/themes.yml. Known themes: %(known)s.',
                theme=theme,
                known=known,
            )
            suggestion = closest(theme, theme_ids)
            if suggestion is not None:
                message += " " + loader.say("Did you mean %(suggestion)s?", suggestion=suggestion)
            loader.error_at(located, ("themes", i), message)


KIND = Kind(
    name="courses",
    pages={"courses": CourseMeta},
    load=load,
    files=(
        DataFile("terms/*.yml", Term, "Semestre"),
        DataFile("venues.yml", Venues, "Steder"),
        DataFile("themes.yml", Themes, "Temaer"),
    ),
)
