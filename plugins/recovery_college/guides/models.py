"""Front matter of a guide (content/<lang>/guides/) and of an easy-read page (content/<lang>/letlaest/)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field

from recovery_college.content.models import Chime, Choices, NonEmpty, PageMeta

Audience = Annotated[
    Literal["citizens", "relatives", "staff"],
    Choices(citizens="Borgere", relatives="Pårørende", staff="Medarbejdere og fagfolk"),
]
EASY_READ = "letlaest"  # the folder of easy-read pages below content/<lang>/


class GuideMeta(PageMeta):
    model_config = ConfigDict(title="Guide")

    title: NonEmpty = Field(
        title="Titel",
        description="Guidens overskrift, kort og klar.",
        examples=["Mødet med kommunen"],
    )
    summary: NonEmpty = Field(
        title="Kort om guiden",
        description="Én eller to sætninger om, hvad guiden hjælper med.",
        examples=["Sådan forbereder du dig til et møde med din sagsbehandler."],
    )
    audience: list[Audience] = Field(
        min_length=1,
        title="Hvem er guiden til",
        description="Dem, guiden er skrevet til. Mindst én.",
        examples=[["citizens", "relatives"]],
    )
    chime: list[Chime] = Field(
        default_factory=list,
        title="Recovery-processer (CHIME)",
        description="De recovery-processer, guiden især støtter. Kan udelades.",
        examples=[["empowerment"]],
    )
    sources: list[NonEmpty] = Field(
        default_factory=list,
        title="Kilder",
        description="Id'er på kilder fra content/data/sources.yml, som guiden bygger på. "
        "De nævnes nederst i guiden.",
        examples=[["000", "001"]],
    )


class EasyReadMeta(PageMeta):
    """An easy-read version (letlæst) of another page in the same language: short sentences,
    everyday words, one idea per sentence, measured against its own LIX threshold. It is
    written for that language's readers, so other languages get no copy of it."""

    fallback: ClassVar[bool] = False
    model_config = ConfigDict(title="Letlæst side")

    title: NonEmpty = Field(
        title="Titel",
        description="Sidens overskrift med få og almindelige ord.",
        examples=["Dit første besøg"],
    )
    summary: NonEmpty = Field(
        title="Kort om siden",
        description="Én kort sætning om, hvad siden handler om.",
        examples=["Her kan du læse, hvad der sker, når du kommer første gang."],
    )
    easy_read_of: NonEmpty = Field(  # the page it retells, as a path below content/<lang>/
        title="Letlæst udgave af",
        description="Den side, som denne side fortæller enklere. Skriv stien fra sprogets "
        "mappe, for eksempel guides/hjaelp-nu.md.",
        examples=["guides/foerste-besoeg.md"],
    )
