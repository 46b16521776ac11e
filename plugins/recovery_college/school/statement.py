"""The accessibility statement (tilgængelighedserklæring), generated from one data file.

Danish public sites must publish one; keeping it as data means the school updates facts and
dates, and the wording and structure the law expects stay the same in every language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from recovery_college.content.models import Localized, NonEmpty, Strict
from recovery_college.content.urls import email_address, safe_url
from recovery_college.outputs.feature import generated_page
from recovery_college.outputs.feature import markdown_text as text
from recovery_college.outputs.i18n import Dates

PAGE = "tilgaengelighed.md"


class Feedback(Strict):
    text: Localized
    email: Annotated[NonEmpty, AfterValidator(email_address)]
    phone: NonEmpty


class Enforcement(Strict):
    body: NonEmpty
    text: Localized
    url: Annotated[NonEmpty, AfterValidator(safe_url)]


class AccessibilityStatement(Strict):
    site_name: NonEmpty
    standard: NonEmpty
    status: Literal["compliant", "partially-compliant", "not-compliant"]
    prepared: dt.date
    last_review: dt.date
    method: Localized
    intro: Localized
    known_issues: list[Localized] = Field(default_factory=list)
    feedback: Feedback
    enforcement: Enforcement


def page_source(statement: AccessibilityStatement, lang: str, _: Callable[[str], str]) -> str:
    dates = Dates(lang)
    status = {
        "compliant": _("The website meets %(standard)s."),
        "partially-compliant": _("The website partly meets %(standard)s."),
        "not-compliant": _("The website does not yet meet %(standard)s."),
    }[statement.status] % {"standard": statement.standard}
    issues = "\n".join(f"- {text(issue.get(lang))}" for issue in statement.known_issues)
    no_issues = _("We know of no problems at the moment.")
    heading = {
        "status": _("How accessible is the website?"),
        "issues": _("Known problems"),
        "method": _("How we checked"),
        "feedback": _("Tell us about a problem"),
        "complaints": _("Complaints"),
        "dates": _("Dates"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "prepared": _("Prepared"),
        "reviewed": _("Last reviewed"),
    }
    email, phone = statement.feedback.email, statement.feedback.phone
    lines = [
        text(statement.intro.get(lang)),
        f"## {heading['status']}",
        status,
        f"## {heading['issues']}",
        issues or no_issues,
        f"## {heading['method']}",
        text(statement.method.get(lang)),
        f"## {heading['feedback']}",
        text(statement.feedback.text.get(lang)),
        f"- {heading['email']}: [{email}](mailto:{email})\n"
        f"- {heading['phone']}: [{phone}](tel:{phone.replace(' ', '')})",
        f"## {heading['complaints']}",
        text(statement.enforcement.text.get(lang)),
        f"[{text(statement.enforcement.body)}]({statement.enforcement.url})",
        f"## {heading['dates']}",
        f"{heading['prepared']}: {dates.date(statement.prepared, 'long')}.  \n"
        f"{heading['reviewed']}: {dates.date(statement.last_review, 'long')}.",
    ]
    body = "\n\n".join(lines)
    return generated_page({"title": _("Accessibility statement")}, body)
