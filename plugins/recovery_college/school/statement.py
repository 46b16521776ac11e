"""The accessibility statement (tilgængelighedserklæring), generated from one data file.

Danish public sites must publish one; keeping it as data means the school updates facts and
dates, and the wording and structure the law expects stay the same in every language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field

from recovery_college.content.models import Choices, Localized, NonEmpty, Strict
from recovery_college.content.urls import email_address, safe_url
from recovery_college.outputs.feature import generated_page
from recovery_college.outputs.feature import markdown_text as text
from recovery_college.outputs.i18n import Dates

PAGE = "tilgaengelighed.md"

# How far the site meets the standard; the statement says it in the reader's language.
Compliance = Annotated[
    Literal["compliant", "partially-compliant", "not-compliant"],
    Choices(
        **{
            "compliant": "Lever op til standarden",
            "partially-compliant": "Lever delvist op til standarden",
            "not-compliant": "Lever endnu ikke op til standarden",
        }
    ),
]


class Feedback(Strict):
    model_config = ConfigDict(title="Kontakt om fejl")

    text: Localized = Field(
        title="Tekst",
        description="Fortæl, hvordan man siger til, hvis noget ikke virker, "
        "og hvor hurtigt I svarer.",
        examples=[
            {"da": "Finder du en fejl, så skriv eller ring til os. Vi svarer inden for 14 dage."}
        ],
    )
    email: Annotated[NonEmpty, AfterValidator(email_address)] = Field(
        title="E-mail",
        description="Den e-mailadresse, man skriver til om fejl, uden mailto: foran.",
        examples=["tilgaengelighed@eksempelby.dk"],
    )
    phone: NonEmpty = Field(
        title="Telefon",
        description="Telefonnummeret i anførselstegn, med cifre og mellemrum.",
        examples=["+45 12 34 56 78"],
    )


class Enforcement(Strict):
    model_config = ConfigDict(title="Klagemulighed")

    body: NonEmpty = Field(
        title="Klageinstans",
        description="Navnet på den myndighed, man kan klage til.",
        examples=["Digitaliseringsstyrelsen"],
    )
    text: Localized = Field(
        title="Tekst",
        description="Fortæl, hvornår og hvor man kan klage.",
        examples=[
            {"da": "Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen."}
        ],
    )
    url: Annotated[NonEmpty, AfterValidator(safe_url)] = Field(
        title="Link til klagen",
        description="Et fuldt link, der begynder med https://.",
        examples=["https://www.was.digst.dk/"],
    )


class AccessibilityStatement(Strict):
    model_config = ConfigDict(title="Tilgængelighedserklæring")

    site_name: NonEmpty = Field(
        title="Hjemmesidens navn",
        description="Navnet på den hjemmeside, erklæringen gælder for.",
        examples=["Recoveryskolen Eksempelby"],
    )
    standard: NonEmpty = Field(
        title="Standard",
        description="Den standard, hjemmesiden er vurderet efter.",
        examples=["WCAG 2.1 AA (EN 301 549)"],
    )
    status: Compliance = Field(
        title="Status",
        description="Hvor langt hjemmesiden lever op til standarden.",
        examples=["partially-compliant"],
    )
    prepared: dt.date = Field(
        title="Udarbejdet",
        description="Den dag, erklæringen blev skrevet, som år-måned-dag, for eksempel 2026-11-20.",
        examples=["2026-11-20"],
    )
    last_review: dt.date = Field(
        title="Senest gennemgået",
        description="Den dag, I sidst har tjekket hjemmesiden og erklæringen, som år-måned-dag.",
        examples=["2026-11-20"],
    )
    method: Localized = Field(
        title="Sådan har vi tjekket",
        description="Fortæl, hvem der har vurderet hjemmesiden, og hvordan.",
        examples=[
            {"da": "Skolen har selv vurderet hjemmesiden med værktøjet axe-core og i hånden."}
        ],
    )
    intro: Localized = Field(
        title="Indledning",
        description="Den første tekst på siden: hvad I vil, og hvad man kan læse her.",
        examples=[{"da": "Vi vil gerne have, at alle kan bruge hjemmesiden."}],
    )
    known_issues: list[Localized] = Field(
        default_factory=list,
        title="Kendte problemer",
        description="Det, der endnu ikke virker for alle. Én tekst for hvert problem. "
        "Står der intet, siger siden, at I ikke kender til problemer.",
        examples=[[{"da": "Nogle sider er endnu ikke oversat."}]],
    )
    feedback: Feedback = Field(
        title="Kontakt om fejl",
        description="Hvordan man fortæller jer om et problem: tekst, e-mail og telefon.",
        examples=[
            {
                "text": {"da": "Finder du en fejl, så skriv eller ring til os."},
                "email": "tilgaengelighed@eksempelby.dk",
                "phone": "+45 12 34 56 78",
            }
        ],
    )
    enforcement: Enforcement = Field(
        title="Klagemulighed",
        description="Hvor man kan klage, hvis man ikke er tilfreds med jeres svar.",
        examples=[
            {
                "body": "Digitaliseringsstyrelsen",
                "text": {"da": "Du kan klage til Digitaliseringsstyrelsen."},
                "url": "https://www.was.digst.dk/",
            }
        ],
    )


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
