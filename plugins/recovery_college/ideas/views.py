"""What the idea pages show: the overview, sections, single ideas and cards, in one language.

Idea texts exist in Danish and English; for any other language the views give the Danish
text, so a page can mark it as Danish as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from recovery_college.content.models import Localized
from recovery_college.content.settings import TIMEZONE
from recovery_college.ideas.booklet import (
    CREDIT,
    SECTION_RANGES,
    Credit,
    Ideas,
    PlacedIdea,
    Section,
)
from recovery_college.outputs.i18n import CHIME_LABELS

Gettext = Callable[[str], str]

FOLDER = "ideer"
CARDS = "kort"
CARDS_PER_SHEET = 4
# Cards per printable deck page: 20 cards are five sheets and keep the page under 40 KB.
DECK_SIZE = 20
# The Monday the idea of the week counts from; idea 1 was the idea of that week.
WEEK_ZERO = dt.date(2024, 1, 1)


def section_url(number: int) -> str:
    return f"{FOLDER}/afsnit-{number}/"


def idea_url(number: int) -> str:
    return f"{FOLDER}/{number}/"


def decks(count: int) -> list[tuple[int, int]]:
    """The printable decks: ideas 1-20, 21-40 and so on."""
    return [(first, min(first + DECK_SIZE - 1, count)) for first in range(1, count + 1, DECK_SIZE)]


def deck_url(first: int, last: int) -> str:
    return f"{FOLDER}/{CARDS}/{first}-{last}/"


def group_anchor(group_id: str) -> str:
    return "gruppe-" + group_id.replace(".", "-")


def idea_of_the_week(now: dt.datetime, count: int) -> int:
    """Changes every Monday (Danish time) and is the same for every visitor of one build."""
    day = now.astimezone(TIMEZONE).date() if now.tzinfo else now.date()
    monday = day - dt.timedelta(days=day.weekday())
    return (monday - WEEK_ZERO).days // 7 % count + 1


@dataclass(frozen=True)
class Text:
    """A text and the language it is really in; `foreign` when it is not the page's language."""

    text: str
    lang: str
    dir: str
    foreign: bool


@dataclass(frozen=True)
class IdeaLink:
    number: int
    title: Text
    url: str
    section: int
    chime: list[tuple[str, str]]

    @property
    def chime_ids(self) -> str:
        return " ".join(key for key, _ in self.chime)

    @property
    def chime_names(self) -> str:
        return " · ".join(name for _, name in self.chime)


@dataclass(frozen=True)
class DeckLink:
    label: str
    url: str


@dataclass(frozen=True)
class SectionLink:
    number: int
    title: Text
    summary: Text
    url: str
    span: str | None
    decks: list[DeckLink]


@dataclass(frozen=True)
class GroupView:
    id: str
    anchor: str
    title: Text
    stem: Text
    ideas: list[IdeaLink]


@dataclass(frozen=True)
class TableView:
    id: str
    caption: Text
    head: list[Text | None]
    rows: list[tuple[Text, list[Text]]]


@dataclass(frozen=True)
class IdeaView:
    number: int
    kicker: str
    title: Text
    text: Text
    example: Text
    try_this_week: Text
    section: SectionLink
    group: GroupView
    chime: list[tuple[str, str]]
    tools: list[str]
    related: list[IdeaLink]
    previous: IdeaLink | None
    next: IdeaLink | None
    labels: dict[str, str]
    credit: Credit


@dataclass(frozen=True)
class WeekView:
    label: str
    idea: IdeaLink
    text: Text
    try_this_week: Text


@dataclass(frozen=True)
class OverviewView:
    sections: list[SectionLink]
    ideas: list[IdeaLink]
    week: WeekView
    chime: list[tuple[str, str]]
    decks: list[DeckLink]
    labels: dict[str, str]
    credit: Credit


@dataclass(frozen=True)
class SectionView:
    section: SectionLink
    body: list[Text]
    groups: list[GroupView]
    tables: list[TableView]
    previous: SectionLink | None
    next: SectionLink | None
    labels: dict[str, str]
    credit: Credit


