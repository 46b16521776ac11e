"""Loading the glossary (content/data/glossary.yml) and checking its cross-references."""

from __future__ import annotations

from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.glossary.terms import Glossary


def load(loader: Loader, pages: Pages) -> Glossary | None:
    glossary = loader.optional("glossary.yml", Glossary)
    if glossary is not None:
        check_references(loader, glossary)
    return glossary


def check_references(loader: Loader, glossary: Glossary) -> None:
    """Each id is used once and every "see also" names an entry."""
    path = loader.data_dir / "glossary.yml"
    located, _ = loader.read_yaml(path)
    known = set()
    for i, entry in enumerate(glossary.root):
        if entry.id in known:
            loader.error_at(
                located,
                (i, "id"),
                loader.say(
                    'the id "%(id)s" is used twice. Give each entry its own id.', id=entry.id
                ),
            )
        known.add(entry.id)
    for i, entry in enumerate(glossary.root):
        for j, other in enumerate(entry.see_also):
            if other not in known:
                loader.error_at(
                    located,
                    (i, "see_also", j),
                    loader.say(
                        'see_also names "%(other)s", which is not an entry id.', other=other
                    ),
                )


KIND = Kind(
    name="glossary", load=load, files=(DataFile("glossary.yml", Glossary, "Ordforklaringer"),)
)
