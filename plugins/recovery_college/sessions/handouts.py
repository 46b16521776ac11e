"""Participant handouts: the part of a session plan a participant takes home, as print views.

A handout holds only what a participant needs (title, aim, the questions with room to write,
the next small step, where to get help, the school and a QR code back to the plan's page), in
a normal and a large-print variant. The views here become HTML through the print template
`theme/pdf/handout.html`; the PDF stage (pdf.py) renders them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from recovery_college.outputs.pageview import page_address
from recovery_college.outputs.pdf import PdfJob, PrintTemplates
from recovery_college.outputs.qr import qr_code
from recovery_college.school.helplines import HelpView, help_view
from recovery_college.school.models import HelpLines, SiteFacts
from recovery_college.sessions.models import SessionMeta

TEMPLATE = "handout.html"


def files(slug: str) -> tuple[str, str]:
    """The normal and the large-print handout of a plan, below the language root."""
    folder = f"sessions/{slug}"
    return f"{folder}/{slug}.pdf", f"{folder}/{slug}-large-print.pdf"


def participant_page(slug: str) -> str:
    """The page for participants of a plan: what the handout's QR code opens, rather than the
    facilitators' plan."""
    return f"sessions/{slug}/deltager.md"


def page_url(lang_url: str, slug: str) -> str:
    """The absolute address the handout's QR code opens."""
    return lang_url + page_address(participant_page(slug))


@dataclass(frozen=True)
class HandoutView:
    lang: str
    direction: str
    large: bool
    title: str
    aim: str
    questions: list[str]
    next_step: str
    help: HelpView
    school: str
    address: str
    phone: str
    email: str
    url: str
    qr: Markup | None
    # Lines to write on under each question: as many in large print as in the normal handout
    # (and taller there), so nobody who needs large print gets less room to write.
    lines: int = 3


def handout_view(
    meta: SessionMeta,
    *,
    lang: str,
    direction: str,
    large: bool,
    site: SiteFacts,
    helplines: HelpLines,
    url: str,
    qr: Markup | None,
) -> HandoutView:
    return HandoutView(
        lang=lang,
        direction=direction,
        large=large,
        title=meta.title,
        aim=meta.aim,
        questions=list(meta.reflection_questions),
        next_step=meta.next_step,
        help=help_view(helplines, lang),
        school=site.name.get(lang),
        address=site.address.one_line(),
        phone=site.phone,
        email=site.email,
        url=url,
        qr=qr,
    )


def handout_jobs(
    templates: PrintTemplates,
    slug: str,
    meta: SessionMeta,
    *,
    lang: str,
    direction: str,
    site: SiteFacts,
    helplines: HelpLines,
    lang_url: str,
    qr_label: str,
) -> list[PdfJob]:
    """Both handouts of one plan in one language."""
    url = page_url(lang_url, slug)
    qr = qr_code(url, qr_label, templates.root)  # one for both sizes
    jobs = []
    for output, large in zip(files(slug), (False, True), strict=True):
        view = handout_view(
            meta,
            lang=lang,
            direction=direction,
            large=large,
            site=site,
            helplines=helplines,
            url=url,
            qr=qr,
        )
        kind = "large print" if large else "handout"
        jobs.append(templates.job(TEMPLATE, output, label=f"{lang}: {slug} ({kind})", handout=view))
    return jobs
