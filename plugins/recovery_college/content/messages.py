"""Content error messages in the editor's own language, with gettext.

The people who read these messages are school staff, not programmers, and most of them read
Danish best. The language follows the standard gettext environment variables, as for any
command-line tool: the first non-empty one of LANGUAGE (a colon-separated list), LC_ALL,
LC_MESSAGES and LANG, and in it the first language that has a catalogue; `C`, `POSIX` or no
catalogue at all give English. A Danish PC (LANG=da_DK.UTF-8) so gets Danish messages.

The English text is the msgid itself, so English needs no catalogue. Catalogues are plain `.po`
files in `locale/<lang>/LC_MESSAGES/errors.po` beside this module (not theme/locale, which
holds the site's own words), compiled in memory like the site's. Placeholders are Python's
`%(name)s`. A message is written where it is raised, as a literal that extraction can find:
`messages.say("...", name=value)`, `messages.plural("...", "...", n, count=n)`,
`Problem("...", name=value)` in pydantic validators, `mark("...")` for a text translated later.

After adding or changing messages, regenerate the template from the project folder with

    .venv/bin/pybabel extract -F babel-errors.cfg --no-default-keywords -k say -k plural:1,2 \
        -k Problem -k mark --no-location --omit-header --sort-output \
        -o plugins/recovery_college/locale/errors.pot .

bring the catalogues up to date with

    .venv/bin/pybabel update -D errors -i plugins/recovery_college/locale/errors.pot \
        -d plugins/recovery_college/locale --no-fuzzy-matching

and translate the new entries. tests/test_messages.py fails while any message lacks a Danish
translation.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALE = Path(__file__).parents[1] / "locale"
DOMAIN = "errors"
SOURCE_LANGUAGE = "en"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# The functions whose first arguments (both, for plural) are msgids; see the docstring.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "say": None,
    "plural": (1, 2),
    "Problem": None,
    "mark": None,
}


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> set[str]:
    """Languages that messages can be shown in: English and every language with a catalogue."""
    return {SOURCE_LANGUAGE} | {
        path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    }


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language gettext would choose: `da_DK.UTF-8` gives `da`, `C` gives English."""
    environ = os.environ if environ is None else environ
    value = next((environ[name] for name in ENVIRONMENT if environ.get(name)), "")
    known = languages()
    for item in value.split(":"):
        name = item.split(".", 1)[0].split("@", 1)[0].strip()
        if name in ("C", "POSIX"):
            return SOURCE_LANGUAGE
        for code in (name, name.split("_", 1)[0]):
            if code in known:
                return code
    return SOURCE_LANGUAGE


def mark(msgid: str) -> str:
    """Marks a text to translate later with `Messages.render`, for constants at module level."""
    return msgid


def _fill(text: str, params: Mapping[str, Any]) -> str:
    return text % params if params else text


@dataclass(frozen=True)
class Messages:
    """The messages of one load in one language; make one with `from_environment()`."""

    language: str = SOURCE_LANGUAGE
    translations: NullTranslations = field(
        default_factory=NullTranslations, compare=False, repr=False
    )

    @classmethod
    def for_language(cls, lang: str) -> Messages:
        path = catalogue_path(lang)
        if lang == SOURCE_LANGUAGE or not path.exists():
            return cls(SOURCE_LANGUAGE)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return cls(lang, Translations(fp=buffer, domain=DOMAIN))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Messages:
        return cls.for_language(language_from_environment(environ))

    def say(self, msgid: str, /, **params: Any) -> str:
        """The message in this language, its `%(name)s` placeholders filled in."""
        return self.render(msgid, params)

    def plural(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        text = self.translations.ngettext(singular, plural, n)
        try:
            return _fill(text, params)
        except (KeyError, ValueError, TypeError):
            return _fill(singular if n == 1 else plural, params)

    def render(self, msgid: str, params: Mapping[str, Any] | None = None) -> str:
        """A msgid that was written elsewhere (a `Problem`, a `mark`ed constant), translated."""
        params = params or {}
        try:
            return _fill(self.translations.gettext(msgid), params)
        except (KeyError, ValueError, TypeError):
            # A placeholder broken in a translation must not hide the message: say it in English.
            return _fill(msgid, params)

    def decimal(self, value: float) -> str:
        """A measurement with one decimal, written the way this language writes it."""
        return format_decimal(value, format="0.0", locale=self.language)


class Problem(ValueError):
    """A validator's complaint, raised in a pydantic model and translated when it is reported.

    Pydantic keeps the exception in the error's context; `validation` translates it there.
    `str()` gives the English text, so the message reads well wherever it is not translated.
    """

    def __init__(self, msgid: str, /, **params: Any):
        super().__init__(msgid, tuple(sorted(params.items())))

    @property
    def msgid(self) -> str:
        return self.args[0]

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.args[1])

    def __str__(self) -> str:
        return _fill(self.msgid, self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_problem, (self.msgid, self.params))

    def translated(self, messages: Messages) -> str:
        return messages.render(self.msgid, self.params)


def _problem(msgid: str, params: dict[str, Any]) -> Problem:
    return Problem(msgid, **params)
