"""Unit tests of the course model: dates from rules, statuses from data and the build time."""

import datetime as dt

import pytest

from recovery_college.courses.models import Offering, Sessions, status
from recovery_college.outputs.i18n import TIMEZONE


def offering(**changes) -> Offering:
    data = {
        "id": "hab-1",
        "course": "hab",
        "venue": "huset",
        "sessions": {"dates": [dt.date(2026, 12, 1)], "start": "13:00", "end": "15:00"},
        "educators": [{"name": "A", "role": "peer"}],
        "capacity": 10,
        "places_left": 5,
        "signup": {"method": "form", "link": "https://example.org/"},
    }
    data.update(changes)
    return Offering.model_validate(data)


NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=TIMEZONE)


def test_weekly_rule_skips_dates_and_counts_meetings_held():
    sessions = Sessions.model_validate(
        {
            "weekly": {"first": "2027-02-02", "count": 3, "skip": ["2027-02-16"]},
            "start": "13:00",
            "end": "15:00",
        }
    )
    assert sessions.days() == [dt.date(2027, 2, 2), dt.date(2027, 2, 9), dt.date(2027, 2, 23)]


def test_sessions_are_in_copenhagen_time_with_daylight_saving():
    o = offering(sessions={"dates": ["2027-01-05", "2027-06-01"], "start": "13:00", "end": "15:00"})
    assert [s.isoformat() for s in o.starts()] == [
        "2027-01-05T13:00:00+01:00",
        "2027-06-01T13:00:00+02:00",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "open"),
        ({"places_left": 2}, "few"),
        ({"places_left": 0}, "full"),
        ({"status": "full"}, "full"),
        ({"status": "cancelled"}, "cancelled"),
        ({"sessions": {"dates": ["2026-11-01"], "start": "13:00", "end": "15:00"}}, "finished"),
        ({"signup": {"method": "drop-in"}, "places_left": 0}, "open"),
    ],
)
def test_status(changes, expected):
    assert status(offering(**changes), NOW) == expected


def test_finished_wins_over_full_but_not_over_cancelled():
    past = {"dates": ["2026-11-01"], "start": "13:00", "end": "15:00"}
    assert status(offering(sessions=past, places_left=0), NOW) == "finished"
    assert status(offering(sessions=past, status="cancelled"), NOW) == "cancelled"


def test_a_large_term_gets_one_printed_programme_a_month():
    from types import SimpleNamespace

    from recovery_college.courses import prospectus
    from recovery_college.courses.views import Month

    def month(label: str, day: dt.date, count: int) -> Month:
        return Month(label, [SimpleNamespace(first_day=day)] * count)  # type: ignore[list-item]

    term = SimpleNamespace(id="2026-efteraar")
    small = [
        month("September 2026", dt.date(2026, 9, 1), 30),
        month("Oktober", dt.date(2026, 10, 5), 30),
    ]
    whole = prospectus.parts(term, small)  # type: ignore[arg-type]
    assert [(p.output, p.month, p.months) for p in whole] == [
        ("terms/2026-efteraar/prospectus.pdf", "", small)
    ]
    large = [*small, month("November 2026", dt.date(2026, 11, 2), 1)]
    split = prospectus.parts(term, large)  # type: ignore[arg-type]
    assert [(p.output, p.month, p.months) for p in split] == [
        ("terms/2026-efteraar/prospectus-2026-09.pdf", "September 2026", [large[0]]),
        ("terms/2026-efteraar/prospectus-2026-10.pdf", "Oktober", [large[1]]),
        ("terms/2026-efteraar/prospectus-2026-11.pdf", "November 2026", [large[2]]),
    ]


def test_a_large_month_is_printed_place_by_place():
    """A national school's month has hundreds of offerings in many towns: one programme for
    each venue (and one for online courses), the venues by name and online last."""
    from types import SimpleNamespace

    from recovery_college.courses import prospectus
    from recovery_college.courses.views import Month

    def run(venue: str | None) -> SimpleNamespace:
        place = SimpleNamespace(id=venue, name=f"Huset {venue}") if venue else None
        return SimpleNamespace(first_day=dt.date(2026, 9, 7), venue=place, online=venue is None)

    offerings = [run("nord"), run(None), run("syd"), run("nord")] * 16  # 64: over PLACES_AT
    october = SimpleNamespace(first_day=dt.date(2026, 10, 5), venue=None, online=True)
    small = Month("Oktober", [october] * 10)
    large = Month("September 2026", offerings)
    term = SimpleNamespace(id="2026-efteraar")
    split = prospectus.parts(term, [large, small], "Online")  # type: ignore[arg-type]
    assert [(p.output, p.label, len(p.months[0].offerings)) for p in split] == [
        ("terms/2026-efteraar/prospectus-2026-09-nord.pdf", "September 2026, Huset nord", 32),
        ("terms/2026-efteraar/prospectus-2026-09-syd.pdf", "September 2026, Huset syd", 16),
        ("terms/2026-efteraar/prospectus-2026-09-online.pdf", "September 2026, Online", 16),
        ("terms/2026-efteraar/prospectus-2026-10.pdf", "Oktober", 10),
    ]
    assert all(p.months[0].label == p.month for p in split)
