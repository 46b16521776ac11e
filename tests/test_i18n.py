"""UI words come from complete catalogues; dates from Babel in Danish local time."""

import datetime as dt

import pytest
from babel.messages.pofile import read_po

from recovery_college.content.languages import discover
from recovery_college.outputs.i18n import Dates, catalogue_path, load_translations
from support import REPO

THEME = REPO / "theme"


def template_ids() -> set[str]:
    with (THEME / "locale" / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


# Every language the example site is built in, from its configs: a new language's catalogue
# is checked as soon as its mkdocs.<code>.yml exists.
LANGUAGES = [language.code for language in discover(REPO)[0]]


def test_every_language_of_the_site_has_a_ui_catalogue():
    assert LANGUAGES[0] == "da" and len(LANGUAGES) >= 3
    for lang in LANGUAGES:
        assert catalogue_path(THEME, lang).is_file(), f"theme/locale/{lang} has no messages.po"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ui_word_is_translated(lang):
    with catalogue_path(THEME, lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {m.id for m in catalog if m.id and m.string}
    assert template_ids() - translated == set()


def test_catalogue_template_is_up_to_date():
    """Every msgid used in a template or module is in messages.pot (run pybabel extract)."""
    import re

    used: set[str] = set()
    for path in list((THEME).rglob("*.html")) + list((REPO / "plugins").rglob("*.py")):
        used |= set(re.findall(r"""\b(?:_|N_)\(\s*"([^"]+)"\s*[,)]""", path.read_text()))
        used |= set(re.findall(r"""\b(?:_|N_)\(\s*'([^']+)'\s*[,)]""", path.read_text()))
    assert used - template_ids() == set()


def test_translations_are_used():
    assert load_translations(THEME, "da").gettext("Help now") == "Hjælp nu"
    assert load_translations(THEME, "ar").gettext("Help now") == "مساعدة الآن"


def test_dates_in_each_language():
    day = dt.date(2027, 2, 2)
    assert Dates("da").date(day) == "tirsdag den 2. februar 2027"
    assert Dates("en").date(day, "long") == "February 2, 2027"
    assert Dates("da").weekday(day) == "tirsdag"


def test_times_are_in_copenhagen_time():
    summer = dt.datetime(2027, 6, 1, 11, 0, tzinfo=dt.UTC)
    assert Dates("da").time(Dates("da").local(summer)) == "13.00"
