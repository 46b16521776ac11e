"""The course catalogue as part of the site: its pages, their context, calendars and feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import calendar, feed
from .catalogue import CatalogueViews, course_view
from .features import BuildContext, Feature
from .statement import generated_page


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
        for term in self.ctx.project.catalogue.terms:
            found[f"terms/{term.id}.md"] = generated_page(
                {"title": term.name.get(self.ctx.lang), "template": "term.html"}, ""
            )
        return found

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
        if template == "catalogue.html":
            upcoming = self.views.upcoming()
            context["offerings"] = upcoming
            context["filters"] = self.views.filter_options(upcoming)
            context["terms"] = self.views.current_terms()
        elif template == "archive.html":
            context["terms"] = self.views.past_terms()
        elif template == "term.html":
            term = next(t for t in self.ctx.project.catalogue.terms if rel == f"terms/{t.id}.md")
            context["term"] = term
            context["months"] = self.views.term_months(term)
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
