"""Courses, venues, terms and offerings: the data behind the catalogue.

A *course* is what is taught (a Markdown page per language under content/<lang>/courses/).
An *offering* is one run of a course in a term (content/data/terms/<term>.yml): its dates,
venue, educators, capacity and sign-up. Venues live in content/data/venues.yml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from babel import Locale, UnknownLocaleError
from pydantic import Field, RootModel, ValidationInfo, field_validator, model_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Address, Chime, Localized, NonEmpty, PageMeta, Strict
from recovery_college.content.settings import (
    FEW_PLACES_SHARE,
    FEW_PLACES_WITHOUT_CAPACITY,
    TIMEZONE,
)
from recovery_college.content.urls import safe_url

Status = Literal["open", "few", "full", "cancelled", "finished"]


class Venue(Strict):
    id: NonEmpty
    name: NonEmpty
    address: Address
    rooms: list[NonEmpty] = Field(default_factory=list)
    step_free: bool
    lift: bool
    accessible_toilet: bool
    hearing_loop: bool
    quiet_room: bool
    transport: Localized | None = None
    map: NonEmpty | None = None

    @field_validator("map")
    @classmethod
    def _map_link(cls, value: str | None) -> str | None:
        if value is not None and not safe_url(value).startswith("https://"):
            raise Problem(
                '"%(value)s" is not a web address. Write a full link starting with https://.',
                value=value,
            )
        return value


class Venues(RootModel[list[Venue]]):
    pass


class Theme(Strict):
    id: NonEmpty
    name: Localized


class Themes(RootModel[list[Theme]]):
    pass


def _time(value: object) -> object:
    if isinstance(value, int):
        raise Problem('write the time in double quotes, for example "13:00".')
    return value


class WeeklyRule(Strict):
    """`count` is the number of meetings held; skipped dates do not count. `every: 2` is
    fortnightly."""

    first: dt.date
    count: int = Field(ge=1, le=60)
    every: int = Field(default=1, ge=1, le=8)
    skip: list[dt.date] = Field(default_factory=list)


class Moved(Strict):
    """One planned meeting held on another day or at another time."""

    date: dt.date  # the meeting as planned
    to: dt.date
    start: dt.time | None = None  # the new times, where they change too
    end: dt.time | None = None

    _check_times = field_validator("start", "end", mode="before")(_time)


@dataclass(frozen=True)
class Meeting:
    """One meeting of a run: where the plan put it, and when it is held (or that it is not)."""

    planned: dt.date
    day: dt.date
    start: dt.time
    end: dt.time
    cancelled: bool = False

    @property
    def moved(self) -> bool:
        return self.day != self.planned


class Sessions(Strict):
    weekly: WeeklyRule | None = None
    dates: list[dt.date] | None = None
    start: dt.time
    end: dt.time
    moved: list[Moved] = Field(default_factory=list)
    cancelled: list[dt.date] = Field(default_factory=list)  # single meetings called off

    _check_start = field_validator("start", "end", mode="before")(_time)

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: dt.time, info: ValidationInfo) -> dt.time:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise Problem(
                "the end time %(end)s is not after the start time %(start)s. Check the times.",
                end=f"{end:%H:%M}",
                start=f"{start:%H:%M}",
            )
        return end

    @model_validator(mode="after")
    def _shape(self) -> Sessions:
        if (self.weekly is None) == (self.dates is None):
            raise Problem(
                'give either "weekly:" (a rule) or "dates:" (a list), not both and not neither.'
            )
        if self.dates is not None and not self.dates:
            raise Problem('"dates" is empty. List at least one date.')
        if self.weekly:
            rule = self.weekly
            for day in rule.skip:
                steps, rest = divmod((day - rule.first).days, 7 * rule.every)
                if rest or steps < 0:
                    raise Problem(
                        "the skipped date %(day)s is not one of the weekly dates from %(first)s "
                        "(same weekday, on or after the first date).",
                        day=day,
                        first=rule.first,
                    )
        planned = set(self.planned())
        if planned and planned <= set(self.cancelled):
            raise Problem(
                'every meeting is cancelled. Write "status: cancelled" for the whole run instead.'
            )
        for day in [m.date for m in self.moved] + list(self.cancelled):
            if day not in planned:
                raise Problem(
                    "%(day)s is not one of the planned meetings, so it cannot be moved or "
                    "cancelled. Use a date of the run: %(dates)s.",
                    day=day,
                    dates=", ".join(d.isoformat() for d in sorted(planned)),
                )
        return self

    def planned(self) -> list[dt.date]:
        """The run as planned: the dates, or the weekly rule's dates without the skipped ones."""
        if self.dates is not None:
            return sorted(self.dates)
        assert self.weekly is not None
        found: list[dt.date] = []
        day = self.weekly.first
        skip = set(self.weekly.skip)
        while len(found) < self.weekly.count:
            if day not in skip:
                found.append(day)
            day += dt.timedelta(days=7 * self.weekly.every)
        return found

    def meetings(self) -> list[Meeting]:
        """Every meeting, moved ones where they are held, cancelled ones marked, by day."""
        moved = {m.date: m for m in self.moved}
        cancelled = set(self.cancelled)
        found = []
        for day in self.planned():
            change = moved.get(day)
            found.append(
                Meeting(
                    planned=day,
                    day=change.to if change else day,
                    start=(change.start if change and change.start else self.start),
                    end=(change.end if change and change.end else self.end),
                    cancelled=day in cancelled,
                )
            )
        return sorted(found, key=lambda m: (m.day, m.start))

    def plain(self) -> bool:
        """A run with nothing moved or cancelled: said in one line ("4 times from ...")."""
        return not self.moved and not self.cancelled

    def days(self) -> list[dt.date]:
        """The days meetings are held (moved ones on their new day, cancelled ones not)."""
        return [m.day for m in self.meetings() if not m.cancelled]


