"""The catalogue's filter index: every coming offering in a compact JSON file
(`courses/filter-index.json`), so the filters choose among the whole catalogue at any size.

The catalogue's script fetches it the first time a filter is used (a visitor who never filters
never downloads it) and shows the matching offerings as cards made from it. It holds only what
a card and the filters need; the course page has the rest.
"""

from __future__ import annotations

import json

from recovery_college.courses.views import CatalogueViews, OfferingView

FILE = "courses/filter-index.json"


def card(views: CatalogueViews, view: OfferingView) -> dict:
    """One offering as the script shows it: when, where, language, status and sign-up."""
    _ = views._
    if len(view.dates) > 1:
        more = _("%(count)s meetings from %(date)s.") % {
            "count": len(view.starts),
            "date": view.first_date_short,
        }
    else:
        more = view.first_date_short + "."
    # Where: the place's name (isolated by the script: a Danish name on an Arabic page), then
    # words in the page's language.
    if view.online:
        where: list[str | None] = [None, _("Online")]
    elif view.venue:
        place = ", ".join(part for part in (view.venue.name, view.venue.room) if part)
        step_free = _("yes") if view.venue.step_free else _("no")
        where = [place, f"{_('Step-free entrance')}: {step_free}"]
    else:
        where = [None, ""]
    signup = view.signup
    action: list[str | None] | None
    if signup.link:
        action = [signup.label, signup.link]
    elif signup.waiting_link and signup.waiting_label:
        action = [signup.waiting_label, signup.waiting_link]
    elif signup.method == "drop-in" and view.status not in ("cancelled", "finished"):
        action = [signup.label, None]
    else:
        action = None
    return {
        "id": view.id,
        "course": view.course,
        "first": view.first_day.isoformat(),
        "status": view.badge,
        "label": view.status_label,
        # Weekday, start, end and the rest apart: the script isolates the times, so a
        # right-to-left line does not turn 13.00–15.00 round.
        "when": [view.weekday.capitalize(), view.time_start, view.time_end, more],
        "where": where,
        "language": view.language_name.capitalize(),
        "signup": action,
        "f": {key: value for key, value in view.filters.items() if key != "status"},
    }


def render(views: CatalogueViews) -> str:
    """The index of this language: labels, each course once, then the offerings in order."""
    _ = views._
    upcoming = views.upcoming()
    courses: dict[str, dict] = {}
    for view in upcoming:
        courses.setdefault(
            view.course,
            # Relative to the index's own folder (courses/): the script resolves it there.
            {"title": view.course_title, "summary": view.summary, "url": f"../{view.course_url}"},
        )
    document = {
        "labels": {
            "when": _("When"),
            "where": _("Where"),
            "language": _("Language of teaching"),
        },
        "courses": courses,
        "offerings": [card(views, view) for view in upcoming],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
