"""The course catalogue as part of the site: its pages, their context, calendars and feed, and
the printable programme of each term."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from recovery_college.courses import (
    calendar,
    changes,
    facets,
    feed,
    filterindex,
    hsds,
    news,
    posters,
    prospectus,
)
from recovery_college.courses.models import Catalogue, Term
from recovery_college.courses.views import (
    FILTER_PARAMS,
    CatalogueViews,
    OfferingView,
    TermLink,
    course_run_pages,
    course_runs_base,
    course_view,
)
from recovery_college.outputs import keptmade, pagination
from recovery_college.outputs.feature import BuildContext, Feature, generated_page
from recovery_college.outputs.fingerprints import Fingerprints
from recovery_college.outputs.pageview import page_address
from recovery_college.outputs.pdf import PdfJob, PrintTemplates
from recovery_college.school.models import School

CATALOGUE = "courses/"


def catalogue_views(ctx: BuildContext) -> CatalogueViews:
    """The catalogue's views of this language build, made once for every feature using them."""
    return ctx.shared(CatalogueViews, lambda: _make_views(ctx))


def _make_views(ctx: BuildContext) -> CatalogueViews:
    metas = ctx.metas("courses")
    own = ctx.project.pages.get(ctx.lang, {})
    default = ctx.project.default
    untranslated = frozenset(c for c in metas if f"courses/{c}.md" not in own)
    return CatalogueViews(
        ctx.project.part(Catalogue),
        metas,
        ctx.lang,
        ctx.gettext,
        ctx.now,
        (default.code, default.direction, untranslated),
    )


def course_calendar(course: str) -> str:
    """Every run of a course in one calendar, below calendars/: follow a course, not a run."""
    return f"kurser/{course}.ics"


def term_of(catalogue: Catalogue, rel: str, meta: dict[str, Any]) -> Term | None:
    """The term a term page (or a later page of a long programme) belongs to."""
    for term in catalogue.terms:
        if rel == f"terms/{term.id}.md" or meta.get("term") == term.id:
            return term
    return None


