"""`recovery-college new-course`: a course page and an offering stub that validate at once.

Staff who are not programmers start from a working example instead of an empty file. The files
are checked with the same validation as the build; if anything is wrong nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.content.languages import discover

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class NewCourse:
    id: str
    title: str
    summary: str
    term: str
    venue: str
    first: dt.date
    count: int
    start: str
    end: str
    peer: str
    professional: str
    signup_link: str


class NewCourseError(Exception):
    """Something the person typed cannot be used; the message says what to type instead."""


def course_page(course: NewCourse) -> str:
    meta = {
        "title": course.title,
        "summary": course.summary,
        "outcomes": ["Du får ... (skriv hvad kursisterne får ud af kurset)"],
        "for_whom": "Alle, der er interesserede. Du skal ikke have en diagnose eller en henvisning.",
        "chime": ["hope"],
        "themes": ["hverdagsliv"],
        "demand": "light",
        "attendance": "sign-up",
        "pause_policy": "keep-place",
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = (
        "Skriv her, hvad der sker på kurset, og hvordan en gang foregår. Skriv kort og enkelt.\n\n"
        "Kurset bliver undervist af en peer-underviser med egen erfaring sammen med en "
        "fagprofessionel underviser.\n"
    )
    return f"---\n{front}---\n\n{body}"


def offering_stub(course: NewCourse) -> str:
    method = "email" if course.signup_link.startswith("mailto:") else "form"
    if course.signup_link.startswith("tel:"):
        method = "phone"
    offering = {
        "id": f"{course.id}-{course.term}",
        "course": course.id,
        "venue": course.venue,
        "online": False,
        "sessions": {
            "weekly": {"first": course.first, "count": course.count},
            "start": course.start,
            "end": course.end,
        },
        "educators": [
            {"name": course.peer, "role": "peer"},
            {"name": course.professional, "role": "professional"},
        ],
        "capacity": 14,
        "places_left": 14,
        "signup": {"method": method, "link": course.signup_link},
    }
    text = yaml.safe_dump([offering], allow_unicode=True, sort_keys=False, default_flow_style=False)
    text = re.sub(r"^(\s*(?:start|end)): (\d\d:\d\d)$", r'\1: "\2"', text, flags=re.M)
    return "\n" + "\n".join("  " + line if line else line for line in text.splitlines()) + "\n"


def create(root: Path, course: NewCourse) -> list[Path]:
    """Write the course page and append the offering; undo both if validation fails."""
    if not SLUG.match(course.id):
        raise NewCourseError(
            f'"{course.id}" cannot be a course id. Use small letters, digits and hyphens, e.g. "sorg-og-haab".'
        )
    languages, _ = discover(root)
    default = languages[0].code if languages else "da"
    page = root / "content" / default / "courses" / f"{course.id}.md"
    term = root / "content" / "data" / "terms" / f"{course.term}.yml"
    if page.exists():
        raise NewCourseError(f"{page.relative_to(root)} already exists. Choose another id.")
    if not term.exists():
        known = ", ".join(p.stem for p in sorted(term.parent.glob("*.yml"))) or "none"
        raise NewCourseError(f'there is no term "{course.term}". Known terms: {known}.')
    original = term.read_text(encoding="utf-8")
    if not re.search(r"^offerings:\s*$", original, re.M):
        raise NewCourseError(f'{term.relative_to(root)} has no "offerings:" list to add to.')
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(course_page(course), encoding="utf-8")
    term.write_text(original.rstrip("\n") + "\n" + offering_stub(course), encoding="utf-8")
    try:
        load_project(root)
    except ContentErrors:
        page.unlink()
        term.write_text(original, encoding="utf-8")
        raise
    return [page, term]
