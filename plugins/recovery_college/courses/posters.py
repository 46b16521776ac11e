"""A notice-board poster per course (A4) and a flyer (A5: the poster shrunk), in each language
it has a page in.

Schools pin these in libraries, job centres and waiting rooms: a large title, one line on what
the course is, when and where the coming runs are, that it is free and taught by someone with
lived experience together with a professional, how to sign up, and a QR code to the course page.
Made by the PDF stage from theme/pdf/poster.html, with the same cache as every other PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from recovery_college.courses.models import LIVED_EXPERIENCE
from recovery_college.courses.prospectus import course_page_qr
from recovery_college.courses.views import CatalogueViews, OfferingView, written_out
from recovery_college.outputs.feature import BuildContext
from recovery_college.outputs.pdf import PdfJob, PrintTemplates

TEMPLATE = "poster.html"
SIZES = ("a4", "a5")
MAX_RUNS = 3  # a poster names the next three runs; the page has the rest


def files(course: str) -> dict[str, str]:
    """The poster and the flyer of a course, beside its page."""
    return {size: f"courses/{course}/plakat-{size}.pdf" for size in SIZES}


@dataclass(frozen=True)
class PosterView:
    lang: str
    direction: str
    school: str
    title: str
    summary: str
    runs: list[OfferingView]
    co_produced: bool  # taught by someone with lived experience and a professional
    signup: str  # how to sign up ("Sign up by phone")
    signup_written: str  # and where: the number, address or web address written out
    url: str  # the course page's address, written out
    qr: Markup | None


def joinable(coming: list[OfferingView]) -> list[OfferingView]:
    """The runs a poster advertises: not cancelled, not full, not over."""
    return [o for o in coming if o.status not in ("cancelled", "full", "finished")]


def poster_jobs_wanted(coming: list[OfferingView]) -> bool:
    return bool(joinable(coming))


def poster_jobs(
    ctx: BuildContext, views: CatalogueViews, templates: PrintTemplates
) -> list[PdfJob]:
    """The poster of every course with a coming run that can still be joined, and its flyer:
    the same page shrunk to A5, laid out once (pdf.PdfJob.a5_copy)."""
    jobs = []
    for course, meta in views.courses.items():
        coming, _past = views.for_course(course)
        runs = joinable(coming)
        if not runs:
            continue
        url = f"{ctx.lang_url}courses/{course}/"
        first = runs[0]
        view = PosterView(
            lang=ctx.lang,
            direction=ctx.language.direction,
            school=ctx.school,
            title=meta.title,
            summary=meta.summary,
            runs=runs[:MAX_RUNS],
            co_produced=any(role in LIVED_EXPERIENCE for _n, role, _l in first.educators),
            signup=first.signup.label,
            signup_written=first.signup.written,
            url=written_out(url),
            qr=course_page_qr(ctx, course),
        )
        made = files(course)
        jobs.append(
            templates.job(
                TEMPLATE,
                made["a4"],
                label=f"{ctx.lang}: poster {course}",
                a5_copy=Path(made["a5"]).name,
                poster=view,
            )
        )
    return jobs
