"""YAML that remembers where every value came from.

PyYAML forgets line numbers once it has built Python objects; editors need them in every
message. We compose the node tree ourselves and keep a map from each value's path
(`("offerings", 3, "sessions")`) to its position in the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml

from recovery_college.content import yaml12
from recovery_college.content.errors import ContentError
from recovery_college.content.messages import Messages, mark
from recovery_college.content.parsestore import Kept, ParseStore
from recovery_college.content.yamlslips import diagnose

T = TypeVar("T")
Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

OPENING = re.compile(r"\A-{3}[ \t]*\n")
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)


@dataclass
class LocatedYaml:
    """Parsed YAML data plus the position of every value and mapping key in it."""

    path: str
    data: Any
    values: dict[KeyPath, Location] = field(default_factory=dict)
    keys: dict[KeyPath, Location] = field(default_factory=dict)
    # The text of each plain scalar as written, for messages: `no` is read as false and
    # `13:00` as a number, and an editor should see what they wrote.
    written: dict[KeyPath, str] = field(default_factory=dict)
    # Values that could not be read (a date that does not exist): already reported, so
    # validation does not report them again.
    broken: set[KeyPath] = field(default_factory=set)
    # False when a syntax error stopped reading: the data is missing or partial.
    whole: bool = True

    def locate(self, loc: tuple[Any, ...], *, key: bool = False) -> Location:
        """Best position for a pydantic error location: the deepest part that exists."""
        path: KeyPath = ()
        best = self.values.get((), (1, 1))
        for part in loc:
            candidate = (*path, part)
            if candidate in self.values:
                path = candidate
                best = self.values[path]
        if key and path in self.keys:
            return self.keys[path]
        return best


class _Composer:
    def __init__(self, path: str, line_offset: int, messages: Messages):
        self.path = path
        self.line_offset = line_offset
        self.messages = messages
        self.errors: list[ContentError] = []
        self.loader = yaml12.SafeLoader("")
        self.broken = False  # the last scalar could not be read

    def position(self, mark: yaml.Mark) -> Location:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def error(self, mark: yaml.Mark, message: str) -> None:
        line, column = self.position(mark)
        self.errors.append(ContentError(self.path, line, column, message))

    def build(self, node: yaml.Node, path: KeyPath, out: LocatedYaml) -> Any:
        out.values[path] = self.position(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                self.broken = False
                if key in result:
                    self.error(
                        key_node.start_mark,
                        self.messages.say(
                            '"%(key)s" appears twice here. Keep one of them and delete the other.',
                            key=key,
                        ),
                    )
                    continue
                out.keys[(*path, key)] = self.position(key_node.start_mark)
                result[key] = self.build(value_node, (*path, key), out)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), out) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and not node.style:
            out.written[path] = node.value
        value = self.scalar(node)
        if self.broken:
            out.broken.add(path)
            self.broken = False
        return value

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            self.broken = True
            value = getattr(node, "value", "")
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(
                    node.start_mark,
                    self.messages.say(
                        '"%(value)s" is not a real date. Write an existing date as YYYY-MM-DD, '
                        "for example 2027-02-28.",
                        value=value,
                    ),
                )
            else:
                self.error(
                    node.start_mark,
                    self.messages.say('"%(value)s" could not be read.', value=value),
                )
            return value


def parse_yaml(
    text: str, path: str, messages: Messages | None = None, *, line_offset: int = 0
) -> tuple[LocatedYaml, list[ContentError]]:
    """Parse YAML text; syntax errors come back as ContentErrors, never as exceptions.

    Messages are in the environment's language unless `messages` says otherwise."""
    messages = messages or Messages.from_environment()
    located = LocatedYaml(path=path, data=None)
    composer = _Composer(path, line_offset, messages)
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:  # a character no text file should hold
        located.whole = False
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        column = exc.position - (before.rfind("\n") + 1) + 1
        message = messages.say(
            "there is an invisible or control character here (code %(code)s) that a text file "
            "cannot hold. Delete it; if the text was pasted, type it again.",
            code=f"U+{exc.character:04X}" if isinstance(exc.character, int) else exc.character,
        )
        return located, [ContentError(path, line, column, message)]
    except yaml.MarkedYAMLError as exc:
        located.whole = False
        return located, [_syntax_error(exc, text, composer)]
    if node is not None:
        located.data = composer.build(node, (), located)
    return located, composer.errors