@dataclass(frozen=True)
class Card:
    number: int
    title: Text
    text: Text
    prompt: Text
    source: str


@dataclass(frozen=True)
class CardsView:
    sheets: list[list[Card]]
    labels: dict[str, str]
    credit: Credit


class IdeaViews:
    """What the idea pages show in one language; texts missing in it come in Danish, marked."""

    def __init__(self, ideas: Ideas, lang: str, gettext: Gettext, default: str, direction: str):
        """`default` and `direction`: the language missing texts fall back to, and its direction."""
        self.ideas = ideas
        self.lang = lang
        self._ = gettext
        self.default = default
        self.direction = direction
        self.placed = ideas.all()
        self.by_number = {placed.number: placed for placed in self.placed}

    def text(self, value: Localized) -> Text:
        own = value.has(self.lang)
        return Text(
            text=value.get(self.lang),
            lang=self.lang if own else self.default,
            dir=self.direction,
            foreign=not own,
        )

    def chime(self, ids: Sequence[str]) -> list[tuple[str, str]]:
        return [(key, self._(CHIME_LABELS[key])) for key in ids]

    def link(self, placed: PlacedIdea) -> IdeaLink:
        return IdeaLink(
            number=placed.number,
            title=self.text(placed.idea.title),
            url=idea_url(placed.number),
            section=placed.section.number,
            chime=self.chime(placed.idea.chime),
        )

    def section_link(self, section: Section) -> SectionLink:
        span = SECTION_RANGES.get(section.number)
        return SectionLink(
            number=section.number,
            title=self.text(section.title),
            summary=self.text(section.summary),
            url=section_url(section.number),
            span=self._("Ideas %(first)s–%(last)s") % {"first": span[0], "last": span[1]}
            if span
            else None,
            decks=[
                self.deck(first, last)
                for first, last in self.decks()
                if span and first <= span[1] and last >= span[0]
            ],
        )

    def groups(self, section: Section) -> list[GroupView]:
        return [
            GroupView(
                id=group.id,
                anchor=group_anchor(group.id),
                title=self.text(group.title),
                stem=self.text(group.stem),
                ideas=[self.link(self.by_number[idea.number]) for idea in group.ideas],
            )
            for group in section.groups
        ]

    def overview(self, now: dt.datetime) -> OverviewView:
        links = [self.link(placed) for placed in self.placed]
        week = self.by_number[idea_of_the_week(now, len(self.placed))]
        local = now.astimezone(TIMEZONE) if now.tzinfo else now
        return OverviewView(
            sections=[self.section_link(s) for s in self.ideas.sections],
            ideas=links,
            week=WeekView(
                label=self._("Week %(week)s") % {"week": local.isocalendar().week},
                idea=self.link(week),
                text=self.text(week.idea.text),
                try_this_week=self.text(week.idea.try_this_week),
            ),
            chime=self.chime(list(CHIME_LABELS)),
            decks=[self.deck(first, last) for first, last in self.decks()],
            labels=self.labels(),
            credit=CREDIT,
        )

    def section(self, number: int) -> SectionView:
        sections = self.ideas.sections
        index = next(i for i, s in enumerate(sections) if s.number == number)
        section = sections[index]
        return SectionView(
            section=self.section_link(section),
            body=self.paragraphs(section.body),
            groups=self.groups(section),
            tables=self.tables(number),
            previous=self.section_link(sections[index - 1]) if index > 0 else None,
            next=self.section_link(sections[index + 1]) if index + 1 < len(sections) else None,
            labels=self.labels(),
            credit=CREDIT,
        )

    def tables(self, section: int) -> list[TableView]:
        _ = self._
        found = []
        contrasts = self.ideas.tables.contrasts
        if contrasts and contrasts.section == section:
            found.append(
                TableView(
                    id="tabel-forskelle",
                    caption=self.text(contrasts.caption),
                    head=[
                        self.own(_("Traditional approach")),
                        self.own(_("Recovery-oriented approach")),
                    ],
                    rows=[
                        (self.text(r.traditional), [self.text(r.recovery)]) for r in contrasts.rows
                    ],
                )
            )
        hope = self.ideas.tables.hope
        if hope and hope.section == section:
            found.append(
                TableView(
                    id="tabel-haab",
                    caption=self.text(hope.caption),
                    head=[None, *(self.text(c) for c in hope.columns)],
                    rows=[
                        (self.text(r.heading), [self.text(c) for c in r.cells]) for r in hope.rows
                    ],
                )
            )
        return found

    def paragraphs(self, value: Localized) -> list[Text]:
        whole = self.text(value)
        parts = [part.strip() for part in whole.text.split("\n\n") if part.strip()]
        return [Text(part, whole.lang, whole.dir, whole.foreign) for part in parts]

    def own(self, text: str) -> Text:
        return Text(text=text, lang=self.lang, dir=self.direction, foreign=False)

    def labels(self) -> dict[str, str]:
        """Words on idea pages and cards, in the language of the idea's text."""
        _ = self._
        return {
            "overview": _("100 ways to support recovery"),
            "example": _("Example"),
            "try": _("Try this in your team this week"),
            "about": _("About this idea"),
            "section": _("Section"),
            "group": _("Part of the section"),
            "chime": _("Recovery processes (CHIME)"),
            "tools": _("Tools and methods named in the booklet"),
            "related": _("Related ideas"),
            "pager": _("Previous and next idea"),
            "previous": _("Previous idea"),
            "next": _("Next idea"),
            "source": _("Source"),
            "danish": _("Danish edition"),
            "retold": _("Retold in our own words; the numbers are the booklet's."),
            "print": _(
                "Print on A4 paper, portrait, at actual size. Four cards fit on a sheet: cut along the dashed lines."
            ),
        }

    def idea(self, number: int) -> IdeaView:
        placed = self.by_number[number]
        idea = placed.idea
        index = self.placed.index(placed)
        group = next(g for g in self.groups(placed.section) if g.id == placed.group.id)
        return IdeaView(
            number=number,
            kicker=self._("Idea %(number)s") % {"number": number},
            title=self.text(idea.title),
            text=self.text(idea.text),
            example=self.text(idea.example),
            try_this_week=self.text(idea.try_this_week),
            section=self.section_link(placed.section),
            group=group,
            chime=self.chime(idea.chime),
            tools=list(idea.tools),
            related=[self.link(self.by_number[r]) for r in idea.related if r in self.by_number],
            previous=self.link(self.placed[index - 1]) if index > 0 else None,
            next=self.link(self.placed[index + 1]) if index + 1 < len(self.placed) else None,
            labels=self.labels(),
            credit=CREDIT,
        )

    def decks(self) -> list[tuple[int, int]]:
        return decks(len(self.placed))

    def deck(self, first: int, last: int) -> DeckLink:
        label = self._("Cards for ideas %(first)s–%(last)s") % {"first": first, "last": last}
        return DeckLink(label, deck_url(first, last))

    def cards(self, first: int, last: int) -> CardsView:
        _ = self._
        title = CREDIT.danish_title if self.lang == "da" else CREDIT.short_title
        cards = [
            Card(
                number=placed.number,
                title=self.text(placed.idea.title),
                text=self.text(placed.idea.text),
                prompt=self.text(placed.idea.try_this_week),
                source=_("From %(title)s by %(author)s, section %(section)s.")
                % {"title": title, "author": CREDIT.author, "section": placed.section.number},
            )
            for placed in self.placed
            if first <= placed.number <= last
        ]
        labels = self.labels()
        labels["title"] = _("Cards to print: ideas %(first)s–%(last)s") % {
            "first": first,
            "last": last,
        }
        return CardsView(
            sheets=[cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)],
            labels=labels,
            credit=CREDIT,
        )
