"""courses.json: every offering, for municipal portals and anyone who wants to list the courses."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from recovery_college.courses.models import Catalogue
from recovery_college.courses.views import OfferingView
from recovery_college.outputs.keptmade import KeptMade

SCHEMA_NAME = "courses.schema.json"


def schema() -> str:
    return files("recovery_college.courses").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")


def offering_entry(view: OfferingView, catalogue: Catalogue, base_url: str) -> dict:
    venue = catalogue.venues.get(view.venue.id) if view.venue else None
    return {
        "id": view.id,
        "course_id": view.course,
        "title": view.course_title,
        "term": {"id": view.term, "name": view.term_name},
        "status": view.status,
        "sessions": [
            {"start": start.isoformat(), "end": end.isoformat()}
            for start, end in zip(view.starts, view.ends, strict=True)
        ],
        "cancelled_sessions": [
            {"start": m.start.isoformat(), "end": m.end.isoformat()}
            for m in view.meetings
            if m.cancelled
        ],
        "online": view.online,
        "venue": None
        if venue is None
        else {
            "id": venue.id,
            "name": venue.name,
            "room": view.venue.room if view.venue else None,
            "address": {
                "street": venue.address.street,
                "postcode": venue.address.postcode,
                "city": venue.address.city,
            },
            "step_free": venue.step_free,
            "lift": venue.lift,
            "accessible_toilet": venue.accessible_toilet,
            "hearing_loop": venue.hearing_loop,
        },
        "language": view.language,
        "educators": [{"name": name, "role": role} for name, role, _ in view.educators],
        "co_production_exception": view.co_production_exception,
        "signup": {
            "method": view.signup.method,
            "link": view.signup.link,
            "opens": view.signup.opens.isoformat() if view.signup.opens else None,
            "closes": view.signup.closes.isoformat() if view.signup.closes else None,
            "waiting_list": None
            if view.signup.waiting_link is None
            else {"method": view.signup.waiting_method, "link": view.signup.waiting_link},
        },
        "url": base_url + view.course_url,
        "ical_url": base_url + view.ics_url,
    }


def write(
    target: Path,
    views: list[OfferingView],
    catalogue: Catalogue,
    base_url: str,
    lang: str,
    school: str,
    entries: Entries | None = None,
) -> None:
    """The feed, written one offering at a time: at 10,000 offerings the whole document is
    18 MB, and made in memory at once it took 150 MB."""
    entries = entries or Entries(catalogue, base_url)
    with target.open("w", encoding="utf-8") as out:
        out.writelines(_chunks(views, base_url, lang, school, entries))


@dataclass
class Entries:
    """Each run's entry as JSON text. With `kept` and a `fingerprint` of the views and of what
    made them (`Fingerprints.made`: the code, the address and the project's files, the venues
    among them), a run whose view is what it was gets the text the last build wrote
    (outputs/keptmade.py)."""

    catalogue: Catalogue
    base_url: str
    kept: KeptMade | None = None
    fingerprint: Callable[[OfferingView], str | None] | None = None

    def text(self, view: OfferingView) -> str:
        key = self.fingerprint(view) if self.fingerprint is not None else None
        found = self.kept.get(key) if self.kept is not None and key is not None else None
        if found is None:
            entry = offering_entry(view, self.catalogue, self.base_url)
            found = json.dumps(entry, ensure_ascii=False, indent=1)
        if self.kept is not None and key is not None:
            self.kept.put(key, found)
        return found


def _chunks(
    views: list[OfferingView], base_url: str, lang: str, school: str, entries: Entries
) -> Iterator[str]:
    """The same text as `json.dumps` of the whole document with `indent=1` and a final line
    break, in pieces."""
    head = {"$schema": base_url + SCHEMA_NAME, "language": lang, "school": school}
    yield json.dumps(head, ensure_ascii=False, indent=1)[: -len("\n}")] + ',\n "offerings": '
    if not views:
        yield "[]\n}\n"
        return
    yield "["
    for number, view in enumerate(views):
        entry = entries.text(view)
        # A JSON text holds no line breaks of its own: each line is indented two levels more.
        yield ("," if number else "") + "\n  " + entry.replace("\n", "\n  ")
    yield "\n ]\n}\n"
