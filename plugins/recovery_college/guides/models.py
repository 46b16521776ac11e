"""Front matter of a guide (content/<lang>/guides/) and of an easy-read page (content/<lang>/letlaest/)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from recovery_college.content.models import Chime, NonEmpty, PageMeta

Audience = Literal["citizens", "relatives", "staff"]
EASY_READ = "letlaest"  # the folder of easy-read pages below content/<lang>/


class GuideMeta(PageMeta):
    title: NonEmpty
    summary: NonEmpty
    audience: list[Audience] = Field(min_length=1)
    chime: list[Chime] = Field(default_factory=list)
    sources: list[NonEmpty] = Field(default_factory=list)


class EasyReadMeta(PageMeta):
    """An easy-read version (letlæst) of another page in the same language: short sentences,
    everyday words, one idea per sentence, measured against its own LIX threshold. It is
    written for that language's readers, so other languages get no copy of it."""

    fallback: ClassVar[bool] = False
    title: NonEmpty
    summary: NonEmpty
    easy_read_of: NonEmpty  # the page it retells, as a path below content/<lang>/
