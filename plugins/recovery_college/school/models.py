"""The school's own facts and help lines (content/data/site.yml, content/data/helplines.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, field_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Address, Localized, NonEmpty, Strict
from recovery_college.content.urls import email_address
from recovery_college.school.statement import AccessibilityStatement

PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")


class SiteFacts(Strict):
    """content/data/site.yml: the school's own facts, shown in the footer and on handouts."""

    model_config = ConfigDict(title="Skolens oplysninger")

    name: Localized = Field(
        title="Skolens navn",
        description="Skolens navn, som det skal stå øverst på siden og på tryk.",
        examples=[{"da": "Recoveryskolen Eksempelby"}],
    )
    tagline: Localized | None = Field(
        default=None,
        title="Undertitel",
        description="En kort sætning under navnet om, hvad skolen tilbyder. Kan udelades.",
        examples=[{"da": "Kurser om at komme sig – gratis og for alle"}],
    )
    address: Address = Field(
        title="Adresse",
        description="Skolens postadresse med vej, postnummer og by.",
        examples=[{"street": "Skolegade 12", "postcode": "8999", "city": "Eksempelby"}],
    )
    phone: NonEmpty = Field(
        title="Telefon",
        description="Skolens telefonnummer i anførselstegn, med cifre og mellemrum. "
        "Et + og landekode må stå først.",
        examples=["+45 12 34 56 78"],
    )
    email: Annotated[NonEmpty, AfterValidator(email_address)] = Field(
        title="E-mail",
        description="Skolens e-mailadresse, uden mailto: foran.",
        examples=["recoveryskolen@eksempelby.dk"],
    )
    owner: Localized = Field(
        title="Ejer",
        description="Den kommune, region eller forening, der står bag skolen.",
        examples=[{"da": "Eksempelby Kommune, Socialpsykiatrien"}],
    )

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if not PHONE.match(value):
            raise Problem(
                '"%(value)s" is not a phone number. Write digits and spaces, e.g. "+45 12 34 56 78".',
                value=value,
            )
        return value


class HelpLine(Strict):
    model_config = ConfigDict(title="Hjælpelinje")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til linjen med små bogstaver og uden mellemrum. "
        "Ændr det ikke, når det først er i brug.",
        examples=["livslinien"],
    )
    name: Localized = Field(
        title="Navn",
        description="Navnet på linjen, som læseren kender den.",
        examples=[{"da": "Livslinien"}],
    )
    number: NonEmpty = Field(
        title="Telefonnummer",
        description="Nummeret i anførselstegn, med cifre og mellemrum, for eksempel "
        '"70 201 201". Det bliver et link, man kan ringe op fra.',
        examples=["70 201 201"],
    )
    when: Localized = Field(
        title="Åbent",
        description="Hvornår man kan ringe. Uden punktum til sidst: det sættes selv.",
        examples=[{"da": "Døgnet rundt"}],
    )
    what: Localized = Field(
        title="Hvad kan de hjælpe med",
        description="Én eller to korte sætninger om, hvornår man skal ringe her.",
        examples=[{"da": "Anonym samtale, hvis du tænker på selvmord."}],
    )
    urgent: bool = Field(
        default=False,
        title="Akut",
        description="Skriv true, hvis linjen er til akut hjælp. Så bliver den fremhævet.",
        examples=[True],
    )

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        if not PHONE.match(value):
            raise Problem(
                '"%(value)s" is not a phone number. Write digits and spaces, e.g. "70 201 201".',
                value=value,
            )
        return value

    @property
    def tel(self) -> str:
        digits = self.number.replace(" ", "")
        return digits if digits.startswith("+") or len(digits) <= 4 else f"+45{digits}"


class HelpLines(Strict):
    """content/data/helplines.yml: the one place a school keeps the numbers to call."""

    model_config = ConfigDict(title="Hjælpelinjer")

    intro: Localized = Field(
        title="Indledning",
        description="Den korte tekst over listen med numre.",
        examples=[{"da": "Er du i akut fare, så ring 112. Du kan også få hjælp her."}],
    )
    lines: list[HelpLine] = Field(
        min_length=1,
        title="Linjer",
        description="Numrene, man kan ringe til. Mindst ét.",
        examples=[
            [
                {
                    "id": "alarm",
                    "name": {"da": "Alarmcentralen"},
                    "number": "112",
                    "when": {"da": "Døgnet rundt"},
                    "what": {"da": "Ring, hvis et liv er i fare."},
                    "urgent": True,
                }
            ]
        ],
    )


@dataclass(frozen=True)
class School:
    """The part of the project every site has: facts, help lines, accessibility statement."""

    facts: SiteFacts
    helplines: HelpLines
    statement: AccessibilityStatement
