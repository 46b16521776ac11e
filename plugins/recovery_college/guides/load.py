"""Loading the sources (content/data/sources.yml) and checking the pages that name them."""

from __future__ import annotations

from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.guides.models import EASY_READ, EasyReadMeta, GuideMeta
from recovery_college.guides.sources import Sources


def load(loader: Loader, pages: Pages) -> Sources | None:
    check_easy_read(loader, pages)
    sources = loader.optional("sources.yml", Sources)
    named = sum(len(getattr(p.meta, "sources", [])) for f in pages.values() for p in f.values())
    if not loader.has_failed(loader.data_dir / "sources.yml", named):
        check_sources(loader, pages, sources)
    return sources


def check_sources(loader: Loader, pages: Pages, sources: Sources | None) -> None:
    """The sources a guide or session plan names must exist."""
    source_ids = {s.id for s in sources.root} if sources is not None else set()
    for found in pages.values():
        for page in found.values():
            for i, source in enumerate(getattr(page.meta, "sources", [])):
                if source not in source_ids:
                    known_ids = ", ".join(sorted(source_ids)) or loader.say(
                        "none (add content/data/sources.yml)"
                    )
                    loader.error_at(
                        page.source,
                        ("sources", i),
                        loader.say(
                            'there is no source "%(source)s". Known sources: %(known)s.',
                            source=source,
                            known=known_ids,
                        ),
                    )


def check_easy_read(loader: Loader, pages: Pages) -> None:
    """An easy-read page names a page of its own language that exists (as a file: a page
    with a mistake of its own is reported there, not as missing here)."""
    for code, found in pages.items():
        files = loader.page_files.get(code, set())
        for page in found.values():
            if isinstance(page.meta, EasyReadMeta) and page.meta.easy_read_of not in files:
                loader.error_at(
                    page.source,
                    ("easy_read_of",),
                    loader.say(
                        'there is no page "%(page)s" in content/%(lang)s/ to be the easy-read '
                        'version of. Write the path of that page, such as "guides/pause.md" or '
                        '"index.md".',
                        page=page.meta.easy_read_of,
                        lang=code,
                    ),
                )


KIND = Kind(
    name="guides",
    pages={"guides": GuideMeta, EASY_READ: EasyReadMeta},
    load=load,
    files=(DataFile("sources.yml", Sources, "Kilder"),),
)
