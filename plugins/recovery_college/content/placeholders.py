"""Texts left for the editor to write, which the build refuses to publish.

`recovery-college new-course` and `new-term` cannot sensibly ask for everything (what people
get out of a course, the long description, next term's dates of a copied run). They write a
placeholder that starts with a marker, "UDFYLD:" on a Danish site ("FILL IN:" elsewhere), and
says what to write. Every string of every data file and front matter, and every line of a
page's Markdown, is searched for a marker here, once, for every kind of content: a text still
holding one is an error at its file, line and column, so a placeholder never reaches a reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from recovery_college.content.errors import ContentError
from recovery_college.content.messages import Messages, languages, mark
from recovery_college.content.yamlsource import KeyPath, LocatedYaml

# The English marker; each catalogue gives its language's (Danish: "UDFYLD:").
MARKER = mark("FILL IN:")
PROBLEM = mark(
    'this is still to be filled in: "%(text)s". Replace it, %(marker)s included, with what it '
    "asks for."
)


@cache
def markers() -> tuple[str, ...]:
    """The marker in every language messages are kept in (a site may be built on a PC set to
    another language than the one its placeholders were written in)."""
    found = {Messages.for_language(code).say(MARKER) for code in languages()}
    return tuple(sorted(found | {MARKER}))


def marker_for(lang: str) -> str:
    """The marker new placeholders are written with in a site whose main language is `lang`."""
    return Messages.for_language(lang).say(MARKER)


def holds_marker(text: str) -> str | None:
    """The marker the text holds, or None."""
    return next((m for m in markers() if m in text), None)


def _strings(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _problem(messages: Messages, text: str, marker: str) -> str:
    shown = text if len(text) <= 100 else text[:97] + "..."
    return messages.render(PROBLEM, {"text": shown, "marker": marker})


def in_yaml(located: LocatedYaml, messages: Messages) -> list[ContentError]:
    """Every placeholder among the strings of a YAML file or front matter."""
    found = []
    for path, text in _strings(located.data, ()):
        marker = holds_marker(text)
        if marker is not None:
            line, column = located.values.get(path, (1, 1))
            found.append(ContentError(located.path, line, column, _problem(messages, text, marker)))
    return found


def in_markdown(display: str, body: str, first_line: int, messages: Messages) -> list[ContentError]:
    """Every placeholder in a page's Markdown, at the line and column it starts."""
    found = []
    for number, line in enumerate(body.splitlines()):
        marker = holds_marker(line)
        if marker is not None:
            column = line.index(marker) + 1
            text = line[column - 1 :].strip()
            found.append(
                ContentError(display, first_line + number, column, _problem(messages, text, marker))
            )
    return found
