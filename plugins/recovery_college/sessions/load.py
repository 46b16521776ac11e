"""The checks of session plans that need more than one file: the parts of a series."""

from __future__ import annotations

from recovery_college.content.loading import Kind, Loader, Page, Pages
from recovery_college.sessions.models import Series, SessionMeta


def load(loader: Loader, pages: Pages) -> None:
    """Session plans are pages; there is no data file, only the series to check."""
    for code, found in pages.items():
        folder = loader.display(loader.root / "content" / code / "sessions") + "/"
        failed = sorted(path for path in loader.failed if path.startswith(folder))
        if code == loader.default_language:
            for path in failed:
                loader.skip(path)  # a part with a problem would be reported as missing
        check_series(loader, found, complete=code == loader.default_language and not failed)


def check_series(loader: Loader, found: dict[str, Page], complete: bool) -> None:
    """The parts of a series agree on how many there are, and each number is used once. In the
    reference language (`complete`) every part must exist; a translation may lack some, as
    those are shown in Danish."""
    groups: dict[str, list[tuple[Page, Series]]] = {}
    for rel, page in sorted(found.items()):
        if rel.startswith("sessions/") and isinstance(page.meta, SessionMeta) and page.meta.series:
            groups.setdefault(page.meta.series.id, []).append((page, page.meta.series))
    for series_id, members in groups.items():
        first = members[0][0]
        of = members[0][1].of
        seen: dict[int, Page] = {}
        for page, info in members:
            if info.of != of:
                loader.error_at(
                    page.source,
                    ("series", "of"),
                    loader.say(
                        'the series "%(series)s" has %(of)s parts in %(other)s but %(here)s here. '
                        'Give every part the same "of".',
                        series=series_id,
                        of=of,
                        other=loader.display(first.path),
                        here=info.of,
                    ),
                )
            if info.part in seen:
                loader.error_at(
                    page.source,
                    ("series", "part"),
                    loader.say(
                        'part %(part)s of the series "%(series)s" is used twice: here and in %(other)s. '
                        "Give each part its own number.",
                        part=info.part,
                        series=series_id,
                        other=loader.display(seen[info.part].path),
                    ),
                )
            seen.setdefault(info.part, page)
        missing = [str(n) for n in range(1, of + 1) if n not in seen]
        if complete and missing:
            loader.error_at(
                first.source,
                ("series", "of"),
                loader.say(
                    'the series "%(series)s" has %(of)s parts, but part %(missing)s is missing. '
                    'Write the missing part, or make "of" smaller.',
                    series=series_id,
                    of=of,
                    missing=", ".join(missing),
                ),
            )


KIND = Kind(name="sessions", pages={"sessions": SessionMeta}, load=load)
