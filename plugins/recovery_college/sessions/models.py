"""Front matter of a group session plan under content/<lang>/sessions/: the whole plan."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from recovery_college.content.messages import Problem
from recovery_college.content.models import Chime, Choices, NonEmpty, PageMeta, Strict

FacilitatorRole = Annotated[
    Literal["peer", "relative", "professional", "volunteer"],
    Choices(
        peer="Egen erfaring (peer)",
        relative="Erfaring som pårørende",
        professional="Fagperson",
        volunteer="Frivillig",
    ),
]
SessionModel = Annotated[
    Literal["group-theme", "group-activity", "one-to-one"],
    Choices(
        **{
            "group-theme": "Gruppe, temabaseret",
            "group-activity": "Gruppe, aktivitetsbaseret",
            "one-to-one": "Individuel, én til én",
        }
    ),
]


class Facilitator(Strict):
    model_config = ConfigDict(title="Facilitator")

    key: NonEmpty = Field(
        title="Nøgle",
        description="Et kort navn til facilitatoren, som trinene bruger under lead. "
        "Ikke all, som betyder alle.",
        examples=["peer"],
    )
    role: FacilitatorRole = Field(
        title="Baggrund",
        description="Facilitatorens baggrund. Den står efter titlen på planen.",
        examples=["peer"],
    )
    title: NonEmpty = Field(
        title="Titel",
        description="Facilitatorens rolle, som deltagerne kender den.",
        examples=["Peer-medarbejder"],
    )
    does: NonEmpty = Field(
        title="Opgaver",
        description="Hvad facilitatoren gør under mødet, i en eller to sætninger.",
        examples=["Leder check-in og check-out og fortæller om sin egen vej."],
    )


class Step(Strict):
    model_config = ConfigDict(title="Trin")

    title: NonEmpty = Field(
        title="Overskrift",
        description="Trinnets overskrift i dagsordenen.",
        examples=["Velkomst, rammer og check-in"],
    )
    minutes: int = Field(
        gt=0,
        title="Minutter",
        description="Hvor mange minutter trinnet varer. Alle trin skal tilsammen give "
        "mødets varighed.",
        examples=[15],
    )
    lead: NonEmpty = Field(
        title="Leder",
        description="Nøglen på den facilitator, der leder trinnet, eller all, hvis I leder det "
        "sammen.",
        examples=["peer"],
    )
    what: NonEmpty = Field(
        title="Det sker",
        description="Hvad der sker i trinnet, i få sætninger.",
        examples=["Peer-medarbejderen byder velkommen og gennemgår reglerne."],
    )


class GroupSize(Strict):
    model_config = ConfigDict(title="Gruppestørrelse")

    min: int = Field(
        ge=1,
        title="Mindst",
        description="Det mindste antal deltagere, mødet er lagt an på.",
        examples=[4],
    )
    max: int = Field(
        ge=1,
        title="Højst",
        description="Det største antal deltagere. Ikke mindre end min.",
        examples=[8],
    )

    @model_validator(mode="after")
    def _order(self) -> GroupSize:
        if self.max < self.min:
            raise Problem(
                "max (%(max)s) is smaller than min (%(min)s).", max=self.max, min=self.min
            )
        return self


class Series(Strict):
    """Where a plan sits in a series of meetings. `name` is the series' name in this page's
    language; without it, the name is taken from the parts' titles ("Fem veje 2: ...")."""

    model_config = ConfigDict(title="Serie")

    id: NonEmpty = Field(
        title="Id",
        description="Et kort, fast navn til serien. Alle dele af serien skriver det samme.",
        examples=["fem-veje"],
    )
    part: int = Field(
        ge=1,
        title="Del",
        description="Hvilken del af serien denne plan er, fra 1.",
        examples=[2],
    )
    of: int = Field(
        ge=1,
        title="Antal dele",
        description="Hvor mange dele serien har i alt. Det samme i alle dele.",
        examples=[5],
    )
    name: NonEmpty | None = Field(
        default=None,
        title="Seriens navn",
        description="Seriens navn på sidens sprog. Udelades det, tages navnet fra delenes titler.",
        examples=["Fem veje til trivsel"],
    )

    @model_validator(mode="after")
    def _part_within(self) -> Series:
        if self.part > self.of:
            raise Problem(
                'part %(part)s of a series of %(of)s parts: "part" cannot be larger than "of". '
                "Correct one of them.",
                part=self.part,
                of=self.of,
            )
        return self


