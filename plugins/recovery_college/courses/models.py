"""Courses, venues, terms and offerings: the data behind the catalogue.

A *course* is what is taught (a Markdown page per language under content/<lang>/courses/).
An *offering* is one run of a course in a term (content/data/terms/<term>.yml): its dates,
venue, educators, capacity and sign-up. Venues live in content/data/venues.yml.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from pydantic import (
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)

from recovery_college.content.messages import Problem
from recovery_college.content.models import (
    Address,
    Chime,
    Choices,
    Localized,
    NonEmpty,
    PageMeta,
    Strict,
)
from recovery_college.content.settings import (
    FEW_PLACES_SHARE,
    FEW_PLACES_WITHOUT_CAPACITY,
    TIMEZONE,
)
from recovery_college.content.urls import safe_url

Status = Literal["open", "few", "full", "cancelled", "finished"]


class Venue(Strict):
    model_config = ConfigDict(title="Sted")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til stedet med små bogstaver og uden mellemrum. "
        "Holdene henviser til det under venue.",
        examples=["recoveryhuset"],
    )
    name: NonEmpty = Field(
        title="Navn",
        description="Stedets navn, som folk kender det.",
        examples=["Eksempelby Hovedbibliotek"],
    )
    address: Address = Field(
        title="Adresse",
        description="Stedets adresse med vej, postnummer og by.",
        examples=[{"street": "Torvet 3", "postcode": "8999", "city": "Eksempelby"}],
    )
    rooms: list[NonEmpty] = Field(
        default_factory=list,
        title="Lokaler",
        description="Lokalerne på stedet. Står der lokaler her, skal et hold bruge et af dem "
        "under room.",
        examples=[["Mødelokale A", "Mødelokale B"]],
    )
    step_free: bool = Field(
        title="Indgang uden trin",
        description="Skriv true, hvis man kan komme ind uden trin, også med kørestol eller "
        "rollator. Ellers false.",
        examples=[True],
    )
    lift: bool = Field(
        title="Elevator",
        description="Skriv true, hvis der er elevator til lokalerne. Ellers false.",
        examples=[True],
    )
    accessible_toilet: bool = Field(
        title="Handicaptoilet",
        description="Skriv true, hvis der er et handicaptoilet. Ellers false.",
        examples=[True],
    )
    hearing_loop: bool = Field(
        title="Teleslynge",
        description="Skriv true, hvis der er teleslynge i lokalerne. Ellers false.",
        examples=[False],
    )
    quiet_room: bool = Field(
        title="Stille rum",
        description="Skriv true, hvis der er et stille rum, man kan gå ind i, "
        "hvis man får brug for ro. Ellers false.",
        examples=[True],
    )
    transport: Localized | None = Field(
        default=None,
        title="Sådan kommer du hertil",
        description="Kort om bus, tog, cykel og parkering, og hvor man finder lokalet.",
        examples=[{"da": "Bus 3 og 5 stopper ved Skolegade, 100 m fra huset."}],
    )
    map: NonEmpty | None = Field(
        default=None,
        title="Link til kort",
        description="Et link til stedet på et kort. Det skal begynde med https://.",
        examples=["https://www.openstreetmap.org/search?query=Skolegade%2012%20Eksempelby"],
    )

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
    model_config = ConfigDict(title="Steder")


class Theme(Strict):
    model_config = ConfigDict(title="Tema")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til temaet med små bogstaver og uden mellemrum. "
        "Kursussider nævner det under themes.",
        examples=["hverdagsliv"],
    )
    name: Localized = Field(
        title="Navn",
        description="Temaets navn, som det står i filteret i kursuskataloget.",
        examples=[{"da": "Hverdagsliv", "en": "Everyday life"}],
    )


class Themes(RootModel[list[Theme]]):
    model_config = ConfigDict(title="Temaer")


def _time(value: object) -> object:
    if isinstance(value, int):
        raise Problem('write the time in double quotes, for example "13:00".')
    return value


class WeeklyRule(Strict):
    """`count` is the number of meetings held; skipped dates do not count. `every: 2` is
    fortnightly."""

    model_config = ConfigDict(title="Fast ugerytme")

    first: dt.date = Field(
        title="Første møde",
        description="Datoen for det første møde, som år-måned-dag, for eksempel 2027-01-14. "
        "De næste møder ligger på samme ugedag.",
        examples=["2027-01-14"],
    )
    count: int = Field(
        ge=1,
        le=60,
        title="Antal møder",
        description="Hvor mange gange holdet mødes, fra 1 til 60. "
        "Datoer, der springes over, tæller ikke med.",
        examples=[8],
    )
    every: int = Field(
        default=1,
        ge=1,
        le=8,
        title="Hver hvor mange uger",
        description="1 er hver uge, 2 er hver anden uge. Udelad det, hvis holdet mødes hver uge.",
        examples=[2],
    )
    skip: list[dt.date] = Field(
        default_factory=list,
        title="Spring over",
        description="Datoer i rytmen uden møde, for eksempel i ferier. "
        "Holdet fortsætter så en uge længere.",
        examples=[["2027-02-18"]],
    )


class Moved(Strict):
    """One planned meeting held on another day or at another time."""

    model_config = ConfigDict(title="Flyttet møde")

    date: dt.date = Field(  # the meeting as planned
        title="Planlagt dato",
        description="Den dato, mødet skulle have været holdt, som år-måned-dag.",
        examples=["2027-03-04"],
    )
    to: dt.date = Field(
        title="Ny dato",
        description="Den dato, mødet holdes i stedet, som år-måned-dag. "
        "Skriv den samme dato, hvis kun tiden ændres.",
        examples=["2027-03-05"],
    )
    start: dt.time | None = Field(  # the new times, where they change too
        default=None,
        title="Ny starttid",
        description="Kun hvis tiden også ændres: den nye starttid som time og minut, "
        "for eksempel 14:00.",
        examples=["14:00"],
    )
    end: dt.time | None = Field(
        default=None,
        title="Ny sluttid",
        description="Kun hvis tiden også ændres: den nye sluttid som time og minut, "
        "for eksempel 16:00.",
        examples=["16:00"],
    )

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
    model_config = ConfigDict(title="Møder")

    weekly: WeeklyRule | None = Field(
        default=None,
        title="Fast ugerytme",
        description="Brug den, når holdet mødes på samme ugedag hver uge eller hver anden uge. "
        "Skriv enten weekly eller dates.",
        examples=[{"first": "2027-01-14", "count": 8}],
    )
    dates: list[dt.date] | None = Field(
        default=None,
        title="Datoer",
        description="Datoen for hvert møde, som år-måned-dag. Skriv enten dates eller weekly.",
        examples=[["2027-01-29", "2027-02-26", "2027-03-19"]],
    )
    start: dt.time = Field(
        title="Starttid",
        description="Hvornår møderne begynder, som time og minut, for eksempel 13:00.",
        examples=["13:00"],
    )
    end: dt.time = Field(
        title="Sluttid",
        description="Hvornår møderne slutter, som time og minut, for eksempel 15:00. "
        "Den skal ligge efter starttiden.",
        examples=["15:00"],
    )
    moved: list[Moved] = Field(
        default_factory=list,
        title="Flyttede møder",
        description="Møder, der holdes på en anden dag eller et andet tidspunkt end planlagt. "
        "Resten af planen står, som den er.",
        examples=[[{"date": "2027-03-04", "to": "2027-03-05"}]],
    )
    cancelled: list[dt.date] = Field(  # single meetings called off
        default_factory=list,
        title="Aflyste møder",
        description="Datoer for enkelte møder, der er aflyst. Holdet fortsætter bagefter. "
        "Er hele holdet aflyst, så skriv status: cancelled på holdet.",
        examples=[["2027-03-11"]],
    )

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
        return list(self.schedule)

    @functools.cached_property
    def schedule(self) -> tuple[Meeting, ...]:
        """`meetings`, worked out once: a language build asks for each run's meetings four
        times (its view, its times, its status, the news), 0.2 s of a language at 1,000
        offerings. The model is frozen, so they cannot change."""
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
        return tuple(sorted(found, key=lambda m: (m.day, m.start)))

    def plain(self) -> bool:
        """A run with nothing moved or cancelled: said in one line ("4 times from ...")."""
        return not self.moved and not self.cancelled

    def days(self) -> list[dt.date]:
        """The days meetings are held (moved ones on their new day, cancelled ones not)."""
        return [m.day for m in self.meetings() if not m.cancelled]


# Lived experience of mental ill-health (peer), lived experience as a relative (relative),
# or a professional background. Co-production (README, "Add a course"): every offering has an
# educator with lived experience, peer or relative, unless `co_production_exception` says why.
Role = Annotated[
    Literal["peer", "relative", "professional"],
    Choices(
        peer="Peer-underviser (egen erfaring)",
        relative="Pårørendeunderviser (erfaring som pårørende)",
        professional="Fagprofessionel underviser",
    ),
]
LIVED_EXPERIENCE: tuple[str, ...] = ("peer", "relative")


class Educator(Strict):
    model_config = ConfigDict(title="Underviser")

    name: NonEmpty = Field(
        title="Navn",
        description="Underviserens navn, som det skal stå på siden.",
        examples=["Maria Pedersen"],
    )
    role: Role = Field(
        title="Rolle",
        description="Underviserens baggrund. Mindst én på holdet skal have egen erfaring "
        "som peer eller pårørende.",
        examples=["peer"],
    )


# Which kind of link each way of signing up takes; every link also passes urls.safe_url.
SIGNUP_SCHEMES = {"form": ("https://",), "email": ("mailto:",), "phone": ("tel:",)}
WaitingListMethod = Annotated[
    Literal["form", "email", "phone"],
    Choices(form="Skolens formular", email="E-mail", phone="Telefon"),
]
SignupMethod = Annotated[
    Literal["form", "email", "phone", "drop-in"],
    Choices(
        **{
            "form": "Skolens formular",
            "email": "E-mail",
            "phone": "Telefon",
            "drop-in": "Ingen tilmelding: bare mød op",
        }
    ),
]
# What staff may set by hand; "few places", "open" and "finished" are worked out (status()).
OfferingStatus = Annotated[
    Literal["cancelled", "full"], Choices(cancelled="Aflyst", full="Fuldt booket")
]


class WaitingList(Strict):
    """How to join the waiting list of a full course: the school's own form, e-mail or phone."""

    model_config = ConfigDict(title="Venteliste")

    method: WaitingListMethod = Field(
        title="Sådan kommer man på venteliste",
        description="Hvordan man skriver sig på venteliste: formular, e-mail eller telefon.",
        examples=["email"],
    )
    link: NonEmpty = Field(
        title="Link",
        description="https:// og adressen til en formular, mailto: og en e-mailadresse "
        "eller tel: og et telefonnummer, efter hvad der står under method.",
        examples=["mailto:recoveryskolen@eksempelby.dk"],
    )

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
    model_config = ConfigDict(title="Tilmelding")

    method: SignupMethod = Field(
        title="Sådan tilmelder man sig",
        description="Formular, e-mail eller telefon. Vælg drop-in, hvis man bare kan møde op "
        "uden at tilmelde sig.",
        examples=["form"],
    )
    link: NonEmpty | None = Field(
        default=None,
        title="Link",
        description="https:// og adressen til en formular, mailto: og en e-mailadresse "
        "eller tel: og et telefonnummer, efter hvad der står under method. "
        "Ved drop-in kan det udelades.",
        examples=["https://eksempelby.dk/tilmelding/hab"],
    )
    opens: dt.date | None = Field(
        default=None,
        title="Tilmeldingen åbner",
        description="Den første dag, man kan tilmelde sig, som år-måned-dag. "
        "Udelad den, hvis man kan tilmelde sig nu.",
        examples=["2026-12-01"],
    )
    closes: dt.date | None = Field(
        default=None,
        title="Sidste frist",
        description="Den sidste dag, man kan tilmelde sig, som år-måned-dag. "
        "Udelad den, hvis der ikke er en frist.",
        examples=["2027-01-28"],
    )
    waiting_list: WaitingList | None = Field(  # shown instead of sign-up while the course is full
        default=None,
        title="Venteliste",
        description="Hvordan man kommer på venteliste. Det vises i stedet for tilmeldingen, "
        "når holdet er fuldt booket.",
        examples=[{"method": "phone", "link": "tel:+4512345678"}],
    )

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
    model_config = ConfigDict(title="Hold")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til holdet, som intet andet hold har, for eksempel "
        "kursets id og semestret. Ændr det ikke, når holdet er offentliggjort.",
        examples=["hab-2027f"],
    )
    course: NonEmpty = Field(
        title="Kursus",
        description="Kursets id: filnavnet på kursussiden under content/da/courses/ uden .md.",
        examples=["hab"],
    )
    venue: NonEmpty | None = Field(
        default=None,
        title="Sted",
        description="Stedets id fra content/data/venues.yml. Udelad det, hvis holdet er online.",
        examples=["recoveryhuset"],
    )
    room: NonEmpty | None = Field(
        default=None,
        title="Lokale",
        description="Lokalet på stedet, skrevet som i stedets liste over lokaler.",
        examples=["Lokale 2"],
    )
    online: bool = Field(
        default=False,
        title="Online",
        description="Skriv true, hvis holdet mødes online. Så skal der ikke stå et sted.",
        examples=[True],
    )
    # The language the course is taught in; left out, the site's reference language (given
    # by the loader in the validation context; None only where a model is made without it).
    language: NonEmpty | None = Field(
        default=None,
        validate_default=True,
        title="Undervisningssprog",
        description="Sprogkoden for det sprog, der undervises på, for eksempel da, en, ar "
        "eller uk. Udelad den, hvis det er hjemmesidens hovedsprog.",
        examples=["da"],
    )
    sessions: Sessions = Field(
        title="Møder",
        description="Hvornår holdet mødes: en fast ugerytme (weekly) eller en liste med "
        "datoer (dates), og start- og sluttid.",
        examples=[
            {"weekly": {"first": "2027-02-02", "count": 6}, "start": "13:00", "end": "15:00"}
        ],
    )
    co_production_exception: NonEmpty | None = Field(
        default=None,
        title="Undtagelse fra samskabelse",
        description="Kun hvis ingen underviser har egen erfaring: skriv kort hvorfor. "
        "Begrundelsen bliver offentliggjort.",
        examples=[
            "Kurset holdes af kommunens jobcenter. En peer-medarbejder er med fra næste semester."
        ],
    )
    educators: list[Educator] = Field(
        min_length=1,
        title="Undervisere",
        description="Dem, der underviser. Mindst én med egen erfaring (peer eller relative) "
        "sammen med en fagprofessionel.",
        examples=[
            [
                {"name": "Maria Pedersen", "role": "peer"},
                {"name": "Ida Kjær", "role": "professional"},
            ]
        ],
    )
    capacity: int | None = Field(
        default=None,
        ge=0,
        title="Pladser i alt",
        description="Hvor mange der kan være på holdet. Udelad det, hvis der ikke er et loft.",
        examples=[14],
    )
    places_left: int | None = Field(
        default=None,
        ge=0,
        title="Ledige pladser",
        description="Hvor mange pladser der er ledige nu. Ved 0 står holdet som fuldt booket.",
        examples=[5],
    )
    signup: Signup = Field(
        title="Tilmelding",
        description="Hvordan og hvornår man tilmelder sig, og eventuelt venteliste.",
        examples=[
            {
                "method": "email",
                "link": "mailto:recoveryskolen@eksempelby.dk",
                "closes": "2027-01-28",
            }
        ],
    )
    status: OfferingStatus | None = Field(
        default=None,
        title="Status",
        description="Skriv kun cancelled, hvis hele holdet er aflyst, eller full, hvis det er "
        "fuldt booket. Ellers udelad den: status regnes ud.",
        examples=["cancelled"],
    )
    notes: Localized | None = Field(
        default=None,
        title="Bemærk",
        description="En kort besked til deltagerne. Den står ved holdet under »Bemærk«.",
        examples=[{"da": "Nyt sted: Vi er flyttet til biblioteket, hvor der er elevator."}],
    )

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
    model_config = ConfigDict(title="Semester")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til semestret med små bogstaver og uden mellemrum, "
        "gerne som filnavnet. Det bruges i adressen på semestrets side.",
        examples=["2027-foraar"],
    )
    name: Localized = Field(
        title="Navn",
        description="Semestrets navn, som det står på hjemmesiden.",
        examples=[{"da": "Forår 2027", "en": "Spring 2027"}],
    )
    starts: dt.date = Field(
        title="Første dag",
        description="Semestrets første dag, som år-måned-dag, for eksempel 2027-01-11.",
        examples=["2027-01-11"],
    )
    ends: dt.date = Field(
        title="Sidste dag",
        description="Semestrets sidste dag, som år-måned-dag. Alle møder skal ligge "
        "mellem første og sidste dag.",
        examples=["2027-06-18"],
    )
    offerings: list[Offering] = Field(
        default_factory=list,
        title="Hold",
        description="Holdene i semestret: ét for hver gang et kursus kører.",
        examples=[
            [
                {
                    "id": "hab-2027f",
                    "course": "hab",
                    "venue": "recoveryhuset",
                    "sessions": {
                        "weekly": {"first": "2027-02-02", "count": 6},
                        "start": "13:00",
                        "end": "15:00",
                    },
                    "educators": [
                        {"name": "Maria Pedersen", "role": "peer"},
                        {"name": "Ida Kjær", "role": "professional"},
                    ],
                    "signup": {"method": "drop-in"},
                }
            ]
        ],
    )

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


