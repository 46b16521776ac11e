"""Front matter of a guide under content/<lang>/guides/."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recovery_college.content.models import Chime, NonEmpty, PageMeta

Audience = Literal["citizens", "relatives", "staff"]


class GuideMeta(PageMeta):
    title: NonEmpty
    summary: NonEmpty
    audience: list[Audience] = Field(min_length=1)
    chime: list[Chime] = Field(default_factory=list)
    sources: list[NonEmpty] = Field(default_factory=list)
