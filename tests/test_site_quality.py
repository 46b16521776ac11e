"""The built example site as a whole: every core kind of page exists in every language, every
link inside the site leads somewhere, and every page is HTML that parses without errors and
that the Nu HTML Checker (W3C) passes without an error or a warning."""

from __future__ import annotations

import pytest
import quality

from recovery_college.content.languages import discover
from support import REPO

LANGUAGES, _ = discover(REPO)


def test_core_page_types_exist_in_every_language(example_site):
    missing = [
        f"{lang.code}: {page_type.name} page /{lang.prefix}{page_type.path}"
        for lang in LANGUAGES
        for page_type in quality.PAGE_TYPES
        if page_type.core and quality.resolve(example_site, lang.prefix, page_type) is None
    ]
    if missing:
        pytest.fail("Missing from the built site:\n" + "\n".join(missing), pytrace=False)


def test_every_link_inside_the_site_resolves(example_site):
    report = quality.check_links(example_site)
    if report.broken:
        pytest.fail(
            f"{len(report.broken)} broken links:\n" + "\n".join(report.broken), pytrace=False
        )
    assert report.checked > 1000, "the checker found hardly any links: is the site empty?"
    assert report.kinds.get(".ics", 0) > 0, "the calendar (.ics) links were not checked"


def html_pages(site):
    return sorted(site.rglob("*.html"))


def test_every_page_is_html_without_parse_errors(example_site):
    pages = html_pages(example_site)
    errors = [error for page in pages for error in quality.html_errors(example_site, page)]
    if errors:
        pytest.fail(
            f"{len(errors)} HTML errors (html5lib, strict):\n" + "\n".join(errors[:100]),
            pytrace=False,
        )
    assert len(pages) > 3 * len(LANGUAGES)


def test_the_nu_html_checker_finds_nothing_on_any_page(example_site):
    if why := quality.vnu_missing():
        pytest.skip(why)
    pages = html_pages(example_site)
    problems = quality.vnu_problems(example_site, pages)
    if problems:
        pytest.fail(
            f"{len(problems)} problems the Nu HTML Checker finds on {len(pages)} pages:\n"
            + "\n".join(problems[:100]),
            pytrace=False,
        )
