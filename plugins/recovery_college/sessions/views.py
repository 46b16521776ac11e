"""What the session pages show: the facilitator's page and the overview of all plans.

A plan is a Markdown page under content/<lang>/sessions/ whose front matter is a
`SessionMeta`. Its page shows the whole plan to facilitators; its handouts (normal and large
print) are staged for the PDF stage in the same language. A page not yet translated shows
the Danish plan and links the Danish handouts, so text and handout always match.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from recovery_college.content.loading import Page
from recovery_college.outputs.feature import BuildContext
from recovery_college.outputs.i18n import CHIME_LABELS, N_
from recovery_college.outputs.pageview import page_address
from recovery_college.school.helplines import HelpView, help_view
from recovery_college.school.models import School
from recovery_college.sessions import handouts
from recovery_college.sessions.models import SessionMeta

FOLDER = "sessions"
INDEX = f"{FOLDER}/index.md"
TEMPLATE = "session.html"
OVERVIEW_TEMPLATE = "sessions.html"
PARTICIPANT_TEMPLATE = "participant.html"

MODEL_LABELS = {
    "group-theme": N_("Group, theme-based"),
    "group-activity": N_("Group, activity-based"),
    "one-to-one": N_("One to one"),
}
ROLE_LABELS = {  # shown after the facilitator's own title, e.g. "Peer worker (lived experience)"
    "peer": N_("lived experience"),
    "relative": N_("lived experience as a relative"),
    "professional": N_("professional"),
    "volunteer": N_("volunteer"),
}


@dataclass(frozen=True)
class Plan:
    """One plan as this language shows it: its own translation or the Danish page."""

    slug: str
    meta: SessionMeta
    lang: str
    translated: bool

    @property
    def url(self) -> str:
        return f"{FOLDER}/{self.slug}/"

    @property
    def part(self) -> int:
        return self.meta.series.part if self.meta.series else 0

    @property
    def parts(self) -> int:
        return self.meta.series.of if self.meta.series else 0


@dataclass(frozen=True)
class PlanLink:
    title: str
    url: str
    lang: str
    part: int | None = None
    current: bool = False


@dataclass(frozen=True)
class SeriesView:
    name: str
    position: str
    parts: list[PlanLink]
    previous: PlanLink | None
    next: PlanLink | None


@dataclass(frozen=True)
class StepView:
    title: str
    what: str
    minutes: int
    time: str
    lead: str


@dataclass(frozen=True)
class FacilitatorView:
    title: str
    role: str
    does: str


@dataclass(frozen=True)
class HandoutLink:
    href: str
    lang: str
    large: bool


@dataclass(frozen=True)
class SessionView:
    meta: SessionMeta
    model: str
    duration: str
    group_size: str
    chime: list[str]
    facilitators: list[FacilitatorView]
    steps: list[StepView]
    series: SeriesView | None
    handout: HandoutLink
    large_print: HandoutLink
    help: HelpView
    participant_url: str = ""  # the page for participants, below the language root


@dataclass(frozen=True)
class PlanSummary:
    title: str
    url: str
    lang: str
    aim: str
    facts: str
    part: int | None


@dataclass(frozen=True)
class SeriesGroup:
    name: str
    size: str
    plans: list[PlanSummary]


@dataclass(frozen=True)
class SessionsOverview:
    series: list[SeriesGroup]
    single: list[PlanSummary]


def slug_of(rel: str) -> str | None:
    """The plan a page path belongs to, or None for other pages (and the index)."""
    if rel.startswith(FOLDER + "/") and rel.count("/") == 1 and rel != INDEX:
        return rel[len(FOLDER) + 1 : -3]
    return None


def plans_for(pages: dict[str, dict[str, Page]], default: str, lang: str) -> dict[str, Plan]:
    """Every plan shown in a language, with the Danish page where there is no translation."""
    found: dict[str, Plan] = {}
    own = pages.get(lang, {})
    for rel, page in sorted({**pages.get(default, {}), **own}.items()):
        slug = slug_of(rel)
        if slug is None or not isinstance(page.meta, SessionMeta):
            continue
        translated = rel in own
        found[slug] = Plan(slug, page.meta, lang if translated else default, translated)
    return found


def series_name(titles: list[tuple[int, str]]) -> str:
    """A series has no name field: take it from its parts' titles ("Five ways 2: Be active").

    Titles of the form "<name> <part>: <rest>" give <name>; otherwise the words all parts
    share; otherwise the title of the first part.
    """
    for part, title in titles:
        match = re.match(rf"^(.+?)\s+{part}\s*[:.–-]\s+\S", title)
        if match:
            return match.group(1).strip()
    if len(titles) > 1:
        prefix = posixpath.commonprefix([title for _, title in titles])
        prefix = prefix.rsplit(" ", 1)[0].rstrip(" :–-0123456789")
        if len(prefix) >= 3:
            return prefix
    return titles[0][1]


def demote_headings(markdown: str) -> str:
    """Facilitator notes sit under the page's own "Notes" heading: ## becomes ### and so on."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"#{1,5} ", line):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


