"""courses.json: every offering, for municipal portals and anyone who wants to list the courses."""

from __future__ import annotations

import json
from importlib.resources import files

from recovery_college.courses.models import Catalogue
from recovery_college.courses.views import OfferingView

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


def render(
    views: list[OfferingView], catalogue: Catalogue, base_url: str, lang: str, school: str
) -> str:
    document = {
        "$schema": base_url + SCHEMA_NAME,
        "language": lang,
        "school": school,
        "offerings": [offering_entry(v, catalogue, base_url) for v in views],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