SYNTAX = mark("YAML error: %(problem)s. %(hint)s")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, composer: _Composer) -> ContentError:
    """The real cause where it is one of the usual slips (yamlslips), else PyYAML's words
    with a hint."""
    messages = composer.messages
    where = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").rstrip(".")
    if where is not None:
        slip = diagnose(text, problem, where.line, where.column, messages, composer.line_offset)
        if slip is not None:
            line = slip.line + 1 + composer.line_offset
            return ContentError(composer.path, line, slip.column + 1, slip.message)
    message = messages.say(
        SYNTAX,
        problem=syntax_problem(problem, messages),
        hint=syntax_hint(problem, messages),
    )
    if where is None:
        return ContentError(composer.path, 1 + composer.line_offset, 1, message)
    line, column = composer.position(where)
    return ContentError(composer.path, line, column, message)


def _compose(text: str) -> yaml.Node | None:
    """libyaml's parser is many times faster on large term files; on a syntax error the
    pure-Python parser runs again so the message (and its hint) is the one editors know."""
    fast = yaml12.CSafeLoader
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml12.SafeLoader)


# PyYAML's wording of the syntax errors editors meet; `%(name)s` stands for the part PyYAML
# fills in. They are translated; any other problem is shown as PyYAML words it.
PYYAML_PROBLEMS = (
    mark("mapping values are not allowed here"),
    mark("could not find expected ':'"),
    mark("found unexpected end of stream"),
    mark("sequence entries are not allowed here"),
    mark("mapping keys are not allowed here"),
    mark("found unexpected document separator"),
    mark("but found another document"),
    mark("found character %(char)s that cannot start any token"),
    mark("found unknown escape character %(char)s"),
    mark("found undefined alias %(name)s"),
    mark("expected alphabetic or numeric character, but found %(char)s"),
    mark("expected <block end>, but found %(found)s"),
    mark("expected ',' or ']', but got %(found)s"),
    mark("expected ',' or '}', but got %(found)s"),
    mark("expected the node content, but found %(found)s"),
)


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)s", msgid)
    return re.compile(
        "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+)" for i, part in enumerate(parts)
        )
    )


_PROBLEM_PATTERNS = [(_pattern(msgid), msgid) for msgid in PYYAML_PROBLEMS]


def syntax_problem(problem: str, messages: Messages) -> str:
    if not problem:
        return messages.say("the YAML is not well formed")
    for pattern, msgid in _PROBLEM_PATTERNS:
        match = pattern.fullmatch(problem)
        if match:
            return messages.render(msgid, match.groupdict())
    return problem


def syntax_hint(problem: str, messages: Messages) -> str:
    if "mapping values are not allowed" in problem:
        return messages.say('A value contains ": ". Put the whole value in double quotes.')
    if "found character '\\t'" in problem or "tab" in problem:
        return messages.say("Use spaces, not tabs, to indent.")
    if "could not find expected ':'" in problem:
        return messages.say(
            'Each line needs "name: value"; check the line above for a missing colon or quote.'
        )
    return messages.say(
        "Check indentation (spaces only), colons and quotes on this line and the line above."
    )


NOT_UTF8 = mark(
    "the file is not saved as UTF-8 (the text here is in another encoding, such as "
    'Windows-1252). Open it in your editor, choose "Save as" with the encoding '
    '"UTF-8", and build again.'
)


class Unreadable(ValueError):
    """A file that is not UTF-8 text; `error` says where and how to save it again."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def read_source(path: Path, display: str, messages: Messages | None = None) -> str:
    """A content file's text, read the one way every file is read: UTF-8 with or without a
    byte-order mark (Windows editors write one), any line ending as a plain line break.
    Any other encoding raises `Unreadable`, naming the first byte that is not UTF-8."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].replace(b"\r\n", b"\n")
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        messages = messages or Messages.from_environment()
        error = ContentError(display, line, column, messages.say(NOT_UTF8))
        raise Unreadable(error) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(
    file: Path, display: str, messages: Messages | None = None
) -> tuple[LocatedYaml, list[ContentError]]:
    try:
        text = read_source(file, display, messages)
    except Unreadable as exc:
        return LocatedYaml(path=display, data=None, whole=False), [exc.error]
    return parse_yaml(text, display, messages)