# Lived experience of mental ill-health (peer), lived experience as a relative (relative),
# or a professional background. Co-production (README, "Add a course"): every offering has an
# educator with lived experience, peer or relative, unless `co_production_exception` says why.
Role = Literal["peer", "relative", "professional"]
LIVED_EXPERIENCE: tuple[str, ...] = ("peer", "relative")


class Educator(Strict):
    name: NonEmpty
    role: Role


# Which kind of link each way of signing up takes; every link also passes urls.safe_url.
SIGNUP_SCHEMES = {"form": ("https://",), "email": ("mailto:",), "phone": ("tel:",)}


class WaitingList(Strict):
    """How to join the waiting list of a full course: the school's own form, e-mail or phone."""

    method: Literal["form", "email", "phone"]
    link: NonEmpty

    @field_validator("link")
    @classmethod
    def _scheme(cls, link: str, info: ValidationInfo) -> str:
        safe_url(link)
        allowed = SIGNUP_SCHEMES[info.data.get("method", "form")]
        if not link.startswith(allowed):
            raise Problem(
                'the waiting-list link "%(link)s" must start with %(scheme)s for %(method)s.',
                link=link,
                scheme=allowed[0],
                method=info.data.get("method", "form"),
            )
        return link


class Signup(Strict):
    method: Literal["form", "email", "phone", "drop-in"]
    link: NonEmpty | None = None
    opens: dt.date | None = None
    closes: dt.date | None = None
    waiting_list: WaitingList | None = None  # shown instead of sign-up while the course is full

    @field_validator("link")
    @classmethod
    def _scheme(cls, link: str | None, info: ValidationInfo) -> str | None:
        if link is None:
            return None
        safe_url(link)  # the one rule for every link, whatever the method
        allowed = SIGNUP_SCHEMES.get(info.data.get("method", ""))
        if allowed and not link.startswith(allowed):
            method = info.data["method"]
            if len(allowed) == 1:
                raise Problem(
                    'the sign-up link "%(link)s" must start with %(scheme)s '
                    "for sign-up by %(method)s.",
                    link=link,
                    scheme=allowed[0],
                    method=method,
                )
            raise Problem(
                'the sign-up link "%(link)s" must start with %(scheme)s or %(other)s '
                "for sign-up by %(method)s.",
                link=link,
                scheme=allowed[0],
                other=" or ".join(allowed[1:]),
                method=method,
            )
        return link

    @field_validator("closes")
    @classmethod
    def _after_opening(cls, closes: dt.date | None, info: ValidationInfo) -> dt.date | None:
        opens = info.data.get("opens")
        if opens and closes and closes < opens:
            raise Problem(
                "sign-up closes (%(closes)s) before it opens (%(opens)s).",
                closes=closes,
                opens=opens,
            )
        return closes

    def window(self, today: dt.date) -> Literal["before", "open", "after"]:
        """Where `today` falls against the sign-up window (drop-in has none: always open)."""
        if self.method == "drop-in":
            return "open"
        if self.opens and today < self.opens:
            return "before"
        if self.closes and today > self.closes:
            return "after"
        return "open"

    @model_validator(mode="after")
    def _link_needed(self) -> Signup:
        allowed = SIGNUP_SCHEMES.get(self.method)
        if allowed and not self.link:
            raise Problem(
                'sign-up by %(method)s needs a "link:" starting with %(scheme)s',
                method=self.method,
                scheme=allowed[0],
            )
        return self


