"""The documents the site's texts draw on (content/data/sources.yml), credited where used."""

from __future__ import annotations

from pydantic import RootModel

from recovery_college.content.models import Localized, NonEmpty, Strict


class Source(Strict):
    id: NonEmpty
    title: NonEmpty
    by: NonEmpty
    note: Localized | None = None


class Sources(RootModel[list[Source]]):
    def by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.root}
