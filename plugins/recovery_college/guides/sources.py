"""The documents the site's texts draw on (content/data/sources.yml), credited where used."""

from __future__ import annotations

from pydantic import ConfigDict, Field, RootModel

from recovery_college.content.models import Localized, NonEmpty, Strict


class Source(Strict):
    model_config = ConfigDict(title="Kilde")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til kilden. Skriv det i anførselstegn, hvis det er "
        "et tal. Siderne nævner det under sources.",
        examples=["001"],
    )
    title: NonEmpty = Field(
        title="Titel",
        description="Kildens titel, som den står på forsiden.",
        examples=["100 måder at støtte recovery på"],
    )
    by: NonEmpty = Field(
        title="Af",
        description="Hvem der har skrevet eller udgivet kilden, og gerne året.",
        examples=["Mike Slade. Rethink, 2009. Dansk udgave ved Socialstyrelsen"],
    )
    note: Localized | None = Field(
        default=None,
        title="Note",
        description="En kort sætning om, hvad kilden handler om. Kan udelades.",
        examples=[{"da": "Ti menneskers erfaringer med kriser, behandling og støtte."}],
    )


class Sources(RootModel[list[Source]]):
    model_config = ConfigDict(title="Kilder")

    def by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.root}