class Offering(Strict):
    id: NonEmpty
    course: NonEmpty
    venue: NonEmpty | None = None
    room: NonEmpty | None = None
    online: bool = False
    # The language the course is taught in; left out, the site's reference language (given
    # by the loader in the validation context; None only where a model is made without it).
    language: NonEmpty | None = Field(default=None, validate_default=True)
    sessions: Sessions
    co_production_exception: NonEmpty | None = None
    educators: list[Educator] = Field(min_length=1)
    capacity: int | None = Field(default=None, ge=0)
    places_left: int | None = Field(default=None, ge=0)
    signup: Signup
    status: Literal["cancelled", "full"] | None = None
    notes: Localized | None = None

    @field_validator("language", mode="before")
    @classmethod
    def _reference_language(cls, value: object, info: ValidationInfo) -> object:
        return value if value is not None else (info.context or {}).get("default_language")

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Locale.parse(value)
            except (UnknownLocaleError, ValueError):
                raise Problem(
                    'the language code "%(code)s" is not known. Write the two-letter code of the '
                    "language the course is taught in, such as da, en, ar, uk or fa.",
                    code=value,
                ) from None
        return value

    @field_validator("educators")
    @classmethod
    def _co_produced(cls, educators: list[Educator], info: ValidationInfo) -> list[Educator]:
        if not any(e.role in LIVED_EXPERIENCE for e in educators) and not info.data.get(
            "co_production_exception"
        ):
            raise Problem(
                "no educator has role peer or relative. Every course is taught by someone with "
                "lived experience (peer: of mental ill-health; relative: as a relative) together "
                'with a professional. Add one, or add "co_production_exception: <the reason>".'
            )
        return educators

    @field_validator("places_left")
    @classmethod
    def _within_capacity(cls, left: int | None, info: ValidationInfo) -> int | None:
        capacity = info.data.get("capacity")
        if capacity is not None and left is not None and left > capacity:
            raise Problem(
                "places_left (%(left)s) is more than the capacity (%(capacity)s).",
                left=left,
                capacity=capacity,
            )
        return left

    @model_validator(mode="after")
    def _place(self) -> Offering:
        if not self.online and not self.venue:
            raise Problem('give a "venue:" id, or write "online: true".')
        return self

    def held(self) -> list[Meeting]:
        return [m for m in self.sessions.meetings() if not m.cancelled]

    def times(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """Start and end of each meeting held, in Danish local time."""
        return [
            (
                dt.datetime.combine(m.day, m.start, TIMEZONE),
                dt.datetime.combine(m.day, m.end, TIMEZONE),
            )
            for m in self.held()
        ]

    def starts(self) -> list[dt.datetime]:
        return [start for start, _ in self.times()]

    def ends(self) -> list[dt.datetime]:
        return [end for _, end in self.times()]


class Term(Strict):
    id: NonEmpty
    name: Localized
    starts: dt.date
    ends: dt.date
    offerings: list[Offering] = Field(default_factory=list)

    @model_validator(mode="after")
    def _order(self) -> Term:
        if self.ends < self.starts:
            raise Problem(
                "the term ends (%(ends)s) before it starts (%(starts)s).",
                ends=self.ends,
                starts=self.starts,
            )
        return self


@dataclass(frozen=True)
class Catalogue:
    venues: dict[str, Venue]
    themes: dict[str, Theme]
    terms: list[Term]

    def offerings(self) -> list[tuple[Term, Offering]]:
        return [(term, offering) for term in self.terms for offering in term.offerings]

    def for_course(self, course: str) -> list[tuple[Term, Offering]]:
        return [(t, o) for t, o in self.offerings() if o.course == course]


def few_places(left: int | None, capacity: int | None) -> bool:
    """ "Few places left": at most a share of the capacity (settings.FEW_PLACES_SHARE), so a
    group of 30 with 10 places is not "few" and a group of 8 with 2 is; without a capacity,
    at most FEW_PLACES_WITHOUT_CAPACITY."""
    if left is None or left <= 0:
        return False
    if capacity:
        return left <= capacity * FEW_PLACES_SHARE
    return left <= FEW_PLACES_WITHOUT_CAPACITY


def status(offering: Offering, now: dt.datetime) -> Status:
    """What a citizen needs to know first, computed from the data and the build time."""
    if offering.status == "cancelled":
        return "cancelled"
    if offering.ends()[-1] < now:
        return "finished"
    if offering.signup.method == "drop-in":
        return "open"
    if offering.status == "full" or offering.places_left == 0:
        return "full"
    if few_places(offering.places_left, offering.capacity):
        return "few"
    return "open"


def term_is_past(term: Term, today: dt.date) -> bool:
    return term.ends < today


class CourseMeta(PageMeta):
    """Front matter of a course page under content/<lang>/courses/."""

    title: NonEmpty
    summary: NonEmpty
    outcomes: list[NonEmpty] = Field(min_length=1)
    for_whom: NonEmpty
    chime: list[Chime] = Field(min_length=1)
    themes: list[NonEmpty] = Field(min_length=1)
    demand: Literal["light", "moderate", "intensive"]
    attendance: Literal["sign-up", "drop-in"]
    pause_policy: Literal["keep-place", "rejoin-next-term", "drop-in-any-time"]
