"""Loading the school's data files, and the pages every site must have."""

from __future__ import annotations

from recovery_college.content.errors import ContentError
from recovery_college.content.loading import DataFile, Kind, Loader, Pages
from recovery_college.content.messages import mark
from recovery_college.school.models import HelpLines, School, SiteFacts
from recovery_college.school.statement import AccessibilityStatement

# Pages every page links to from its header or footer: a missing one would be a broken link
# on every page of the site.
REQUIRED_PAGES = {
    "guides/hjaelp-nu.md": mark('the "Help now" link in the header of every page'),
    "privatliv.md": mark('the "Privacy" link in the footer of every page'),
}


def load(loader: Loader, pages: Pages) -> School | None:
    facts = loader.data("site.yml", SiteFacts)
    helplines = loader.data("helplines.yml", HelpLines)
    statement = loader.data("accessibility.yml", AccessibilityStatement)
    check_required_pages(loader, loader.page_files.get(loader.default_language, set()))
    if facts is None or helplines is None or statement is None:
        return None
    return School(facts=facts, helplines=helplines, statement=statement)


def check_required_pages(loader: Loader, found: set[str]) -> None:
    """The pages exist as files; a mistake inside one is reported there, not as missing."""
    for rel, linked_from in REQUIRED_PAGES.items():
        if rel not in found:
            path = loader.root / "content" / loader.default_language / rel
            loader.errors.append(
                ContentError(
                    loader.display(path),
                    1,
                    1,
                    loader.say(
                        "the page is missing; %(linked_from)s leads to it. Create it "
                        "(the example site has one to start from).",
                        linked_from=loader.messages.render(linked_from),
                    ),
                )
            )


KIND = Kind(
    name="school",
    load=load,
    files=(
        DataFile("site.yml", SiteFacts, "Skolens oplysninger"),
        DataFile("helplines.yml", HelpLines, "Hjælpelinjer"),
        DataFile("accessibility.yml", AccessibilityStatement, "Tilgængelighedserklæring"),
    ),
)
