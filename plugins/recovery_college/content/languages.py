"""The languages a site is built in, found from its MkDocs config files.

Adding a language is a file `mkdocs.<code>.yml` next to `mkdocs.yml`, a folder
`content/<code>/` and a catalogue `theme/locale/<code>/LC_MESSAGES/messages.po`; no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from recovery_college.content.messages import Messages, mark
from recovery_college.content.yamlsource import (
    NOT_UTF8,
    SYNTAX,
    Unreadable,
    read_source,
    syntax_hint,
    syntax_problem,
)

DEFAULT_CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str
    config_file: Path
    is_default: bool

    @property
    def prefix(self) -> str:
        """URL path of this language's root below the site root ('' for the default)."""
        return "" if self.is_default else f"{self.code}/"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing or failing on tags such as !!python/name."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)
_LenientLoader.add_multi_constructor("!", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}


class LanguageConfigError(ValueError):
    """A language's config file that cannot be built as it is: an unknown code (a typo, most
    often), a file name and `theme.language` that disagree, or a direction that is neither
    ltr nor rtl. `msgid` and `params` are the message for the editor (content.messages)."""

    def __init__(self, config_file: Path, line: int, column: int, msgid: str, **params: object):
        super().__init__(msgid % params)
        self.config_file = config_file
        self.line = line
        self.column = column
        self.msgid = msgid
        self.params = params


UNKNOWN = mark(
    'the language code "%(code)s" is not known. Use a two-letter code such as da, en, '
    "ar, uk or so, in the file name (mkdocs.<code>.yml) and under theme: language."
)
NO_LANGUAGE = mark(
    'there is no "language:" under "theme:". Add the code of the language this file builds, '
    'for example "language: %(code)s".'
)
MISMATCH = mark(
    'the file name says "%(code)s" but "theme: language:" says "%(declared)s". '
    'Write "language: %(code)s" under "theme:", or rename the file to mkdocs.%(declared)s.yml.'
)
BAD_DIRECTION = mark(
    '"direction: %(direction)s" is not a text direction. Write "direction: ltr" (left to '
    'right) or "direction: rtl" (right to left, as in Arabic).'
)


@dataclass(frozen=True)
class ThemeSettings:
    """`theme.language` and `theme.direction` of one config file, with where they are."""

    language: str | None
    direction: str | None
    language_at: tuple[int, int]  # line and column of the value (or of `theme:`, or 1:1)
    direction_at: tuple[int, int]


def theme_settings(path: Path, messages: Messages | None = None) -> ThemeSettings:
    """The language settings a config file itself writes (an inherited value is not here).
    A file that cannot be read is described in the language of `messages`."""
    try:
        text = read_source(path, path.name, messages)
    except Unreadable as exc:
        line, column = exc.error.line, exc.error.column
        raise LanguageConfigError(path, line, column, NOT_UTF8) from None
    try:
        root = yaml.compose(text, Loader=_LenientLoader)
    except yaml.MarkedYAMLError as exc:  # a slip while editing the file: say where and what
        raise _syntax_error(path, exc, messages or Messages.from_environment()) from None
    found: dict[str, tuple[str, tuple[int, int]]] = {}
    theme_at = (1, 1)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "theme" and isinstance(value, yaml.MappingNode):
                theme_at = (key.start_mark.line + 1, key.start_mark.column + 1)
                for inner, setting in value.value:
                    if inner.value in ("language", "direction") and isinstance(
                        setting, yaml.ScalarNode
                    ):
                        at = (setting.start_mark.line + 1, setting.start_mark.column + 1)
                        found[inner.value] = (str(setting.value), at)
    language, language_at = found.get("language", (None, theme_at))
    direction, direction_at = found.get("direction", (None, theme_at))
    return ThemeSettings(language, direction, language_at, direction_at)


def _syntax_error(path: Path, exc: yaml.MarkedYAMLError, messages: Messages) -> LanguageConfigError:
    problem = (exc.problem or "").rstrip(".")
    where = exc.problem_mark or exc.context_mark
    line, column = (where.line + 1, where.column + 1) if where is not None else (1, 1)
    return LanguageConfigError(
        path,
        line,
        column,
        SYNTAX,
        problem=syntax_problem(problem, messages),
        hint=syntax_hint(problem, messages),
    )


def language_name(code: str, in_language: str) -> str:
    """The name of the language `code` as `in_language` writes it ("arabisk" in Danish), from
    Babel's locale data; the code itself where Babel knows no name for it."""
    try:
        return Locale.parse(code).get_display_name(in_language) or code
    except (UnknownLocaleError, ValueError):
        return code


def describe(code: str, config_file: Path, settings: ThemeSettings, is_default: bool) -> Language:
    """A language from its code and what its config file says (`theme_settings`)."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        line, column = settings.language_at
        raise LanguageConfigError(config_file, line, column, UNKNOWN, code=code) from None
    direction = settings.direction or locale.text_direction
    if direction not in ("ltr", "rtl"):
        line, column = settings.direction_at
        raise LanguageConfigError(config_file, line, column, BAD_DIRECTION, direction=direction)
    name = locale.get_display_name(code) or code
    return Language(
        code=code,
        name=name[:1].upper() + name[1:],
        direction=direction,
        config_file=config_file,
        is_default=is_default,
    )


def discover(
    root: Path, messages: Messages | None = None
) -> tuple[list[Language], list[LanguageConfigError]]:
    """Default language first, then the others in alphabetical order of their code, and the
    problems of config files that cannot be built (their languages are left out), in the
    language of `messages`."""
    main = root / DEFAULT_CONFIG
    problems: list[LanguageConfigError] = []
    try:
        settings = theme_settings(main, messages)
    except LanguageConfigError as exc:
        return [], [exc]
    if settings.language is None:
        line, column = settings.language_at
        problems.append(LanguageConfigError(main, line, column, NO_LANGUAGE, code="da"))
        return [], problems
    try:
        languages = [describe(settings.language, main, settings, True)]
    except LanguageConfigError as exc:
        return [], [exc]
    for extra in sorted(root.glob("mkdocs.*.yml")):
        code = extra.name.split(".")[1]
        if code == settings.language:
            continue
        try:
            declared = theme_settings(extra, messages)
        except LanguageConfigError as exc:
            problems.append(exc)
            continue
        if declared.language != code:
            line, column = declared.language_at
            if declared.language is None:
                problem = LanguageConfigError(extra, line, column, NO_LANGUAGE, code=code)
            else:
                problem = LanguageConfigError(
                    extra, line, column, MISMATCH, code=code, declared=declared.language
                )
            problems.append(problem)
            continue
        try:
            languages.append(describe(code, extra, declared, False))
        except LanguageConfigError as exc:
            problems.append(exc)
    return languages, problems
