"""The programme in the Open Referral Human Services Data Specification (HSDS 3): the standard
form in which municipal and national portals take in local offers.

One service per course; each of its offerings is a service at a location, with the venue's
address and step-free access, and its meetings as RFC 5545 rules (a plain weekly run is one
rule, any other run one schedule per meeting). Every id is a UUID derived from our own ids, so
it stays the same from build to build. Written once, in the site's main language, to
`hsds/services.json`; tests/fixtures/hsds/ holds the published schema it is checked against.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid
from pathlib import Path
from typing import Any

from recovery_college.courses.models import Catalogue, CourseMeta, Offering, Term, Venue, status
from recovery_college.school.models import SiteFacts

FILE = "hsds/services.json"
NAMESPACE = uuid.UUID("6f1c1a4e-35b8-5c5e-9c59-7265636f7679")  # ours: "recovery" in its tail
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def services(
    catalogue: Catalogue,
    courses: dict[str, CourseMeta],
    site: SiteFacts,
    lang: str,
    base_url: str,
    now: dt.datetime,
) -> list[dict[str, Any]]:
    organization = {
        "id": _id("organization", base_url),
        "name": site.name.get(lang),
        "description": site.tagline.get(lang) if site.tagline else site.name.get(lang),
        "email": site.email,
        "website": base_url,
    }
    found = []
    for course, meta in sorted(courses.items()):
        runs = catalogue.for_course(course)
        coming = [o for _, o in runs if status(o, now) not in ("finished", "cancelled")]
        service_id = _id("service", base_url, course)
        found.append(
            {
                "id": service_id,
                "name": meta.title,
                "description": meta.summary,
                "url": f"{base_url}courses/{course}/",
                "email": site.email,
                "status": "active" if coming else "inactive",
                "organization": organization,
                "languages": [
                    {"id": _id("language", service_id, code), "code": code}
                    for code in sorted({o.language or lang for _, o in runs})
                ],
                "cost_options": [
                    {
                        "id": _id("cost", service_id),
                        "option": "free",
                        "amount": 0,
                        "currency": "DKK",
                    }
                ],
                "contacts": [
                    {
                        "id": _id("contact", service_id),
                        "name": site.name.get(lang),
                        "email": site.email,
                        "phones": [{"id": _id("phone", service_id), "number": site.phone}],
                    }
                ],
                "service_at_locations": [
                    _at_location(catalogue, service_id, term, offering, base_url)
                    for term, offering in runs
                ],
            }
        )
    return found


def _at_location(
    catalogue: Catalogue, service_id: str, term: Term, offering: Offering, base_url: str
) -> dict[str, Any]:
    at_id = _id("service_at_location", base_url, offering.id)
    venue = catalogue.venues.get(offering.venue) if offering.venue else None
    return {
        "id": at_id,
        "service_id": service_id,
        "description": f"{offering.id} ({term.id})",
        "location": _location(venue, base_url) if venue else _online(base_url),
        "schedules": _schedules(at_id, offering),
    }


def _location(venue: Venue, base_url: str) -> dict[str, Any]:
    location_id = _id("location", base_url, venue.id)
    facts = {
        "step-free entrance": venue.step_free,
        "lift": venue.lift,
        "accessible toilet": venue.accessible_toilet,
        "hearing loop": venue.hearing_loop,
        "quiet room": venue.quiet_room,
    }
    return {
        "id": location_id,
        "location_type": "physical",
        "name": venue.name,
        "addresses": [
            {
                "id": _id("address", location_id),
                "address_1": venue.address.street,
                "city": venue.address.city,
                "state_province": "",
                "postal_code": venue.address.postcode,
                "country": "DK",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {
                "id": _id("accessibility", location_id),
                "description": "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in facts.items()),
            }
        ],
    }


def _online(base_url: str) -> dict[str, Any]:
    return {"id": _id("location", base_url, "online"), "location_type": "virtual", "name": "Online"}


def _schedules(at_id: str, offering: Offering) -> list[dict[str, Any]]:
    days = offering.sessions.days()
    times = {
        "opens_at": offering.sessions.start.strftime("%H:%M"),
        "closes_at": offering.sessions.end.strftime("%H:%M"),
        "attending_type": "online" if offering.online else "in person",
    }
    weekly = all((b - a).days == 7 for a, b in itertools.pairwise(days))
    if weekly:
        return [
            {
                "id": _id("schedule", at_id),
                "service_at_location_id": at_id,
                "valid_from": days[0].isoformat(),
                "valid_to": days[-1].isoformat(),
                "dtstart": days[0].isoformat(),
                "freq": "WEEKLY",
                "interval": 1,
                "count": len(days),
                "byday": WEEKDAYS[days[0].weekday()],
                **times,
            }
        ]
    return [  # not a plain weekly run: one schedule for each meeting
        {
            "id": _id("schedule", at_id, day.isoformat()),
            "service_at_location_id": at_id,
            "valid_from": day.isoformat(),
            "valid_to": day.isoformat(),
            "dtstart": day.isoformat(),
            "freq": "WEEKLY",
            "count": 1,
            "byday": WEEKDAYS[day.weekday()],
            **times,
        }
        for day in days
    ]


def write(target: Path, items: list[dict[str, Any]]) -> None:
    """The services as JSON, written as it is encoded: at 10,000 offerings the encoder's
    pieces of the whole text took 100 MB at once."""
    with target.open("w", encoding="utf-8") as out:
        json.dump(items, out, ensure_ascii=False, indent=1)
        out.write("\n")
