"""Typed models for the site's data files and for the front matter of every page type.

Field names are the words editors type, so they stay short, lowercase and stable. Every model
forbids unknown fields: a misspelt field is an error with its line, not a silent no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PrivateAttr,
    RootModel,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from recovery_college.content.messages import Problem


class Choices:
    """The Danish titles of a fixed set of ids, for people choosing one in an editor.

    Files keep the stable ids (`hope`); the JSON Schemas and the browser editor's drop-downs
    show the titles ("Håb og optimisme"). Put it in `Annotated[Literal[...], Choices(...)]`,
    one title for every id."""

    def __init__(self, **titles: str):
        self.titles = titles

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        ids = schema.get("enum") or ([schema["const"]] if "const" in schema else [])
        missing = [value for value in ids if value not in self.titles]
        if missing:
            raise ValueError(f"Choices has no title for {missing}")
        schema["x-titles"] = {value: self.titles[value] for value in ids}
        return schema


Chime = Annotated[
    Literal["connectedness", "hope", "identity", "meaning", "empowerment"],
    Choices(
        # The site's own words for them (theme/locale/da, CHIME_LABELS in outputs/i18n.py).
        connectedness="Forbundethed",
        hope="Håb og optimisme",
        identity="Identitet",
        meaning="Mening med tilværelsen",
        empowerment="Empowerment",
    ),
]
CHIME: tuple[str, ...] = ("connectedness", "hope", "identity", "meaning", "empowerment")
NonEmpty = Annotated[str, Field(min_length=1)]
# The parts of a page MkDocs Material can hide (`hide:` in a page's front matter).
Hide = Annotated[
    Literal["navigation", "toc", "footer", "path", "tags"],
    Choices(
        navigation="Menuen",
        toc="Indholdsfortegnelsen",
        footer="Sidefoden",
        path="Stien øverst (brødkrummer)",
        tags="Emneord",
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class LocalText:
    """A text and the language it is really in, which is Danish where no translation exists:
    templates put that language on the element, so a screen reader reads it in Danish."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


class Localized(RootModel[dict[str, NonEmpty]]):
    """A text in several languages, keyed by language code; the site's reference language
    (`default_language` in the validation context, from mkdocs.yml) is required."""

    model_config = ConfigDict(title="Tekst på flere sprog")

    root: dict[str, NonEmpty] = Field(
        title="Tekst på flere sprog",
        description="Én linje for hvert sprog: sprogkoden, kolon og teksten. "
        "Dansk skal altid være med og står først (da: ...).",
        examples=[{"da": "Forår 2027", "en": "Spring 2027", "ar": "ربيع 2027"}],
    )
    _default: str = PrivateAttr("")

    @field_validator("root")
    @classmethod
    def _reference_first(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        default = (info.context or {}).get("default_language")
        if default == "da" and "da" not in value:
            raise Problem('the Danish text is missing. Add a line "da: ..." (Danish comes first).')
        if default and default not in value:
            raise Problem(
                'the text in the site\'s main language is missing. Add a line "%(code)s: ..." '
                "(it comes first).",
                code=default,
            )
        return value

    def model_post_init(self, context: Any, /) -> None:
        default = (context or {}).get("default_language") if isinstance(context, dict) else None
        self._default = default or next(iter(self.root), "")

    @property
    def default_lang(self) -> str:
        """The language a missing translation falls back to: the site's reference language."""
        return self._default

    def get(self, lang: str) -> str:
        return self.root.get(lang) or self.root[self._default]

    def has(self, lang: str) -> bool:
        return lang in self.root

    def text(self, lang: str) -> LocalText:
        found = lang if self.root.get(lang) else self._default
        return LocalText(self.root[found], found)


class Address(Strict):
    model_config = ConfigDict(title="Adresse")

    street: NonEmpty = Field(
        title="Vej og nummer",
        description="Vejnavn og husnummer, som på et brev.",
        examples=["Skolegade 12"],
    )
    postcode: NonEmpty = Field(
        title="Postnummer",
        description="Postnummeret i anførselstegn, så det bliver læst som tekst.",
        examples=["8999"],
    )
    city: NonEmpty = Field(
        title="By",
        description="Byen, der hører til postnummeret.",
        examples=["Eksempelby"],
    )

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class PageMeta(Strict):
    """Front matter every page may carry."""

    # Whether a page missing in another language is shown there in the default language,
    # with a notice. A kind whose pages are written for one language's readers says no.
    fallback: ClassVar[bool] = True
    model_config = ConfigDict(title="Side")

    title: NonEmpty | None = Field(
        default=None,
        title="Titel",
        description="Sidens overskrift. Den står også i fanebladet og i søgeresultater.",
        examples=["Din første dag på skolen"],
    )
    summary: NonEmpty | None = Field(
        default=None,
        title="Kort om siden",
        description="Én eller to sætninger om, hvad siden handler om. "
        "Den bruges i oversigter og i søgeresultater.",
        examples=["Sådan foregår din første dag, og hvem du møder."],
    )
    source_hash: NonEmpty | None = Field(
        default=None,
        title="Fingeraftryk af den danske side",
        description="Kun i oversættelser. Skriv det ikke selv: "
        "kommandoen recovery-college translations --stamp sætter det, "
        "når oversættelsen passer til den danske side.",
        examples=["e3b39e1147fa"],
    )
    template: NonEmpty | None = Field(
        default=None,
        title="Skabelon",
        description="Navnet på en skabelon i theme/, hvis siden skal se anderledes ud. "
        "Lad feltet være væk på almindelige sider.",
        examples=["search.html"],
    )
    hide: list[Hide] = Field(
        default=[],
        title="Skjul dele af siden",
        description="De dele af siden, der ikke skal vises. Lad feltet være væk for at vise alt.",
        examples=[["toc"]],
    )
