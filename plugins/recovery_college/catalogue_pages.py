"""The course catalogue as part of the site: its pages, their context, calendars and feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import calendar, feed, pagination, prospectus
from .catalogue import CatalogueViews, course_view
from .courses import Term
from .features import BuildContext, Feature
from .statement import generated_page

CATALOGUE = "courses/"


class CatalogueFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.views = CatalogueViews(
            ctx.project.catalogue, ctx.metas("courses"), ctx.lang, self._, ctx.now
        )

    def pages(self) -> dict[str, str]:
        _ = self._
        found = {
            "courses/index.md": generated_page(
                {"title": _("Courses"), "template": "catalogue.html"}, ""
            ),
            "courses/arkiv.md": generated_page(
                {"title": _("Earlier terms"), "template": "archive.html"}, ""
            ),
        }
        found.update(self._more_pages(CATALOGUE, _("Courses"), len(self.views.upcoming()), {}))
        for term in self.ctx.project.catalogue.terms:
            name = term.name.get(self.ctx.lang)
            found[f"terms/{term.id}.md"] = generated_page(
                {"title": name, "template": "term.html"}, ""
            )
            found.update(
                self._more_pages(f"terms/{term.id}/", name, len(term.offerings), {"term": term.id})
            )
        return found

    def _more_pages(self, base: str, title: str, total: int, meta: dict) -> dict[str, str]:
        """Pages 2, 3, ... of a long list; page 1 is the list's own page."""
        template = "catalogue.html" if base == CATALOGUE else "term.html"
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

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        if self._course(rel) and "template" not in meta:
            meta["template"] = "course.html"
        return markdown

    def _term(self, rel: str, meta: dict[str, Any]) -> Term | None:
        for term in self.ctx.project.catalogue.terms:
            if rel == f"terms/{term.id}.md" or meta.get("term") == term.id:
                return term
        return None

    @staticmethod
    def _course(rel: str) -> str | None:
        if rel.startswith("courses/") and rel.count("/") == 1:
            return rel[len("courses/") : -3]
        return None

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        template = meta.get("template")
        number = int(meta.get("list_page", 1))
        if template == "catalogue.html":
            upcoming = self.views.upcoming()
            pager = pagination.pager(CATALOGUE, number, len(upcoming))
            shown = pager.items(upcoming)
            context["pager"] = pager
            context["offerings"] = shown
            context["filters"] = self.views.filter_options(shown)
            context["terms"] = self.views.current_terms()
        elif template == "archive.html":
            context["terms"] = self.views.past_terms()
        elif template == "term.html" and (term := self._term(rel, meta)):
            programme = self.views.term_offerings(term)
            pager = pagination.pager(f"terms/{term.id}/", number, len(programme))
            context["term"] = term
            context["pager"] = pager
            context["months"] = self.views.months(pager.items(programme))
            context.setdefault("prospectus", prospectus.output(term))
        elif (course := self._course(rel)) and course in self.views.courses:
            url = self.ctx.lang_url + f"courses/{course}/"
            context["course"] = course_view(
                self.views, course, self.views.courses[course], url, self.ctx.school
            )

    def post_build(self, site_dir: Path) -> None:
        """Calendars and the JSON feed, next to the pages of this language."""
        ctx = self.ctx
        published = ctx.published / ctx.language.prefix / "courses.ics" if ctx.published else None
        previous = calendar.read_previous(published) if published else {}
        host = urlsplit(ctx.base_url).netloc or "localhost"
        writer = calendar.CalendarWriter(host, ctx.lang_url, ctx.school, ctx.lang, previous)
        every = []
        folder = site_dir / "calendars"
        folder.mkdir(exist_ok=True)
        for term in ctx.project.catalogue.terms:
            term_views = [self.views.offering(term, o) for o in term.offerings]
            every.extend(term_views)
            name = f"{ctx.school}: {term.name.get(ctx.lang)}"
            (folder / f"{term.id}.ics").write_bytes(writer.calendar(name, term_views))
            for view in term_views:
                (folder / f"{view.id}.ics").write_bytes(writer.calendar(view.course_title, [view]))
        (site_dir / "courses.ics").write_bytes(writer.calendar(ctx.school, every))
        document = feed.render(every, ctx.project.catalogue, ctx.lang_url, ctx.lang, ctx.school)
        (site_dir / "courses.json").write_text(document, encoding="utf-8")
        (site_dir / feed.SCHEMA_NAME).write_text(feed.schema(), encoding="utf-8")
