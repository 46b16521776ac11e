"""The languages a site is built in, found from its MkDocs config files.

Adding a language is a file `mkdocs.<code>.yml` next to `mkdocs.yml`, a folder
`content/<code>/` and a catalogue `theme/locale/<code>/LC_MESSAGES/messages.po`; no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

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


class UnknownLanguage(ValueError):
    """A config file names a language code Babel does not know (a typo, most often)."""

    def __init__(self, code: str, config_file: Path):
        super().__init__(code)
        self.code = code
        self.config_file = config_file


def describe(code: str, config_file: Path, is_default: bool) -> Language:
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(code, config_file) from None
    name = locale.get_display_name(code) or code
    return Language(
        code=code,
        name=name[:1].upper() + name[1:],
        direction=locale.text_direction,
        config_file=config_file,
        is_default=is_default,
    )


def discover(root: Path) -> list[Language]:
    """Default language first, then the others in alphabetical order of their code."""
    main = root / DEFAULT_CONFIG
    default_code = (read_config(main).get("theme") or {}).get("language", "da")
    languages = [describe(default_code, main, True)]
    for extra in sorted(root.glob("mkdocs.*.yml")):
        code = extra.name.split(".")[1]
        if code != default_code:
            languages.append(describe(code, extra, False))
    return languages
