"""What is new and what changed in the programme since the site was last published.

Citizens who missed a sign-up, social workers who refer people and municipal portals need to
know what changed without checking every page. Each build compares the offerings with the
snapshot in the published `changes.json` (the memory lives in the published site, so a fresh
machine that builds into the same `site/` carries it on) and adds a record for each new,
moved, cancelled, full or re-opened offering. Records older than `KEEP_DAYS` are dropped. The
records are language-neutral; the feeds and the changes page word them in each language.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from recovery_college.courses.models import Catalogue, Offering, status

FILE = "changes.json"  # at the site's root, next to the Danish courses.json
KEEP_DAYS = 56  # eight weeks: a term's sign-up period, and what the changes page shows
Kind = Literal["new", "cancelled", "moved", "place", "full", "reopened", "removed"]


@dataclass(frozen=True)
class Snapshot:
    """What of an offering a reader would want to hear about when it changes."""

    course: str
    term: str
    state: Literal["open", "full", "cancelled"]
    sessions: tuple[tuple[str, str], ...]  # start and end, ISO 8601 with offset
    place: str  # venue id and room, or "online"
    waiting_list: bool = False


@dataclass(frozen=True)
class Change:
    id: str
    at: str  # when the build that saw it ran, ISO 8601
    offering: str
    course: str
    term: str
    kind: Kind
    before: tuple[tuple[str, str], ...] = ()  # moved: the meetings that are gone
    after: tuple[tuple[str, str], ...] = ()  # moved: the meetings that are new
    place: str = ""  # place: the new place
    waiting_list: bool = False  # full: a waiting list is open


@dataclass
class ChangeLog:
    snapshot: dict[str, Snapshot] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)  # newest first

    def for_course(self, course: str) -> list[Change]:
        return [change for change in self.changes if change.course == course]

    def to_json(self) -> str:
        data = {
            "snapshot": {key: asdict(value) for key, value in sorted(self.snapshot.items())},
            "changes": [asdict(change) for change in self.changes],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def snapshot(offering: Offering, term: str, now: dt.datetime) -> Snapshot:
    state = status(offering, now)
    return Snapshot(
        course=offering.course,
        term=term,
        state="cancelled" if state == "cancelled" else "full" if state == "full" else "open",
        sessions=tuple((start.isoformat(), end.isoformat()) for start, end in offering.times()),
        place="online" if offering.online else f"{offering.venue}/{offering.room or ''}",
        waiting_list=offering.signup.waiting_list is not None,
    )


def current(catalogue: Catalogue, now: dt.datetime) -> dict[str, Snapshot]:
    return {
        offering.id: snapshot(offering, term.id, now)
        for term in catalogue.terms
        for offering in term.offerings
    }


def read(published: Path | None) -> ChangeLog | None:
    """The log of the published site, or None where nothing was published yet."""
    path = published / FILE if published else None
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ChangeLog(
            snapshot={
                key: Snapshot(**{**value, "sessions": _pairs(value["sessions"])})
                for key, value in data["snapshot"].items()
            },
            changes=[
                Change(**{**item, "before": _pairs(item["before"]), "after": _pairs(item["after"])})
                for item in data["changes"]
            ],
        )
    except (ValueError, KeyError, TypeError):
        return None  # a hand-edited or older file: start a new log rather than stop the build


def _pairs(items: list) -> tuple[tuple[str, str], ...]:
    return tuple((str(start), str(end)) for start, end in items)


def update(previous: ChangeLog | None, catalogue: Catalogue, now: dt.datetime) -> ChangeLog:
    """The published log with what changed since, older records dropped.

    Without a published log (the first build) there is nothing to compare with: the log
    starts empty, with today's snapshot.
    """
    today = current(catalogue, now)
    if previous is None:
        return ChangeLog(snapshot=today)
    at = now.isoformat(timespec="seconds")
    found: list[Change] = []
    for key, after in today.items():
        before = previous.snapshot.get(key)
        found.extend(_compare(key, before, after, at))
    for key, before in previous.snapshot.items():
        if key not in today and before.state != "cancelled":
            found.append(
                Change(f"{key}/removed/{at}", at, key, before.course, before.term, "removed")
            )
    seen = {change.id for change in previous.changes}
    oldest = (now - dt.timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
    kept = [change for change in previous.changes if change.at >= oldest]
    new = [change for change in found if change.id not in seen]
    return ChangeLog(snapshot=today, changes=new + kept)


def _compare(key: str, before: Snapshot | None, after: Snapshot, at: str) -> list[Change]:
    def change(kind: Kind, **details: object) -> Change:
        return Change(f"{key}/{kind}/{at}", at, key, after.course, after.term, kind, **details)  # type: ignore[arg-type]

    if before is None:
        return [change("new")]
    if after.state == "cancelled":
        return [change("cancelled")] if before.state != "cancelled" else []
    found = []
    if before.sessions != after.sessions:
        gone = tuple(s for s in before.sessions if s not in after.sessions)
        came = tuple(s for s in after.sessions if s not in before.sessions)
        found.append(change("moved", before=gone, after=came))
    if before.place != after.place:
        found.append(change("place", place=after.place))
    if after.state == "full" and before.state != "full":
        found.append(change("full", waiting_list=after.waiting_list))
    elif after.state == "open" and before.state != "open":
        found.append(change("reopened"))
    return found
