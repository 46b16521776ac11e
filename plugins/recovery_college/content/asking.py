"""Questions in a terminal, for school staff who are not programmers.

Each answer is checked as it is typed and asked again with the reason when it cannot be used,
so a wrong date costs one line, not every answer after it. Answers may also come as flags
(scripts, or stdin that is not a terminal): then nothing is asked, and a missing or wrong
flag is refused by its real name. Answers typed so far are kept in `Console.answers`, in the
form they are saved in a draft and given back as flags, so a stopped session loses nothing.
Input and output are parameters: tests type the answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from babel.dates import format_date

from recovery_college.content.messages import Messages

T = TypeVar("T")

DRAFTS = ".recovery-college"


class Invalid(ValueError):
    """An answer that cannot be used; the text (already translated) says why and what to type."""


class Stop(Exception):
    """The person pressed Ctrl-C or the input ended: the answers so far are to be saved."""


class Refused(Exception):
    """A flag that is missing or cannot be used where nothing is asked; the text names it."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class Question(Generic[T]):
    """One thing to ask. `key` is also the flag (`--key`) and the name in a draft."""

    key: str
    text: str
    parse: Callable[[str], T]
    default: str | None = None
    choices: Sequence[Choice] = ()
    several: bool = False  # choices: several numbers, separated by commas
    optional: bool = False  # an empty answer is allowed and gives None
    show: Callable[[T], str] | None = None  # said back after the answer, e.g. the weekday
    store: Callable[[T], str] = str  # the answer as it is saved and given back as a flag


@dataclass
class Console:
    """Asks questions one at a time, or takes the answers from flags where nothing is asked."""

    messages: Messages
    interactive: bool
    given: dict[str, str] = field(default_factory=dict)  # from flags: always used
    remembered: dict[str, str] = field(default_factory=dict)  # from a draft: shown as defaults
    read: Callable[[str], str] = input
    write: Callable[[str], None] = print
    answers: dict[str, str] = field(default_factory=dict)

    def say(self, msgid: str, /, **params: Any) -> str:
        return self.messages.say(msgid, **params)

    def ask(self, question: Question[T]) -> T | None:
        """The parsed answer (None for an empty optional one), or Refused / Stop."""
        flag = self.given.get(question.key)
        if flag is not None:
            try:
                return self._accept(question, flag)
            except Invalid as exc:
                if not self.interactive:
                    raise Refused(
                        self.say(
                            '--%(flag)s "%(value)s": %(problem)s',
                            flag=question.key,
                            value=flag,
                            problem=str(exc),
                        )
                    ) from None
                self.write(str(exc))
        if not self.interactive:
            default = self.remembered.get(question.key, question.default)
            if default is not None:
                return self._accept(question, default)
            if question.optional:
                return None
            raise Refused(
                self.say(
                    "--%(flag)s is missing (%(question)s).",
                    flag=question.key,
                    question=question.text,
                )
            )
        return self._ask(question)

    def _ask(self, question: Question[T]) -> T | None:
        default = self.remembered.get(question.key, question.default)
        shown = default
        if question.choices:
            self.write(question.text)
            for number, choice in enumerate(question.choices, 1):
                self.write(f"  {number}. {choice.label}")
            shown = self._numbers(question, default) if default else None
            prompt = (
                self.say("Write the numbers, separated by commas")
                if question.several
                else self.say("Write a number")
            )
        else:
            prompt = question.text
        if question.optional and not default:
            prompt += " " + self.say("(leave empty to skip)")
        prompt += f" [{shown}]: " if shown else ": "
        while True:
            try:
                typed = self.read(prompt).strip()
            except (KeyboardInterrupt, EOFError):
                self.write("")
                raise Stop from None
            answer = typed or default or ""
            if not answer and question.optional:
                self.answers[question.key] = ""
                return None
            if not answer:
                self.write(self.say("Please write an answer."))
                continue
            try:
                return self._accept(question, answer)
            except Invalid as exc:
                self.write(str(exc))

    def _accept(self, question: Question[T], answer: str) -> T | None:
        if not answer.strip() and question.optional:
            self.answers[question.key] = ""
            return None
        text = self._chosen(question, answer) if question.choices else answer.strip()
        value = question.parse(text)
        self.answers[question.key] = question.store(value)
        if self.interactive and question.show is not None:
            self.write("  → " + question.show(value))
        return value

    def _chosen(self, question: Question[Any], answer: str) -> str:
        """Numbers or values of the choices, as a comma-separated list of values."""
        parts = (
            [p for p in re.split(r"[,\s]+", answer.strip()) if p]
            if question.several
            else [answer.strip()]
        )
        values = []
        for part in parts:
            value = self._choice(question.choices, part)
            if value is None:
                question.parse(part)  # its own explanation, where it has one
                raise Invalid(self._not_a_choice(question, part))
            if value not in values:
                values.append(value)
        return ",".join(values)

    def _not_a_choice(self, question: Question[Any], part: str) -> str:
        if self.interactive:
            return self.say(
                '"%(answer)s" is not one of the choices. Write a number from 1 to %(count)s.',
                answer=part,
                count=len(question.choices),
            )
        return self.say(
            '"%(answer)s" is not one of the choices: %(values)s.',
            answer=part,
            values=", ".join(c.value for c in question.choices),
        )

    @staticmethod
    def _choice(choices: Sequence[Choice], part: str) -> str | None:
        if part.isdigit() and 1 <= int(part) <= len(choices):
            return choices[int(part) - 1].value
        for choice in choices:
            if part.casefold() in (choice.value.casefold(), choice.label.casefold()):
                return choice.value
        return None

    @staticmethod
    def _numbers(question: Question[Any], default: str) -> str:
        """A default given as values, shown as the numbers a person would type."""
        values = [v for v in default.split(",") if v] if question.several else [default]
        numbers = []
        for value in values:
            found = [i for i, c in enumerate(question.choices, 1) if c.value == value]
            numbers.append(str(found[0]) if found else value)
        return ",".join(numbers)

    def confirm(self, text: str, default: bool = True) -> bool:
        """A yes/no question; where nothing is asked, the default."""
        if not self.interactive:
            return default
        yes, no = self.say("y"), self.say("n")
        shown = f"{yes.upper()}/{no}" if default else f"{yes}/{no.upper()}"
        while True:
            try:
                typed = self.read(f"{text} [{shown}]: ").strip().casefold()
            except (KeyboardInterrupt, EOFError):
                self.write("")
                raise Stop from None
            if not typed:
                return default
            if typed in (yes, "y", "yes", self.say("yes")):
                return True
            if typed in (no, "n", "no", self.say("no")):
                return False
            self.write(self.say('Please answer "%(yes)s" or "%(no)s".', yes=yes, no=no))