class SessionViews:
    """What the session pages of one language show, worked out once per build."""

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self._ = ctx.gettext
        project = ctx.project
        self.plans = plans_for(project.pages, project.default.code, ctx.lang)

    def minutes(self, count: int) -> str:
        return self._("%(minutes)s minutes") % {"minutes": count}

    def facts(self, meta: SessionMeta) -> str:
        return " · ".join(
            (self._(MODEL_LABELS[meta.model]), self.minutes(meta.duration), self.group(meta))
        )

    def group(self, meta: SessionMeta) -> str:
        size = meta.group_size
        if meta.model == "one-to-one":
            return self._("One participant")
        if size.min == size.max:
            return self._("%(count)s participants") % {"count": size.min}
        return self._("%(min)s–%(max)s participants") % {"min": size.min, "max": size.max}

    def members(self, series_id: str) -> list[Plan]:
        found = [p for p in self.plans.values() if p.meta.series and p.meta.series.id == series_id]
        return sorted(found, key=lambda p: (p.part, p.slug))

    def series_title(self, series_id: str) -> str:
        """The series' name in this language, from its translated parts where there are any."""
        members = self.members(series_id)
        own = [p for p in members if p.translated] or members
        named = [p.meta.series.name for p in own if p.meta.series and p.meta.series.name]
        return named[0] if named else series_name([(p.part, p.meta.title) for p in own])

    def series(self, plan: Plan) -> SeriesView | None:
        info = plan.meta.series
        if info is None:
            return None
        members = self.members(info.id)
        parts = [
            PlanLink(p.meta.title, p.url, p.lang, p.part, p.slug == plan.slug) for p in members
        ]
        before = [link for link in parts if (link.part or 0) < info.part]
        after = [link for link in parts if (link.part or 0) > info.part]
        return SeriesView(
            name=self.series_title(info.id),
            position=self._("Part %(part)s of %(of)s") % {"part": info.part, "of": info.of},
            parts=parts,
            previous=before[-1] if before else None,
            next=after[0] if after else None,
        )

    def handout_link(self, plan: Plan, page_url: str, large: bool) -> HandoutLink:
        """Relative link from the page to the handout in the language of the plan's text."""
        language = self.ctx.project.language(plan.lang)
        target = language.prefix + handouts.files(plan.slug)[1 if large else 0]
        page_dir = posixpath.dirname(self.ctx.language.prefix + page_url) or "."
        return HandoutLink(posixpath.relpath(target, page_dir), plan.lang, large)

    def session(self, plan: Plan, page_url: str) -> SessionView:
        _ = self._
        meta = plan.meta
        leads = {f.key: f.title for f in meta.facilitators}
        steps, start = [], 0
        for step in meta.steps:
            end = start + step.minutes
            lead = _("Everyone") if step.lead == "all" else leads.get(step.lead, step.lead)
            steps.append(StepView(step.title, step.what, step.minutes, f"{start}–{end}", lead))
            start = end
        return SessionView(
            meta=meta,
            model=_(MODEL_LABELS[meta.model]),
            duration=self.minutes(meta.duration),
            group_size=self.group(meta),
            chime=[_(CHIME_LABELS[c]) for c in meta.chime],
            facilitators=[
                FacilitatorView(f.title, _(ROLE_LABELS[f.role]), f.does) for f in meta.facilitators
            ],
            steps=steps,
            series=self.series(plan),
            handout=self.handout_link(plan, page_url, large=False),
            large_print=self.handout_link(plan, page_url, large=True),
            help=help_view(self.ctx.project.part(School).helplines, plan.lang),
            participant_url=page_address(handouts.participant_page(plan.slug)),
        )

    def summary(self, plan: Plan) -> PlanSummary:
        part = plan.meta.series.part if plan.meta.series else None
        return PlanSummary(
            plan.meta.title, plan.url, plan.lang, plan.meta.aim, self.facts(plan.meta), part
        )

    def overview(self) -> SessionsOverview:
        groups: dict[str, list[Plan]] = {}
        single: list[PlanSummary] = []
        for plan in self.plans.values():
            if plan.meta.series:
                groups.setdefault(plan.meta.series.id, []).append(plan)
            else:
                single.append(self.summary(plan))
        series = []
        for series_id in groups:
            members = self.members(series_id)
            count = max(p.parts for p in members)
            series.append(
                SeriesGroup(
                    name=self.series_title(series_id),
                    size=self._("%(count)s meetings") % {"count": count},
                    plans=[self.summary(p) for p in members],
                )
            )
        return SessionsOverview(
            series=sorted(series, key=lambda g: g.name.casefold()),
            single=sorted(single, key=lambda s: s.title.casefold()),
        )
