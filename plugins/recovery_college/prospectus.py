"""The printable term prospectus: each term's programme as a PDF, linked from the term page.

Schools hand out a printed programme at libraries, clinics and job centres. It is made from
the same catalogue views as the term page, through the print template
`theme/pdf/prospectus.html`, and rendered by the PDF stage (pdf.py) like every other PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalogue import CatalogueViews, Month
from .courses import Term
from .features import BuildContext, Feature
from .handouts import HelpView, help_view
from .pdf import PdfJob, PrintTemplates

TEMPLATE = "prospectus.html"


def output(term: Term) -> str:
    """Where a term's prospectus goes, below the language root (next to the term page)."""
    return f"terms/{term.id}/prospectus.pdf"


@dataclass(frozen=True)
class ProspectusView:
    lang: str
    direction: str
    title: str
    school: str
    tagline: str | None
    address: str
    phone: str
    email: str
    url: str
    months: list[Month]
    help: HelpView


class ProspectusFeature(Feature):
    def __init__(self, ctx: BuildContext):
        super().__init__(ctx)
        self.views = CatalogueViews(
            ctx.project.catalogue, ctx.metas("courses"), ctx.lang, self._, ctx.now
        )

    def _term(self, rel: str, meta: dict[str, Any]) -> Term | None:
        """The term a term page (or a later page of a long programme) belongs to."""
        for term in self.ctx.project.catalogue.terms:
            if rel == f"terms/{term.id}.md" or meta.get("term") == term.id:
                return term
        return None

    def context(self, rel: str, meta: dict[str, Any], context: dict[str, Any]) -> None:
        if meta.get("template") == "term.html" and (term := self._term(rel, meta)):
            context["prospectus"] = output(term)

    def view(self, term: Term) -> ProspectusView:
        ctx, site = self.ctx, self.ctx.project.site
        return ProspectusView(
            lang=ctx.lang,
            direction=ctx.language.direction,
            title=f"{term.name.get(ctx.lang)}: {site.name.get(ctx.lang)}",
            school=site.name.get(ctx.lang),
            tagline=site.tagline.get(ctx.lang) if site.tagline else None,
            address=site.address.one_line(),
            phone=site.phone,
            email=site.email,
            url=ctx.lang_url + f"terms/{term.id}/",
            months=self.views.term_months(term),
            help=help_view(ctx.project.helplines, ctx.lang),
        )

    def pdf_jobs(self) -> list[PdfJob]:
        templates = PrintTemplates(self.ctx.project.root, self._)
        return [
            templates.job(
                TEMPLATE,
                output(term),
                label=f"{self.ctx.lang}: prospectus {term.id}",
                prospectus=self.view(term),
            )
            for term in self.ctx.project.catalogue.terms
        ]
