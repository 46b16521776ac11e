"""Plain pages for the catalogue's main facets: each theme, teaching language and weekday, and
the online, drop-in and step-free courses.

They work without JavaScript and have an address of their own, so "courses taught in Arabic"
(`courses/sprog/ar/`) is a link a social worker can send. Each is an ordinary list page,
paginated like the catalogue. They sit one folder below `courses/` (`tema/`, `sprog/`, `dag/`,
`find/`), where no course's own page (`courses/<id>/`) can take their address.
"""

from __future__ import annotations

from dataclasses import dataclass

from recovery_college.content.languages import language_name
from recovery_college.courses.views import (
    WEEKDAY_SLUGS,
    CatalogueViews,
    OfferingView,
)
from recovery_college.outputs.i18n import N_

GROUPS = {
    "theme": N_("Theme"),
    "language": N_("Language of teaching"),
    "weekday": N_("Weekday"),
    "other": N_("Other"),
}
WEEKDAY_TITLES = dict(
    zip(
        WEEKDAY_SLUGS,
        (
            N_("Courses on Mondays"),
            N_("Courses on Tuesdays"),
            N_("Courses on Wednesdays"),
            N_("Courses on Thursdays"),
            N_("Courses on Fridays"),
            N_("Courses on Saturdays"),
            N_("Courses on Sundays"),
        ),
        strict=True,
    )
)


@dataclass(frozen=True)
class Facet:
    """One facet page: the offerings whose filter `key` holds `value`."""

    group: str  # a key of GROUPS: where the link stands in "Find courses by ..."
    path: str  # the page's folder below the language root: "courses/sprog/ar/"
    title: str  # the page's title: "Kurser på arabisk"
    label: str  # the link's text in the list of facets: "Arabisk"
    key: str  # the filter (OfferingView.filters) it picks by
    value: str

    def matches(self, view: OfferingView) -> bool:
        return self.value in view.filters[self.key].split()

    @property
    def source(self) -> str:
        """Path of the generated Markdown of its first page."""
        return self.path.rstrip("/") + ".md"


@dataclass(frozen=True)
class FacetLink:
    """A facet in the list of "Find courses by ...": how many coming offerings it has, and
    whether it is the page the list stands on."""

    facet: Facet
    count: int
    current: bool


@dataclass(frozen=True)
class FacetGroup:
    """A group of that list (theme, language, ...), by its name in the page's language."""

    name: str
    links: tuple[FacetLink, ...]


def facets(views: CatalogueViews) -> list[Facet]:
    """Every facet page of this language, in the order they are listed. A theme, language or
    weekday gets its page while any term, past ones too, has it, so an address once sent
    keeps working between terms (with "no courses right now")."""
    _ = views._
    lang = views.lang
    every = [views.offering(term, o) for term in views.catalogue.terms for o in term.offerings]
    found = [
        Facet(
            "theme",
            f"courses/tema/{theme.id}/",
            _("Courses on the theme: %(theme)s") % {"theme": theme.name.get(lang)},
            theme.name.get(lang),
            "theme",
            theme.id,
        )
        for theme in views.catalogue.themes.values()
    ]
    for code in sorted({view.language for view in every}):
        name = language_name(code, lang)
        found.append(
            Facet(
                "language",
                f"courses/sprog/{code}/",
                _("Courses taught in %(language)s") % {"language": name},
                name.capitalize(),
                "language",
                code,
            )
        )
    days = {view.filters["weekday"] for view in every}
    for slug in WEEKDAY_SLUGS:
        if slug in days:
            found.append(
                Facet(
                    "weekday",
                    f"courses/dag/{slug}/",
                    _(WEEKDAY_TITLES[slug]),
                    views.weekday_name(slug),
                    "weekday",
                    slug,
                )
            )
    found += [
        Facet("other", "courses/find/online/", _("Online courses"), _("Online"), "mode", "online"),
        Facet(
            "other",
            "courses/find/drop-in/",
            _("Courses where you just turn up"),
            _("Drop-in"),
            "attendance",
            "drop-in",
        ),
        Facet(
            "other",
            "courses/find/trinfri/",
            _("Courses with step-free access"),
            _("Step-free access"),
            "stepfree",
            "yes",
        ),
    ]
    return found