class SessionMeta(PageMeta):
    """Front matter of a group session plan under content/<lang>/sessions/."""

    model_config = ConfigDict(title="Mødeplan")

    title: NonEmpty = Field(
        title="Titel",
        description="Mødets titel, kort og klar.",
        examples=["Efter en krise"],
    )
    aim: NonEmpty = Field(
        title="Formål",
        description="Hvad deltagerne får ud af mødet, skrevet til deltageren med »du«.",
        examples=["Du ser på, hvad der har hjulpet dig efter en svær tid."],
    )
    chime: list[Chime] = Field(
        min_length=1,
        title="Recovery-processer (CHIME)",
        description="De recovery-processer, mødet især støtter. Mindst én.",
        examples=[["hope", "identity"]],
    )
    model: SessionModel = Field(
        title="Form",
        description="Om det er et gruppemøde om et tema, et gruppemøde med en aktivitet "
        "eller en samtale én til én.",
        examples=["group-theme"],
    )
    duration: int = Field(
        gt=0,
        title="Varighed",
        description="Mødets længde i minutter. Trinenes minutter skal give det samme.",
        examples=[120],
    )
    group_size: GroupSize = Field(
        title="Gruppestørrelse",
        description="Hvor mange deltagere mødet er til: mindst (min) og højst (max).",
        examples=[{"min": 4, "max": 8}],
    )
    series: Series | None = Field(
        default=None,
        title="Serie",
        description="Kun hvis planen er en del af en serie af møder: seriens id, denne dels "
        "nummer og antal dele.",
        examples=[{"id": "fem-veje", "part": 2, "of": 5}],
    )
    facilitators: list[Facilitator] = Field(
        min_length=1,
        title="Facilitatorer",
        description="Dem, der leder mødet. Hver får en nøgle, som trinene bruger.",
        examples=[
            [
                {
                    "key": "peer",
                    "role": "peer",
                    "title": "Peer-medarbejder",
                    "does": "Leder check-in og check-out.",
                }
            ]
        ],
    )
    materials: list[NonEmpty] = Field(
        default_factory=list,
        title="Materialer",
        description="Det, der skal ligge klar. Én ting for hvert punkt.",
        examples=[["Navneskilte og tusser", "Kaffe, te og vand"]],
    )
    room: NonEmpty = Field(
        title="Lokalet",
        description="Hvordan lokalet skal være indrettet, og om der er et stille rum.",
        examples=["Stole i en rundkreds og et stille rum i nærheden."],
    )
    check_in: NonEmpty = Field(
        title="Check-in",
        description="Runden i starten: hvad hver deltager bliver bedt om at sige.",
        examples=["Sig dit navn, og hvor meget energi du har i dag fra 1 til 10."],
    )
    check_out: NonEmpty = Field(
        title="Check-out",
        description="Runden til sidst: hvad hver deltager bliver bedt om at sige.",
        examples=["Nævn én ting, du tager med herfra. Du må også sige pas."],
    )
    ground_rules: list[NonEmpty] = Field(
        min_length=1,
        title="Fælles regler",
        description="Gruppens regler. Én kort sætning for hver regel.",
        examples=[["Det, der bliver sagt her, bliver her.", "Du må altid sige pas."]],
    )
    right_to_pass: NonEmpty = Field(
        title="Retten til at sige pas",
        description="Sådan kan en deltager sige fra eller gå ud uden at forklare sig.",
        examples=["Du må altid sige pas eller gå ud, uden at du skal forklare hvorfor."],
    )
    safety: NonEmpty = Field(
        title="Tryghed og sikkerhed",
        description="Hvad facilitatorerne gør, hvis en deltager får det svært: "
        "hvem går med ud, og hvornår I ringer efter hjælp.",
        examples=["Medunderviseren går med ud. Er der fare for liv, ringer vi 112."],
    )
    steps: list[Step] = Field(
        min_length=1,
        title="Trin",
        description="Mødets dagsorden, trin for trin. Minutterne skal give mødets varighed.",
        examples=[
            [
                {
                    "title": "Velkomst og check-in",
                    "minutes": 15,
                    "lead": "peer",
                    "what": "Vi byder velkommen og tager en runde.",
                }
            ]
        ],
    )
    reflection_questions: list[NonEmpty] = Field(
        min_length=1,
        title="Spørgsmål at tænke over",
        description="Spørgsmål til deltagerarket, med plads til at skrive svar.",
        examples=[["Hvad har hjulpet dig, når det var svært?"]],
    )
    next_step: NonEmpty = Field(
        title="Næste lille skridt",
        description="En lille ting, deltageren kan gøre efter mødet. Den står på deltagerarket.",
        examples=["Vælg én ting fra dit kort, og gør den i løbet af ugen."],
    )
    sources: list[NonEmpty] = Field(
        default_factory=list,
        title="Kilder",
        description="Id'er på kilder fra content/data/sources.yml, som planen bygger på.",
        examples=[["000"]],
    )

    @model_validator(mode="after")
    def _consistent(self) -> SessionMeta:
        total = sum(step.minutes for step in self.steps)
        if total != self.duration:
            if total > self.duration:
                raise Problem(
                    "the steps add up to %(total)s minutes, %(diff)s more than the duration "
                    "(%(duration)s). Change a step's minutes or the duration.",
                    total=total,
                    diff=total - self.duration,
                    duration=self.duration,
                )
            raise Problem(
                "the steps add up to %(total)s minutes, %(diff)s less than the duration "
                "(%(duration)s). Change a step's minutes or the duration.",
                total=total,
                diff=self.duration - total,
                duration=self.duration,
            )
        keys = {f.key for f in self.facilitators} | {"all"}
        for step in self.steps:
            if step.lead not in keys:
                raise Problem(
                    'step "%(step)s" is led by "%(lead)s", which is not a facilitator key. '
                    "Use one of: %(keys)s.",
                    step=step.title,
                    lead=step.lead,
                    keys=", ".join(sorted(keys)),
                )
        return self
