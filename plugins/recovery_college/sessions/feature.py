"""Session plans as part of the site: the overview page, each plan's page and its handouts."""

from __future__ import annotations

from typing import Any

from recovery_college.outputs.feature import BuildContext, Feature, generated_page
from recovery_college.outputs.pageview import page_address
from recovery_college.outputs.pdf import PdfJob, PrintTemplates
from recovery_college.school.models import School
from recovery_college.sessions import handouts
from recovery_college.sessions.views import (
    FOLDER,
    INDEX,
    OVERVIEW_TEMPLATE,
    PARTICIPANT_TEMPLATE,
    TEMPLATE,
    SessionViews,
    demote_headings,
    slug_of,
)


class SessionsFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.views = SessionViews(ctx)

    def pages(self) -> dict[str, str]:
        found = {
            INDEX: generated_page(
                {"title": self._("Group sessions"), "template": OVERVIEW_TEMPLATE}, ""
            )
        }
        for slug, plan in self.views.plans.items():
            meta: dict[str, Any] = {
                "title": self._("%(title)s (for participants)") % {"title": plan.meta.title},
                "summary": plan.meta.aim,
                "template": PARTICIPANT_TEMPLATE,
            }
            if plan.lang != self.ctx.lang:
                meta["content_lang"] = plan.lang  # shown in Danish, with the notice
            found[handouts.participant_page(slug)] = generated_page(meta, "")
        return found

    def markdown(self, rel: str, meta: dict[str, Any], markdown: str) -> str:
        if rel == INDEX:
            meta.setdefault("template", OVERVIEW_TEMPLATE)
        elif slug_of(rel) in self.views.plans:
            meta.setdefault("template", TEMPLATE)
            meta.setdefault("hide", ["toc"])  # the contents list would show only the notes
            return demote_headings(markdown)
        return markdown

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        if meta.get("template") == PARTICIPANT_TEMPLATE:
            plan = self.views.plans[rel.split("/")[1]]
            url = page_address(handouts.participant_page(plan.slug))
            context["session"] = self.views.session(plan, url)
        elif rel == INDEX:
            context["sessions"] = self.views.overview()
        elif (slug := slug_of(rel)) in self.views.plans:
            page = context.get("page")
            url = page.url if page is not None else f"{FOLDER}/{slug}/"
            context["session"] = self.views.session(self.views.plans[slug], url)

    def pdf_jobs(self) -> list[PdfJob]:
        """Both handouts of every plan translated into this language."""
        ctx = self.ctx
        school = ctx.project.part(School)
        templates = PrintTemplates(ctx.project.root, self._)
        jobs = []
        for plan in self.views.plans.values():
            if plan.lang != ctx.lang:
                continue  # the page links the Danish handouts
            jobs += handouts.handout_jobs(
                templates,
                plan.slug,
                plan.meta,
                lang=ctx.lang,
                direction=ctx.language.direction,
                site=school.facts,
                helplines=school.helplines,
                lang_url=ctx.lang_url,
                qr_label=self._("QR code: the session plan on the website"),
            )
        return jobs