# Dates as people write them: 2027-01-14, or day first as in Denmark: 14-01-2027, 14.01.2027,
# 14/1/2027, 14.1.27. They are written to files as ISO dates (YYYY-MM-DD).
DATE = re.compile(r"^(\d{1,4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,4})$")


def parse_date(text: str, messages: Messages) -> dt.date:
    found = DATE.match(text.strip())
    explain = messages.say(
        '"%(value)s" is not a date. Write day, month and year, for example 14-01-2027, '
        "14.01.2027 or 2027-01-14.",
        value=text,
    )
    if found is None:
        raise Invalid(explain)
    first, month, last = found.groups()
    if len(first) == 4:
        year, day = first, last
    elif len(first) <= 2 and len(last) in (2, 4):
        day, year = first, ("20" + last if len(last) == 2 else last)
    else:
        raise Invalid(explain)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid(
            messages.say(
                '"%(value)s" is not a real date: there is no day %(day)s in month %(month)s '
                "of %(year)s. Check the day and the month.",
                value=text,
                day=int(day),
                month=int(month),
                year=year,
            )
        ) from None


def long_date(day: dt.date, messages: Messages) -> str:
    """The date with its weekday, as the person reads it: "tirsdag den 12. januar 2027"."""
    return format_date(day, format="full", locale=messages.language)


TIME = re.compile(r"^(\d{1,2})(?:\s*[:.]\s*(\d{2}))?$")


def parse_time(text: str, messages: Messages) -> str:
    """A time of day as HH:MM; 13, 13.00, 9:30 are understood."""
    found = TIME.match(text.strip())
    if found is not None:
        hours, minutes = int(found.group(1)), int(found.group(2) or 0)
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise Invalid(
        messages.say(
            '"%(value)s" is not a time of day. Write hours and minutes, for example 13:00 or 9.30.',
            value=text,
        )
    )


def parse_number(text: str, messages: Messages, low: int, high: int) -> int:
    value = text.strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise Invalid(
            messages.say(
                '"%(value)s" is not a whole number from %(low)s to %(high)s.',
                value=text,
                low=low,
                high=high,
            )
        )
    return int(value)


def not_empty(text: str, messages: Messages) -> str:
    if not text.strip():
        raise Invalid(messages.say("Please write an answer."))
    return text.strip()


def draft_path(root: Path, command: str) -> Path:
    """Where a command's unfinished answers are kept, inside the project (not published)."""
    return root / DRAFTS / f"{command}-draft.yml"


def save_draft(root: Path, command: str, answers: dict[str, str]) -> Path:
    path = draft_path(root, command)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"command": command, "saved": dt.datetime.now().isoformat(timespec="minutes")}
    data["answers"] = answers  # type: ignore[assignment]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_draft(root: Path, command: str) -> dict[str, str] | None:
    """The saved answers, or None when there is no draft (or it cannot be read)."""
    path = draft_path(root, command)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return None
    return {str(k): "" if v is None else str(v) for k, v in answers.items()}


def drop_draft(root: Path, command: str) -> None:
    draft_path(root, command).unlink(missing_ok=True)