Demand = Annotated[
    Literal["light", "moderate", "intensive"],
    Choices(light="Let", moderate="Middel", intensive="Krævende"),
]
Attendance = Annotated[
    Literal["sign-up", "drop-in"],
    Choices(**{"sign-up": "Tilmelding", "drop-in": "Drop-in"}),
]
PausePolicy = Annotated[
    Literal["keep-place", "rejoin-next-term", "drop-in-any-time"],
    Choices(
        **{
            "keep-place": "Du kan holde pause og beholde din plads",
            "rejoin-next-term": "Du kan starte igen næste semester",
            "drop-in-any-time": "Kom, når du kan",
        }
    ),
]


class CourseMeta(PageMeta):
    """Front matter of a course page under content/<lang>/courses/."""

    model_config = ConfigDict(title="Kursusside")

    title: NonEmpty = Field(
        title="Kursets navn",
        description="Kort og klart, så man kan se, hvad kurset handler om.",
        examples=["Angst i hverdagen"],
    )
    summary: NonEmpty = Field(
        title="Kort om kurset",
        description="Én eller to sætninger om kurset. De står i kataloget og i programmet.",
        examples=["Et kursus om at forstå angst og om de små ting, der gør hverdagen lettere."],
    )
    outcomes: list[NonEmpty] = Field(
        min_length=1,
        title="Det får du ud af kurset",
        description="Hvad deltagerne får med sig. Én kort sætning for hvert punkt.",
        examples=[["Du får viden om, hvad angst er, og hvordan den kan mærkes."]],
    )
    for_whom: NonEmpty = Field(
        title="For hvem",
        description="Hvem kurset er for. Skriv også, om pårørende og fagfolk er velkomne.",
        examples=["Borgere, der kender til angst. Pårørende er også velkomne."],
    )
    chime: list[Chime] = Field(
        min_length=1,
        title="Recovery-processer (CHIME)",
        description="De recovery-processer, kurset især støtter. Mindst én.",
        examples=[["hope", "empowerment"]],
    )
    themes: list[NonEmpty] = Field(
        min_length=1,
        title="Temaer",
        description="Id'er på temaer fra content/data/themes.yml. De bruges i katalogets filter.",
        examples=[["hverdagsliv", "krop-og-sundhed"]],
    )
    demand: Demand = Field(
        title="Krav",
        description="Hvor meget kurset kræver af deltagerne.",
        examples=["moderate"],
    )
    attendance: Attendance = Field(
        title="Tilmelding eller drop-in",
        description="Om man skal tilmelde sig, eller om man bare kan møde op.",
        examples=["sign-up"],
    )
    pause_policy: PausePolicy = Field(
        title="Hvis du holder pause",
        description="Hvad der sker, hvis en deltager må holde pause fra kurset.",
        examples=["keep-place"],
    )
