"""Languages come from the config files: a new one by following the README, mistakes in them
as content errors with file:line, and the default language as one setting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recovery_college.assembly import load_project
from recovery_college.content.errors import ContentErrors
from recovery_college.content.languages import discover
from recovery_college.content.messages import Messages
from recovery_college.engine.build import build_site
from support import REPO


def add_language(root: Path, code: str, rtl: bool = False) -> None:
    """The README's "Add a language", step by step, as a school would do it by hand."""
    # 1. Copy mkdocs.en.yml to mkdocs.<code>.yml and change the code (and direction: rtl).
    text = (root / "mkdocs.en.yml").read_text(encoding="utf-8")
    text = text.replace("content/en", f"content/{code}").replace("site/en", f"site/{code}")
    text = text.replace("language: en", f"language: {code}")
    if rtl:
        text = text.replace("direction: ltr", "direction: rtl")
    (root / f"mkdocs.{code}.yml").write_text(text, encoding="utf-8")
    # 2. Create content/<code>/ and translate pages into it, same file names as in content/da/.
    (root / "content" / code).mkdir()
    danish = (root / "content" / "da" / "index.md").read_text(encoding="utf-8")
    (root / "content" / code / "index.md").write_text(
        danish.replace("title:", "title: (" + code + ")", 1), encoding="utf-8"
    )
    # 3. Copy the English UI catalogue and translate the msgstr lines (left English here).
    catalogue = root / "theme" / "locale" / code / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    shutil.copy(root / "theme" / "locale" / "en" / "LC_MESSAGES" / "messages.po", catalogue)


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.build
def test_a_fourth_and_fifth_language_by_following_the_readme(project: Path):
    add_language(project, "uk")
    add_language(project, "fa", rtl=True)
    report = build_site(project)
    assert set(report.pages) == {"da", "ar", "en", "fa", "uk"}
    site = project / "site"
    home = page(site, "uk/index.html")
    assert '<html lang="uk" dir="ltr"' in home
    assert 'hreflang="uk"' in page(site, "index.html")  # the Danish page links its sibling
    persian = page(site, "fa/index.html")
    assert '<html lang="fa" dir="rtl"' in persian
    # A page not translated into Persian is the Danish text, marked as Danish and left to right.
    guide = page(site, "fa/guides/gruppen/index.html")
    assert 'id="rc-main" tabindex="-1" lang="da" dir="ltr"' in guide


def test_the_default_language_is_the_one_mkdocs_yml_names(project: Path):
    """An English-first school: texts in data files must then have English, not Danish."""
    main = project / "mkdocs.yml"
    text = main.read_text("utf-8").replace("language: da", "language: en")
    main.write_text(text.replace("content/da", "content/en"), "utf-8")
    (project / "mkdocs.en.yml").rename(project / "mkdocs.da.yml")
    danish = project / "mkdocs.da.yml"
    danish.write_text(danish.read_text("utf-8").replace("en", "da"), "utf-8")
    project_languages = [language.code for language in load_project_languages(project)]
    assert project_languages == ["en", "ar", "da"]
    site = project / "content" / "data" / "site.yml"
    site.write_text(site.read_text("utf-8").replace(", en: Testby Municipality", ""), "utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    report = str(raised.value)
    assert (
        'content/data/site.yml:5:8: "owner": the text in the site\'s main language is missing. '
        'Add a line "en: ..." (it comes first).'
    ) in report
    # The English course pages are the reference now: an offering names the English file.
    assert "content/en/courses/cafe.md does not exist" in report


def load_project_languages(root: Path):
    languages, problems = discover(root)
    assert problems == []
    return languages


def test_a_config_whose_name_and_language_differ_is_a_content_error(project: Path):
    config = project / "mkdocs.en.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: de"), "utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    line = config.read_text("utf-8").splitlines().index("  language: de") + 1
    assert str(raised.value).splitlines()[0] == (
        f'mkdocs.en.yml:{line}:13: the file name says "en" but "theme: language:" says "de". '
        'Write "language: en" under "theme:", or rename the file to mkdocs.de.yml.'
    )


def test_a_config_without_a_language_says_where_to_write_it(project: Path):
    config = project / "mkdocs.ar.yml"
    text = config.read_text("utf-8").replace("  language: ar\n", "")
    config.write_text(text, "utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    assert 'mkdocs.ar.yml:4:1: there is no "language:" under "theme:". Add the code' in str(
        raised.value
    )


def test_a_config_that_is_not_valid_yaml_is_named_at_its_line(project: Path):
    """A bracket left open while editing mkdocs.en.yml: a message with the place, no traceback."""
    config = project / "mkdocs.en.yml"
    config.write_text(config.read_text("utf-8") + "\nextra_css: [\n", "utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    lines = config.read_text("utf-8").splitlines()
    first = str(raised.value).splitlines()[0]
    assert first.startswith(f"mkdocs.en.yml:{len(lines) + 1}:1: YAML error: ")
    assert "Check indentation (spaces only), colons and quotes" in first
    # Told in Danish, the whole message is Danish, hint included, whatever the environment.
    with pytest.raises(ContentErrors) as raised:
        load_project(project, messages=Messages.for_language("da"))
    first = str(raised.value).splitlines()[0]
    assert first.startswith(f"mkdocs.en.yml:{len(lines) + 1}:1: Fejl i YAML: ")
    assert "Tjek indrykningen (kun mellemrum)" in first


def test_a_wrong_direction_is_named(project: Path):
    config = project / "mkdocs.ar.yml"
    config.write_text(config.read_text("utf-8").replace("direction: rtl", "direction: right"))
    with pytest.raises(ContentErrors) as raised:
        load_project(project)
    assert '"direction: right" is not a text direction' in str(raised.value)


def test_direction_in_the_config_is_used(project: Path):
    """The README tells a school to set `direction:`; it must have an effect."""
    config = project / "mkdocs.en.yml"
    config.write_text(config.read_text("utf-8").replace("direction: ltr", "direction: rtl"))
    assert load_project(project).language("en").direction == "rtl"


def test_the_example_site_names_its_languages_in_its_configs():
    codes = [language.code for language in load_project(REPO).languages]
    assert codes == ["da", "ar", "en"]
