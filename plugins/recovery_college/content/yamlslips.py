"""The real cause of a YAML syntax error, for the slips editors make most.

PyYAML says where it got stuck, which is often a line after the slip, in words about its own
grammar ("mapping values are not allowed here" for one space too many). When the parser has
stopped, we look at the lines around that place for the usual slips, in this order: a tab, a
quote that is not closed, a colon without a space after it, a line indented differently from
the line above. The first that fits names the cause at the line where it is; when none fits,
the caller keeps PyYAML's words with a general hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recovery_college.content.messages import Messages

# A line's indentation, the "- " of list items, an optional key, and what follows.
LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[^\s#:\"'][^:#]*?):(?=\s|$))?")
# A key written without a space after its colon: "capacity:12".
NO_SPACE = re.compile(r"^(?P<lead> *(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
# A value that starts with a quote: after "key: ", after "- ", or at the start of the line.
QUOTED = re.compile(r"^ *(?:- +)*(?:[^\s#:\"'][^:#]*?: +)?(?P<quote>[\"'])")
# Schemes a line of plain text may start with: "mailto:a@b.dk" in a list is not a slip.
SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Slip:
    """A cause found: where it is (0-based, in the text parsed) and what to say."""

    line: int
    column: int
    message: str


def diagnose(
    text: str, problem: str, line: int, column: int, messages: Messages, line_offset: int = 0
) -> Slip | None:
    """The slip behind a syntax error PyYAML reported at `line`, `column` (0-based); the
    text starts `line_offset` lines into its file (front matter), for line numbers said."""
    lines = text.split("\n")
    if not 0 <= line < len(lines) + 1:
        return None
    return (
        _tab(problem, line, column, messages)
        or _unclosed_quote(lines, line, messages)
        or _missing_space(lines, line, messages)
        or _colon_in_value(lines, problem, line, column, messages)
        or _indentation(lines, problem, line, column, messages, line_offset)
    )


def _tab(problem: str, line: int, column: int, messages: Messages) -> Slip | None:
    if "'\\t'" not in problem:
        return None
    return Slip(
        line,
        column,
        messages.say(
            "there is a tab character here. YAML files are indented with spaces only: "
            "delete the tab and type spaces instead."
        ),
    )


def _closing(line: str, start: int, quote: str) -> int | None:
    """Where the quoted text that opens at `start` closes on the same line, if it does."""
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2  # '' is a quote inside single quotes
                continue
            return i
        i += 1
    return None


def _closing_line(lines: list[str], number: int, start: int, quote: str) -> int | None:
    """The line where quoted text that opens at `start` of line `number` closes, if any."""
    if _closing(lines[number], start, quote) is not None:
        return number
    for later in range(number + 1, len(lines)):
        if _closing(lines[later], -1, quote) is not None:
            return later
    return None


def _unclosed_quote(lines: list[str], line: int, messages: Messages) -> Slip | None:
    """The last value up to the error that opens a quote, does not close it on its line,
    and runs on to where the parser stopped (or to the end): a quote left open swallows the
    lines after it. A value that runs over lines in quotes and closes earlier is not it."""
    for number in range(min(line, len(lines) - 1), -1, -1):
        text = lines[number]
        match = QUOTED.match(text)
        if match is None:
            continue
        start = match.start("quote")
        if _closing(text, start, match["quote"]) is not None:
            continue
        closes = _closing_line(lines, number, start, match["quote"])
        if closes is None or closes >= line:
            return Slip(
                number,
                start,
                messages.say(
                    "the quote %(quote)s that begins here is not closed. Add %(quote)s at the "
                    "end of the value.",
                    quote=match["quote"],
                ),
            )
    return None


def _content_line(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` with content (not blank, not only a comment)."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _missing_space(lines: list[str], line: int, messages: Messages) -> Slip | None:
    """ "capacity:12" is read as one word; PyYAML stumbles on the line after it."""
    above = _content_line(lines, line)
    for number in (line, above):
        if number is None or number >= len(lines):
            continue
        match = NO_SPACE.match(lines[number])
        if match is None or match["key"].lower() in SCHEMES:
            continue
        key, value = match["key"], match["value"].rstrip()
        return Slip(
            number,
            match.end("key") + 1,
            messages.say(
                'there must be a space after the colon in "%(written)s". Write '
                '"%(key)s: %(value)s".',
                written=f"{key}:{value}",
                key=key,
                value=value,
            ),
        )
    return None


def _colon_in_value(
    lines: list[str], problem: str, line: int, column: int, messages: Messages
) -> Slip | None:
    """ "title: Håb: et kursus": the second ": " reads as a new field."""
    if "mapping values are not allowed" not in problem or line >= len(lines):
        return None
    match = LINE.match(lines[line])
    if match is None or match["key"] is None or column <= match.end("key"):
        return None
    key = match["key"]
    value = lines[line][match.end("key") + 1 :].strip()
    if '"' in value:
        return None
    return Slip(
        line,
        match.end("key") + 2,
        messages.say(
            'the value of "%(key)s" has a colon and a space in it (": "), which YAML reads as '
            'the start of a new field. Put the whole value in double quotes: %(key)s: "%(value)s"',
            key=key,
            value=value,
        ),
    )


def _key_column(text: str) -> int | None:
    """Where a line's content starts, after its indentation and any "- "."""
    match = LINE.match(text)
    if match is None or not text.strip():
        return None
    return len(match["indent"]) + len(match["dashes"])


def _levels(lines: list[str], line: int) -> set[int]:
    """The columns that open a level above `line`: keys and list dashes still in force."""
    levels: set[int] = set()
    for text in lines[:line]:
        match = LINE.match(text)
        if match is None or not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(match["indent"])
        levels = {level for level in levels if level < indent}
        levels.add(indent)
        column = indent
        for dash in re.findall(r"- +", match["dashes"]):
            column += len(dash)
            levels.add(column)
    return levels


def _indentation(
    lines: list[str], problem: str, line: int, column: int, messages: Messages, line_offset: int
) -> Slip | None:
    """A line that does not line up with the line above, nor with any level it could close."""
    above = _content_line(lines, line)
    if above is None or line >= len(lines):
        return None
    here, there = _key_column(lines[line]), _key_column(lines[above])
    match, above_match = LINE.match(lines[line]), LINE.match(lines[above])
    if match is not None and match["dashes"] and above_match is not None:
        # A list item lines up its "-" with the "-" (or the field) above it.
        here = len(match["indent"])
        there = len(above_match["indent"]) if above_match["dashes"] else there
    if here is None or there is None or here == there:
        return None
    if "mapping values are not allowed" in problem:
        # PyYAML stops at the colon of the key on the line indented too far; a colon later
        # in the line is a value with ": " in it, which is another slip.
        if here < there or match is None or match["key"] is None:
            return None
        if column != match.end("key"):
            return None
        if above_match is None or above_match["key"] is None:
            return None
    elif here < there and here in _levels(lines, above + 1):
        return None  # a line may go back to the level of a key above; the slip is elsewhere
    spaces = len(lines[line]) - len(lines[line].lstrip(" "))
    return Slip(
        line,
        spaces,
        messages.say(
            "this line starts in column %(here)s, the line above (line %(above)s) in column "
            "%(there)s. Lines at the same level must start in the same column: add or remove "
            "spaces so they line up.",
            here=here + 1,
            above=above + 1 + line_offset,
            there=there + 1,
        ),
    )
