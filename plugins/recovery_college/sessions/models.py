"""Front matter of a group session plan under content/<lang>/sessions/: the whole plan."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Chime, NonEmpty, PageMeta, Strict


class Facilitator(Strict):
    key: NonEmpty
    role: Literal["peer", "relative", "professional", "volunteer"]
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
    materials: list[NonEmpty] = Field(default_factory=list)
    room: NonEmpty
    check_in: NonEmpty
    check_out: NonEmpty
    ground_rules: list[NonEmpty] = Field(min_length=1)
    right_to_pass: NonEmpty
    safety: NonEmpty
    steps: list[Step] = Field(min_length=1)
    reflection_questions: list[NonEmpty] = Field(min_length=1)
    next_step: NonEmpty
    sources: list[NonEmpty] = Field(default_factory=list)

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
