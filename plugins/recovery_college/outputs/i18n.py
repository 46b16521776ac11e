"""UI words from gettext catalogues, dates and times from Babel's locale data.

Catalogues live as plain `.po` files under `theme/locale/` so translators edit one file per
language; they are compiled in memory at build time, so no compiled `.mo` file is committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from recovery_college.content.settings import TIMEZONE


def N_(message: str) -> str:
    """Marks a UI word for the catalogue; it is translated where it is shown."""
    return message


# The five recovery processes (CHIME, content.models.Chime) as readers see them.
CHIME_LABELS = {
    "connectedness": N_("Connectedness"),
    "hope": N_("Hope and optimism"),
    "identity": N_("Identity"),
    "meaning": N_("Meaning in life"),
    "empowerment": N_("Empowerment"),
}


def catalogue_path(theme_dir: Path, lang: str) -> Path:
    return theme_dir / "locale" / lang / "LC_MESSAGES" / "messages.po"


def load_translations(theme_dir: Path, lang: str) -> NullTranslations:
    path = catalogue_path(theme_dir, lang)
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


class Dates:
    """Date and time formatting for one language, always in Danish local time.

    Each answer is kept: a large school's thousand offerings repeat the same few hundred days
    and times, and Babel takes about 50 microseconds a date (a third of the catalogue's views).
    """

    def __init__(self, lang: str):
        self.lang = lang
        self._known: dict[tuple, str] = {}

    def _once(self, key: tuple, make: Callable[[], str]) -> str:
        if key not in self._known:
            self._known[key] = make()
        return self._known[key]

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(TIMEZONE) if moment.tzinfo else moment.replace(tzinfo=TIMEZONE)

    def date(self, day: dt.date, form: str = "full") -> str:
        return self._once(("date", day, form), lambda: format_date(day, form, locale=self.lang))

    def day_month(self, day: dt.date) -> str:
        return self._once(
            ("day_month", day), lambda: format_skeleton("MMMMd", day, locale=self.lang)
        )

    def weekday(self, day: dt.date) -> str:
        return self._once(("weekday", day), lambda: format_date(day, "EEEE", locale=self.lang))

    def time(self, moment: dt.time | dt.datetime) -> str:
        return self._once(
            ("time", moment), lambda: format_time(moment, format="short", locale=self.lang)
        )
