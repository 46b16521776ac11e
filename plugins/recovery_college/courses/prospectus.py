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
from recovery_college.outputs.qr import CACHE as QR_CACHE
from recovery_college.outputs.qr import qr_code
from recovery_college.school.helplines import HelpView, help_view
from recovery_college.school.models import School

TEMPLATE = "prospectus.html"
# A term with more offerings than this gets one programme per month instead of one for the
# whole term: a reader picks up this month's (a national school's term would be hundreds of
# pages), and a changed offering makes only its month's programme again, not the whole term's.
SPLIT_AT = 60


def output(term: Term) -> str:
    """Where a term's prospectus goes, below the language root (next to the term page)."""
    return f"terms/{term.id}/prospectus.pdf"


@dataclass(frozen=True)
class Part:
    """One printed programme of a term: the whole term, or one month of a large term."""

    output: str  # below the language root
    month: str  # the month's name as the language writes it; "" for the whole term
    months: list[Month]


def parts(term: Term, months: list[Month]) -> list[Part]:
    """The term's programme as one document, or one per month when the term is large."""
    if sum(len(month.offerings) for month in months) <= SPLIT_AT:
        return [Part(output(term), "", months)]
    return [
        Part(f"terms/{term.id}/prospectus-{_key(month)}.pdf", month.label, [month])
        for month in months
    ]


def _key(month: Month) -> str:
    first = month.offerings[0].first_day
    return f"{first.year}-{first.month:02d}"


def links(views: CatalogueViews, term: Term) -> list[tuple[str, str]]:
    """The term page's links to its printed programme: (month or "", file)."""
    return [(part.month, part.output) for part in parts(term, views.term_months(term))]


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
        ("qr", url),
        lambda: qr_code(
            url, ctx.gettext("QR code: the course on the website"), ctx.project.root / QR_CACHE
        ),
    )


def prospectus_view(
    ctx: BuildContext, views: CatalogueViews, term: Term, part: Part | None = None
) -> ProspectusView:
    school = ctx.project.part(School)
    site, lang = school.facts, ctx.lang
    part = part or parts(term, views.term_months(term))[0]
    courses = {o.course for month in part.months for o in month.offerings}
    urls = {course: f"{ctx.lang_url}courses/{course}/" for course in sorted(courses)}
    name = term.name.get(lang) + (f", {part.month}" if part.month else "")
    return ProspectusView(
        lang=lang,
        direction=ctx.language.direction,
        title=f"{name}: {site.name.get(lang)}",
        school=site.name.get(lang),
        tagline=site.tagline.get(lang) if site.tagline else None,
        address=site.address.one_line(),
        phone=site.phone,
        email=site.email,
        url=ctx.lang_url + f"terms/{term.id}/",
        months=part.months,
        help=help_view(school.helplines, lang),
        qr={course: code for course in urls if (code := course_page_qr(ctx, course))},
        course_urls={course: written_out(url) for course, url in urls.items()},
    )


def prospectus_jobs(
    ctx: BuildContext, views: CatalogueViews, templates: PrintTemplates
) -> list[PdfJob]:
    """Every term's programme (or each month's, in a large term), for the PDF stage."""
    return [
        templates.job(
            TEMPLATE,
            part.output,
            label=f"{ctx.lang}: prospectus {term.id} {part.month}".rstrip(),
            prospectus=prospectus_view(ctx, views, term, part),
        )
        for term in ctx.project.part(Catalogue).terms
        for part in parts(term, views.term_months(term))
    ]
