"""Help lines come from one data file the school edits, never from templates or pages."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from recovery_college.outputs.feature import markdown_text
from recovery_college.school.models import HelpLines
from recovery_college.school.phones import linked, phone_numbers

MARKER = "<!-- helplines -->"


def markdown_list(helplines: HelpLines, lang: str) -> str:
    items = []
    for line in helplines.lines:
        items.append(
            # The name and the number are one link: a bigger target to tap. <bdi dir="ltr">:
            # "70 201 201" must not come out "201 201 70" in Arabic.
            f"- **[{markdown_text(line.name.get(lang))}: "
            f'<bdi dir="ltr">{line.number}</bdi>](tel:{line.tel})**  \n'
            f"  {markdown_text(line.when.get(lang))}. {markdown_text(line.what.get(lang))}"
        )
    return "\n".join(items)


def insert(markdown: str, helplines: HelpLines, lang: str) -> str:
    """Replace the marker a guide writer puts where the help lines belong."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, "\n" + markdown_list(helplines, lang) + "\n")


@dataclass(frozen=True)
class HelpLineView:
    name: str
    number: str
    tel: str
    when: Markup  # escaped, with numbers to call as phone links (phones.linked)
    what: Markup
    urgent: bool


@dataclass(frozen=True)
class HelpView:
    intro: Markup
    lines: list[HelpLineView]


def help_view(helplines: HelpLines, lang: str) -> HelpView:
    """Where to get help, from the one data file the help page also reads."""
    numbers = phone_numbers(helplines)
    return HelpView(
        intro=linked(helplines.intro.get(lang), numbers),
        lines=[
            HelpLineView(
                name=line.name.get(lang),
                number=line.number,
                tel=line.tel,
                when=linked(line.when.get(lang), numbers),
                what=linked(line.what.get(lang), numbers),
                urgent=line.urgent,
            )
            for line in helplines.lines
        ],
    )