class CatalogueFeature(Feature):
    reads_terms = True

    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.catalogue = ctx.project.part(Catalogue)
        self.views = catalogue_views(ctx)
        self.log = changes.update(changes.read(ctx.published), self.catalogue, ctx.now)
        self.news = news.NewsViews(
            self.log, self.catalogue, self.views.courses, ctx.lang, ctx.gettext
        )
        self.facets = {facet.path: facet for facet in facets.facets(self.views)}
        self._facet_lists: dict[str, list[OfferingView]] = {}
        self._filter_options: dict[str, list[tuple[str, str]]] | None = None
        self._programmes: dict[str, list[prospectus.ProgrammeLink]] = {}
        self._facet_links: dict[str | None, tuple[facets.FacetGroup, ...]] = {}

    def facet_offerings(self, facet: facets.Facet) -> list[OfferingView]:
        """The coming offerings a facet page lists, in the catalogue's order (worked out once:
        each of its pages and the catalogue's list of facets ask)."""
        if facet.path not in self._facet_lists:
            self._facet_lists[facet.path] = [v for v in self.views.upcoming() if facet.matches(v)]
        return self._facet_lists[facet.path]

    def facet_links(self, current: str | None = None) -> tuple[facets.FacetGroup, ...]:
        """ "Find courses by ...": each group's facets that have coming courses, with counts.
        Made once for each page it stands on (and so digested once, engine/rendercache.py):
        the catalogue's pages and every facet's pages show it."""
        if current not in self._facet_links:
            groups: dict[str, list[facets.FacetLink]] = {}
            for facet in self.facets.values():
                count = len(self.facet_offerings(facet))
                if count or facet.path == current:
                    link = facets.FacetLink(facet, count, facet.path == current)
                    groups.setdefault(facet.group, []).append(link)
            self._facet_links[current] = tuple(
                facets.FacetGroup(self._(facets.GROUPS[g]), tuple(groups[g]))
                for g in facets.GROUPS
                if g in groups
            )
        return self._facet_links[current]

    def pages(self) -> dict[str, str]:
        _ = self._
        found = {
            "courses/index.md": generated_page(
                {"title": _("Courses"), "template": "catalogue.html"}, ""
            ),
            "courses/arkiv.md": generated_page(
                {"title": _("Earlier terms"), "template": "archive.html"}, ""
            ),
            news.PAGE: generated_page(
                {"title": _("New and changed courses"), "template": "changes.html"}, ""
            ),
        }
        found.update(self._more_pages(CATALOGUE, _("Courses"), len(self.views.upcoming()), {}))
        for facet in self.facets.values():
            meta = {"facet": facet.path}
            found[facet.source] = generated_page(
                {"title": facet.title, "template": "catalogue.html", **meta}, ""
            )
            total = len(self.facet_offerings(facet))
            found.update(self._more_pages(facet.path, facet.title, total, meta))
        for course, course_meta in self.views.courses.items():
            found.update(self._run_pages(course, course_meta.title))
        for term in self.catalogue.terms:
            name = term.name.get(self.ctx.lang)
            found[f"terms/{term.id}.md"] = generated_page(
                {"title": name, "template": "term.html"}, ""
            )
            if prospectus.by_place(self._programme(term)):
                found[prospectus.list_page(term)] = generated_page(
                    {
                        "title": _("%(term)s: the programme to print") % {"term": name},
                        "template": "programme.html",
                        "term": term.id,
                    },
                    "",
                )
            found.update(
                self._more_pages(f"terms/{term.id}/", name, len(term.offerings), {"term": term.id})
            )
        return found

    def _more_pages(self, base: str, title: str, total: int, meta: dict) -> dict[str, str]:
        """Pages 2, 3, ... of a long list; page 1 is the list's own page."""
        template = "catalogue.html" if base.startswith(CATALOGUE) else "term.html"
        count = pagination.page_count(total)
        return {
            pagination.page_source(base, number): generated_page(
                {
                    "title": self._("%(title)s, page %(number)s of %(count)s")
                    % {"title": title, "number": number, "count": count},
                    "template": template,
                    "list_page": number,
                    **meta,
                },
                "",
            )
            for number in range(2, count + 1)
        }

    def _programme(self, term: Term) -> list[prospectus.ProgrammeLink]:
        """The links to a term's printed programme (prospectus.links), worked out once: every
        page of a national school's term (about 170) shows them or links to them."""
        if term.id not in self._programmes:
            self._programmes[term.id] = prospectus.links(self.views, term, self._("Online"))
        return self._programmes[term.id]

    def _run_pages(self, course: str, title: str) -> dict[str, str]:
        """Pages 2, 3, ... of a course's coming runs (views.RUNS_PER_PAGE a page); page 1 is
        the course page."""
        count = course_run_pages(self.views, course)
        return {
            pagination.page_source(course_runs_base(course), number): generated_page(
                {
                    "title": self._("%(title)s, page %(number)s of %(count)s")
                    % {"title": title, "number": number, "count": count},
                    "template": "course.html",
                    "course_runs": course,
                    "list_page": number,
                },
                "",
            )
            for number in range(2, count + 1)
        }

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        if self._course(rel) and "template" not in meta:
            meta["template"] = "course.html"
        return markdown

    @staticmethod
    def _course(rel: str) -> str | None:
        if rel.startswith("courses/") and rel.count("/") == 1:
            return rel[len("courses/") : -3]
        return None

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        template = meta.get("template")
        number = int(meta.get("list_page", 1))
        if template == "catalogue.html":
            facet = self.facets.get(meta.get("facet", ""))
            listed = self.facet_offerings(facet) if facet else self.views.upcoming()
            pager = pagination.pager(facet.path if facet else CATALOGUE, number, len(listed))
            context["pager"] = pager
            context["offerings"] = pager.items(listed)
            context["facet"] = facet
            context["facet_groups"] = self.facet_links(facet.path if facet else None)
            context["terms"] = self.views.current_term_links()
            if not facet:
                if self._filter_options is None:  # the whole catalogue's, once for every page
                    self._filter_options = self.views.filter_options(self.views.upcoming())
                context["filters"] = self._filter_options
                context["filter_params"] = FILTER_PARAMS
                context["filter_index"] = filterindex.FILE
        elif template == "archive.html":
            context["terms"] = self.views.past_terms()
        elif template == "changes.html":
            context["news_days"] = self.news.days()
        elif template == "term.html" and (term := term_of(self.catalogue, rel, meta)):
            programme = self.views.term_offerings(term)
            pager = pagination.pager(f"terms/{term.id}/", number, len(programme))
            # Its id and name, not the whole term: a page of the term is kept from the last
            # build while the runs it shows are the same (engine/rendercache.py).
            context["term"] = TermLink.of(term)
            context["pager"] = pager
            context["months"] = self.views.months(pager.items(programme))
            context["prospectus"] = self._programme(term)
            by_place = prospectus.by_place(context["prospectus"])
            context["prospectus_page"] = (
                page_address(prospectus.list_page(term)) if by_place else None
            )
        elif template == "programme.html" and (term := term_of(self.catalogue, rel, meta)):
            context["term"] = TermLink.of(term)
            context["prospectus"] = self._programme(term)
        elif (course := self._course(rel) or meta.get("course_runs")) and (
            course in self.views.courses
        ):
            url = self.ctx.lang_url + f"courses/{course}/"
            context["course"] = course_view(
                self.views, course, self.views.courses[course], url, self.ctx.school, number
            )
            context["pager"] = context["course"].pager
            context["course_feed"] = news.course_feed(course)
            context["course_calendar"] = "calendars/" + course_calendar(course)
            if posters.poster_jobs_wanted(self.views.for_course(course)[0]):
                context["posters"] = posters.files(course)

    def post_build(self, site_dir: Path) -> None:
        """Calendars and the JSON feed, next to the pages of this language."""
        ctx = self.ctx
        published = ctx.published / ctx.language.prefix / "courses.ics" if ctx.published else None
        records = ctx.project.root / calendar.RECORDS / ctx.lang
        last = calendar.LastCalendar.of(published, records)
        host = urlsplit(ctx.base_url).netloc or "localhost"
        record = None if ctx.preview else calendar.Record(records)  # for the next build
        kept = last.kept() if record else None
        writer = calendar.CalendarWriter(
            host,
            ctx.lang_url,
            ctx.school,
            last.previous(),
            record,
            kept,
            ctx.shared(Fingerprints, Fingerprints).made,
        )
        every = []
        written = ctx.unchanged  # a run's and a course's calendars: most are as published
        folder = site_dir / "calendars"
        folder.mkdir(exist_ok=True)
        for term in self.catalogue.terms:
            term_views = [self.views.offering(term, o) for o in term.offerings]
            every.extend(term_views)
            name = f"{ctx.school}: {term.name.get(ctx.lang)}"
            writer.write(folder / f"{term.id}.ics", name, term_views)
            for view in term_views:
                rel = f"calendars/{view.id}.ics"
                written.write(writer.calendar(view.course_title, [view]), site_dir / rel, rel)
        writer.write(site_dir / "courses.ics", ctx.school, every)
        if record is not None:
            record.close(site_dir / "courses.ics", kept)
        by_course: dict[str, list] = {}
        for view in every:
            by_course.setdefault(view.course, []).append(view)
        (folder / "kurser").mkdir(exist_ok=True)
        for course, meta in self.views.courses.items():  # follow a course, not a run
            runs = by_course.get(course, [])  # none yet: subscribers get the next ones
            rel = "calendars/" + course_calendar(course)
            data = writer.calendar(f"{ctx.school}: {meta.title}", runs)
            written.write(data, site_dir / rel, rel)
        self.write_news(site_dir)
        made = ctx.project.root / keptmade.FOLDER / f"feed-{ctx.lang}.sqlite"
        entries = feed.Entries(
            self.catalogue,
            ctx.lang_url,
            None if ctx.preview else keptmade.KeptMade(made),
            ctx.shared(Fingerprints, Fingerprints).made,
        )
        feed.write(
            site_dir / "courses.json",
            every,
            self.catalogue,
            ctx.lang_url,
            ctx.lang,
            ctx.school,
            entries,
        )
        if entries.kept is not None:
            entries.kept.close()
        (site_dir / feed.SCHEMA_NAME).write_text(feed.schema(), encoding="utf-8")
        (site_dir / filterindex.FILE).write_text(filterindex.render(self.views), encoding="utf-8")

    def write_news(self, site_dir: Path) -> None:
        """The Atom feeds of this language, and (once, at the root) the change log."""
        ctx, _ = self.ctx, self._
        if ctx.language.is_default:  # language-neutral files, once, at the site's root
            (site_dir / changes.FILE).write_text(self.log.to_json(), encoding="utf-8")
            facts = ctx.project.part(School).facts
            items = hsds.services(
                self.catalogue, self.views.courses, facts, ctx.lang, ctx.lang_url, ctx.now
            )
            (site_dir / hsds.FILE).parent.mkdir(exist_ok=True)
            hsds.write(site_dir / hsds.FILE, items)
        page = ctx.lang_url + page_address(news.PAGE)
        school = news.atom(
            _("%(school)s: new and changed courses") % {"school": ctx.school},
            ctx.lang_url + news.FEED,
            page,
            ctx.lang,
            ctx.school,
            self.news.changes(),
            ctx.lang_url,
            ctx.now,
        )
        (site_dir / news.FEED).write_bytes(school)
        for course, meta in self.views.courses.items():
            target = site_dir / news.course_feed(course)
            if not target.parent.is_dir():
                continue  # a course without a page in this build
            document = news.atom(
                _("%(course)s: new and changed") % {"course": meta.title},
                ctx.lang_url + news.course_feed(course),
                ctx.lang_url + f"courses/{course}/",
                ctx.lang,
                ctx.school,
                self.news.changes(course),
                ctx.lang_url,
                ctx.now,
            )
            ctx.unchanged.write(document, target, news.course_feed(course))


class ProspectusFeature(Feature):
    """Each term's programme as a PDF (prospectus.py) and each course's poster and flyer
    (posters.py), from the catalogue's shared views."""

    def pdf_jobs(self) -> list[PdfJob]:
        views = catalogue_views(self.ctx)
        templates = PrintTemplates(self.ctx.project.root, self.ctx.gettext)  # one for both
        return prospectus.prospectus_jobs(self.ctx, views, templates) + posters.poster_jobs(
            self.ctx, views, templates
        )
