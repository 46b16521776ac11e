"""Loading venues, themes and terms, and the checks of offerings and course pages that need
more than one file at a time."""

from __future__ import annotations

from dataclasses import dataclass

from recovery_college.content.loading import DataFile, Kind, Loader, Page, Pages
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


def load(loader: Loader, pages: Pages) -> Catalogue:
    catalogue = load_catalogue(loader, set(pages.get(loader.default_language, {})))
    if not loader.has_failed(loader.data_dir / "themes.yml"):
        check_course_themes(loader, pages, catalogue)
    return catalogue


def load_catalogue(loader: Loader, danish_pages: set[str]) -> Catalogue:
    """Venues and terms, with the checks that need more than one file at a time."""
    venues_path = loader.data_dir / "venues.yml"
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
    themes_path = loader.data_dir / "themes.yml"
    if themes_path.exists():
        loaded_themes, _ = loader.data_file(themes_path, Themes)
        themes = {theme.id: theme for theme in (loaded_themes.root if loaded_themes else [])}
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for path in sorted((loader.data_dir / "terms").glob("*.yml")):
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
        page = self.loader.root / "content" / self.loader.default_language / "courses"
        course_page = page / f"{offering.course}.md"
        if f"courses/{offering.course}.md" not in danish_pages and not self.loader.has_failed(
            course_page
        ):
            self.error(
                "course",
                say(
                    'there is no course "%(course)s": content/%(lang)s/courses/%(course)s.md '
                    "does not exist. Check the spelling or write that course page first.",
                    course=offering.course,
                    lang=self.loader.default_language,
                ),
            )
        venue = venues.get(offering.venue) if offering.venue else None
        venues_failed = self.loader.has_failed(self.loader.data_dir / "venues.yml")
        if offering.venue and venue is None and not venues_failed:
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
