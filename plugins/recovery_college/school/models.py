"""The school's own facts and help lines (content/data/site.yml, content/data/helplines.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Address, Localized, NonEmpty, Strict
from recovery_college.content.urls import email_address
from recovery_college.school.statement import AccessibilityStatement

PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")


class SiteFacts(Strict):
    """content/data/site.yml: the school's own facts, shown in the footer and on handouts."""

    name: Localized
    tagline: Localized | None = None
    address: Address
    phone: NonEmpty
    email: Annotated[NonEmpty, AfterValidator(email_address)]
    owner: Localized

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
    id: NonEmpty
    name: Localized
    number: NonEmpty
    when: Localized
    what: Localized
    urgent: bool = False

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

    intro: Localized
    lines: list[HelpLine] = Field(min_length=1)


@dataclass(frozen=True)
class School:
    """The part of the project every site has: facts, help lines, accessibility statement."""

    facts: SiteFacts
    helplines: HelpLines
    statement: AccessibilityStatement
