"""The printable term prospectus: each term's programme as a PDF, linked from the term page.

Schools hand out a printed programme at libraries, clinics and job centres. It is made from
the same catalogue views as the term page, through the print template
`theme/pdf/prospectus.html`, and rendered by the PDF stage (pdf.py) like every other PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from recovery_college.courses.models import Catalogue, Term
from recovery_college.courses.views import CatalogueViews, Month, written_out
from recovery_college.outputs.feature import BuildContext
from recovery_college.outputs.pdf import PdfJob, PrintTemplates
from recovery_college.outputs.qr import qr_code
from recovery_college.school.helplines import HelpView, help_view
from recovery_college.school.models import School

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
    qr: dict[str, Markup]  # course -> QR code to its page
    course_urls: dict[str, str]  # course -> its page's address written out


def course_page_qr(ctx: BuildContext, course: str) -> Markup | None:
    """The QR code to a course's page, made once per language build: every term's programme
    and the course's poster and flyer print the same one."""
    url = f"{ctx.lang_url}courses/{course}/"
    return ctx.shared(
        ("qr", url), lambda: qr_code(url, ctx.gettext("QR code: the course on the website"))
    )


def prospectus_view(ctx: BuildContext, views: CatalogueViews, term: Term) -> ProspectusView:
    school = ctx.project.part(School)
    site, lang = school.facts, ctx.lang
    urls = {o.course: f"{ctx.lang_url}courses/{o.course}/" for o in term.offerings}
    return ProspectusView(
        lang=lang,
        direction=ctx.language.direction,
        title=f"{term.name.get(lang)}: {site.name.get(lang)}",
        school=site.name.get(lang),
        tagline=site.tagline.get(lang) if site.tagline else None,
        address=site.address.one_line(),
        phone=site.phone,
        email=site.email,
        url=ctx.lang_url + f"terms/{term.id}/",
        months=views.term_months(term),
        help=help_view(school.helplines, lang),
        qr={course: code for course in urls if (code := course_page_qr(ctx, course))},
        course_urls={course: written_out(url) for course, url in urls.items()},
    )


def prospectus_jobs(
    ctx: BuildContext, views: CatalogueViews, templates: PrintTemplates
) -> list[PdfJob]:
    """Every term's programme, for the PDF stage."""
    return [
        templates.job(
            TEMPLATE,
            output(term),
            label=f"{ctx.lang}: prospectus {term.id}",
            prospectus=prospectus_view(ctx, views, term),
        )
        for term in ctx.project.part(Catalogue).terms
    ]
