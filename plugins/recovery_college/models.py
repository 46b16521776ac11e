"""Typed models for the site's data files and for the front matter of every page type.

Field names are the words editors type, so they stay short, lowercase and stable. Every model
forbids unknown fields: a misspelt field is an error with its line, not a silent no-op.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

from .messages import Problem

Chime = Literal["connectedness", "hope", "identity", "meaning", "empowerment"]
CHIME: tuple[str, ...] = ("connectedness", "hope", "identity", "meaning", "empowerment")
Audience = Literal["citizens", "relatives", "staff"]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class LocalText:
    """A text and the language it is really in, which is Danish where no translation exists:
    templates put that language on the element, so a screen reader reads it in Danish."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


class Localized(RootModel[dict[str, NonEmpty]]):
    """A text in several languages, keyed by language code; Danish is required."""

    @field_validator("root")
    @classmethod
    def _danish_first(cls, value: dict[str, str]) -> dict[str, str]:
        if "da" not in value:
            raise Problem('the Danish text is missing. Add a line "da: ..." (Danish comes first).')
        return value

    def get(self, lang: str, default_lang: str = "da") -> str:
        return self.root.get(lang) or self.root[default_lang]

    def has(self, lang: str) -> bool:
        return lang in self.root

    def text(self, lang: str, default_lang: str = "da") -> LocalText:
        found = lang if self.root.get(lang) else default_lang
        return LocalText(self.root[found], found)


class Address(Strict):
    street: NonEmpty
    postcode: NonEmpty
    city: NonEmpty

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")


class SiteFacts(Strict):
    """content/data/site.yml: the school's own facts, shown in the footer and on handouts."""

    name: Localized
    tagline: Localized | None = None
    address: Address
    phone: NonEmpty
    email: NonEmpty
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


class PageMeta(Strict):
    """Front matter every page may carry."""

    title: NonEmpty | None = None
    summary: NonEmpty | None = None
    source_hash: NonEmpty | None = None
    template: NonEmpty | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags"]] = []


class GuideMeta(PageMeta):
    title: NonEmpty
    summary: NonEmpty
    audience: list[Audience] = Field(min_length=1)
    chime: list[Chime] = []
    sources: list[NonEmpty] = []


class Facilitator(Strict):
    key: NonEmpty
    role: Literal["peer", "professional", "volunteer"]
    title: NonEmpty
    does: NonEmpty


class Step(Strict):
    title: NonEmpty
    minutes: int = Field(gt=0)
    lead: NonEmpty
    what: NonEmpty


class GroupSize(Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _order(self) -> GroupSize:
        if self.max < self.min:
            raise Problem(
                "max (%(max)s) is smaller than min (%(min)s).", max=self.max, min=self.min
            )
        return self


class Series(Strict):
    """Where a plan sits in a series of meetings. `name` is the series' name in this page's
    language; without it, the name is taken from the parts' titles ("Fem veje 2: ...")."""

    id: NonEmpty
    part: int = Field(ge=1)
    of: int = Field(ge=1)
    name: NonEmpty | None = None

    @model_validator(mode="after")
    def _part_within(self) -> Series:
        if self.part > self.of:
            raise Problem(
                'part %(part)s of a series of %(of)s parts: "part" cannot be larger than "of". '
                "Correct one of them.",
                part=self.part,
                of=self.of,
            )
        return self


class SessionMeta(PageMeta):
    """Front matter of a group session plan under content/<lang>/sessions/."""

    title: NonEmpty
    aim: NonEmpty
    chime: list[Chime] = Field(min_length=1)
    model: Literal["group-theme", "group-activity", "one-to-one"]
    duration: int = Field(gt=0)
    group_size: GroupSize
    series: Series | None = None
    facilitators: list[Facilitator] = Field(min_length=1)
    materials: list[NonEmpty] = []
    room: NonEmpty
    check_in: NonEmpty
    check_out: NonEmpty
    ground_rules: list[NonEmpty] = Field(min_length=1)
    right_to_pass: NonEmpty
    safety: NonEmpty
    steps: list[Step] = Field(min_length=1)
    reflection_questions: list[NonEmpty] = Field(min_length=1)
    next_step: NonEmpty
    sources: list[NonEmpty] = []

    @model_validator(mode="after")
    def _consistent(self) -> SessionMeta:
        total = sum(step.minutes for step in self.steps)
        if total != self.duration:
            if total > self.duration:
                raise Problem(
                    "the steps add up to %(total)s minutes, %(diff)s more than the duration "
                    "(%(duration)s). Change a step's minutes or the duration.",
                    total=total,
                    diff=total - self.duration,
                    duration=self.duration,
                )
            raise Problem(
                "the steps add up to %(total)s minutes, %(diff)s less than the duration "
                "(%(duration)s). Change a step's minutes or the duration.",
                total=total,
                diff=self.duration - total,
                duration=self.duration,
            )
        keys = {f.key for f in self.facilitators} | {"all"}
        for step in self.steps:
            if step.lead not in keys:
                raise Problem(
                    'step "%(step)s" is led by "%(lead)s", which is not a facilitator key. '
                    "Use one of: %(keys)s.",
                    step=step.title,
                    lead=step.lead,
                    keys=", ".join(sorted(keys)),
                )
        return self


class CourseMeta(PageMeta):
    """Front matter of a course page under content/<lang>/courses/."""

    title: NonEmpty
    summary: NonEmpty
    outcomes: list[NonEmpty] = Field(min_length=1)
    for_whom: NonEmpty
    chime: list[Chime] = Field(min_length=1)
    themes: list[NonEmpty] = Field(min_length=1)
    demand: Literal["light", "moderate", "intensive"]
    attendance: Literal["sign-up", "drop-in"]
    pause_policy: Literal["keep-place", "rejoin-next-term", "drop-in-any-time"]


def meta_model_for(rel_path: str) -> type[PageMeta]:
    """Which front matter model a page uses, from the folder it lives in."""
    parts = rel_path.split("/")
    if len(parts) == 2 and parts[1] != "index.md":
        return {"guides": GuideMeta, "sessions": SessionMeta, "courses": CourseMeta}.get(
            parts[0], PageMeta
        )
    return PageMeta