@dataclass
class ParseCache:
    """Parsed files kept while they are unchanged on disk (same size and modification time).

    The preview loads the whole project again on every save, though a save changes one file;
    re-parsing the rest was a fifth of the editor's wait. Callers must not change what they
    get back: the next build gets the same objects.

    With a `store` (parsestore.py), a file this process has not parsed yet is taken from the
    last process's parse of the same bytes, and `keep` writes the files parsed or checked
    anew for the next one.
    """

    entries: dict[tuple[Path, str], tuple[tuple[int, int], Any]] = field(default_factory=dict)
    derived: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict)
    store: ParseStore | None = None
    _files: dict[str, Path] = field(default_factory=dict)  # a parsed file by its name
    _new: set[Path] = field(default_factory=set)  # files parsed or checked since `keep`

    def parse(
        self,
        path: Path,
        how: str,
        read: Callable[[Path], str],
        parse: Callable[[str], T],
        unreadable: Callable[[ContentError], T],
        name: str,
    ) -> T:
        """`parse(read(path))` of the file, or the result it gave last time; `unreadable(error)`
        when the file cannot be read as text. `how` names the parser, as one file may be read
        two ways; `name` is the file as messages name it, and as `derive` is told."""
        self._files[name] = path

        def made() -> T:
            kept = self._stored(path, how)
            if kept is not None:
                return cast(T, kept)
            self._new.add(path)
            try:
                return parse(read(path))
            except Unreadable as exc:
                return unreadable(exc.error)

        return self._while_unchanged(path, how, made)

    def _while_unchanged(self, path: Path, how: str, make: Callable[[], T]) -> T:
        """`make()` for the file, or what it gave last time if the file is unchanged."""
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        found = self.entries.get((path, how))
        if found is not None and found[0] == stamp:
            return found[1]
        result = make()
        self.entries[(path, how)] = (stamp, result)
        return result

    def _stored(self, path: Path, how: str) -> Any:
        """The parse the store kept of these bytes, with what was checked from it; None.
        A kept check is used only with the very parse it was made from (`derive`)."""
        if self.store is None or not path.is_relative_to(self.store.root):
            return None
        kept = self.store.read(path, self.digest(path))
        if kept is None or how not in kept.parses:
            return None
        self.derived.update(kept.derived)
        return kept.parses[how]

    def derive(self, name: str, source: Any, how: str, make: Callable[[], T]) -> T:
        """`make()`, a value computed from `source` (a parse of file `name` this cache
        returned) and nothing else that changes, kept while the cache returns that same
        parse: validating every unchanged page again was a tenth of a preview rebuild."""
        key = (name, how)
        found = self.derived.get(key)
        if found is not None and found[0] is source:
            return found[1]
        value = make()
        self.derived[key] = (source, value)
        if name in self._files:
            self._new.add(self._files[name])
        return value

    def digest(self, path: Path) -> bytes:
        """A digest of the file's bytes, kept like a parse. The build's fingerprint of its
        inputs and each language's render cache read every file of the project: 0.3 s a
        language at the benchmark's size, now done once by the driver (engine/freshness.py)."""
        return self._while_unchanged(
            path, "digest", lambda: hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
        )

    def keep(self) -> None:
        """Write to the store the files parsed or checked anew since the last `keep`, each
        with the digest of the bytes it was parsed from."""
        store = self.store
        if store is None:
            return
        files: dict[Path, Kept] = {}
        for (path, how), (stamp, result) in self.entries.items():
            digest = self.entries.get((path, "digest"))
            if how == "digest" or path not in self._new or digest is None:
                continue
            if digest[0] == stamp and path.is_relative_to(store.root):  # a digest of these bytes
                files.setdefault(path, Kept(digest[1], {})).parses[how] = result
        for (name, how), derived in self.derived.items():
            kept = files.get(self._files[name]) if name in self._files else None
            if kept is not None:
                kept.derived[(name, how)] = derived
        for path, kept in files.items():
            store.write(path, kept)
        store.prune({path for path, how in self.entries if path.is_relative_to(store.root)})
        self._new.clear()


# The process's parse cache: the driver (engine/build.py) parses the whole project before it
# starts the language builds, and where the system forks them (Linux) each starts with the
# driver's parsed files instead of parsing every file again (0.8 s of CPU a language at the
# benchmark's size). Entries are checked against the file on disk before they are used.
SHARED = ParseCache()


@dataclass
class FrontMatter:
    """The YAML block at the top of a Markdown page and the Markdown after it."""

    yaml: LocatedYaml
    body: str
    body_line: int


def split_front_matter(
    text: str, path: str, messages: Messages | None = None
) -> tuple[FrontMatter, list[ContentError]]:
    match = FRONT_MATTER.match(text)
    if not match:
        empty = LocatedYaml(path=path, data={}, values={(): (1, 1)})
        if OPENING.match(text):
            empty.whole = False
            messages = messages or Messages.from_environment()
            message = messages.say(
                'the front matter that begins with "---" on this line is not closed. Add a '
                'line with only "---" after its last field, before the text of the page.'
            )
            return FrontMatter(empty, text, 1), [ContentError(path, 1, 1, message)]
        return FrontMatter(empty, text, 1), []
    located, errors = parse_yaml(match.group(1) or "", path, messages, line_offset=1)
    if located.data is None:
        located.data = {}
        located.values[()] = (1, 1)
    body_line = text[: match.end()].count("\n") + 1
    return FrontMatter(located, text[match.end() :], body_line), errors
