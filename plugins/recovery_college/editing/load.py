"""The editing kind: the optional editor.yml, read and checked like every other data file."""

from __future__ import annotations

from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.editing.models import EditorSettings


def load(loader: Loader, pages: Pages) -> EditorSettings | None:
    return loader.optional("editor.yml", EditorSettings)


KIND = Kind(
    name="editing",
    load=load,
    files=(DataFile("editor.yml", EditorSettings, "Redigering i browseren"),),
)
