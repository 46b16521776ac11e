"""The printable term prospectus: each term's programme as a PDF, linked from the term page.

Schools hand out a printed programme at libraries, clinics and job centres. It is made from
the same catalogue views as the term page, through the print template
`theme/pdf/prospectus.html`, and rendered by the PDF stage (pdf.py) like every other PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from recovery_college.courses.models import Catalogue, Term
from recovery_college.courses.views import CatalogueViews, Month, OfferingView, written_out
from recovery_college.outputs.feature import BuildContext
from recovery_college.outputs.pdf import PdfJob, PrintTemplates
from recovery_college.outputs.qr import qr_code
from recovery_college.school.helplines import HelpView, help_view
from recovery_college.school.models import School

TEMPLATE = "prospectus.html"
# A term with more offerings than this gets one programme per month instead of one for the
# whole term: a reader picks up this month's (a national school's term would be hundreds of
# pages), and a changed offering makes only its month's programme again, not the whole term's.
SPLIT_AT = 60
# A month with more offerings than this (about ten printed pages) is printed place by place
# (each venue, and online): a reader wants the local one, and a national school's month has
# hundreds of offerings in many towns. A changed offering then makes a place's few pages
# again, not the month's: at 60, a month of 55 offerings was 19 pages, 4 s of CPU a language.
PLACES_AT = 30


def output(term: Term) -> str:
    """Where a term's prospectus goes, below the language root (next to the term page)."""
    return f"terms/{term.id}/prospectus.pdf"


@dataclass(frozen=True)
class Part:
    """One printed programme of a term: the whole term, one month of a large term, or one
    place's offerings in a large month."""

    output: str  # below the language root
    month: str  # the month's name as the language writes it; "" for the whole term
    months: list[Month]
    place: str = ""  # the venue's name (or "online") when a large month is split by place

    @property
    def label(self) -> str:
        return ", ".join(name for name in (self.month, self.place) if name)


def parts(term: Term, months: list[Month], online: str = "Online") -> list[Part]:
    """The term's programme as one document, one per month when the term is large, and one
    per place in a month that is large too; none when nothing is left to print. `online`
    names the place of online offerings."""
    if not months:
        return []
    if sum(len(month.offerings) for month in months) <= SPLIT_AT:
        return [Part(output(term), "", months)]
    found = []
    for month in months:
        base = f"terms/{term.id}/prospectus-{_key(month)}"
        if len(month.offerings) <= PLACES_AT:
            found.append(Part(f"{base}.pdf", month.label, [month]))
            continue
        for place, (name, offerings) in _places(month, online).items():
            found.append(
                Part(f"{base}-{place}.pdf", month.label, [Month(month.label, offerings)], name)
            )
    return found


def _places(month: Month, online: str) -> dict[str, tuple[str, list[OfferingView]]]:
    """A month's offerings by place (venue id, or "online"): the venues by name, online last,
    so that every month lists a reader's place in the same spot."""
    found: dict[str, tuple[str, list[OfferingView]]] = {}
    for offering in month.offerings:
        venue = None if offering.online else offering.venue
        place, name = (venue.id, venue.name) if venue else ("online", online)
        found.setdefault(place, (name, []))[1].append(offering)
    return dict(
        sorted(found.items(), key=lambda item: (item[0] == "online", item[1][0].casefold()))
    )


def _key(month: Month) -> str:
    first = month.offerings[0].first_day
    return f"{first.year}-{first.month:02d}"


@dataclass(frozen=True)
class ProgrammeLink:
    """A link on the term page to a printed programme: a month (or the whole term), or a
    month's places, each with its own file."""

    label: str
    file: str | None
    places: list[tuple[str, str]]  # (place, file) when the month is printed place by place


def list_page(term: Term) -> str:
    """The page that lists a term's programmes when a month is printed place by place: a
    national school's term has a hundred of them, too many for every page of the term."""
    return f"terms/{term.id}/udskrift.md"


def by_place(links: list[ProgrammeLink]) -> bool:
    """Whether a month of the term is printed place by place (its links need a page)."""
    return any(link.places for link in links)


def links(views: CatalogueViews, term: Term, online: str) -> list[ProgrammeLink]:
    """The term page's links to its printed programme, a month at a time (`online` as in
    `parts`)."""
    found: list[ProgrammeLink] = []
    for part in parts(term, views.printed_months(term), online):
        if not part.place:
            found.append(ProgrammeLink(part.month, part.output, []))
        elif found and found[-1].label == part.month and found[-1].file is None:
            found[-1].places.append((part.place, part.output))
        else:
            found.append(ProgrammeLink(part.month, None, [(part.place, part.output)]))
    return found


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
        lambda: qr_code(url, ctx.gettext("QR code: the course on the website"), ctx.project.root),
    )


def prospectus_view(ctx: BuildContext, term: Term, part: Part) -> ProspectusView:
    school = ctx.project.part(School)
    site, lang = school.facts, ctx.lang
    courses = {o.course for month in part.months for o in month.offerings}
    urls = {course: f"{ctx.lang_url}courses/{course}/" for course in sorted(courses)}
    name = ", ".join(n for n in (term.name.get(lang), part.label) if n)
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
            label=f"{ctx.lang}: prospectus {term.id} {part.label}".rstrip(),
            prospectus=prospectus_view(ctx, term, part),
        )
        for term in ctx.project.part(Catalogue).terms
        for part in parts(term, views.printed_months(term), ctx.gettext("Online"))
    ]
