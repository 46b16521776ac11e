"""Turn pydantic's validation errors into messages a school editor can act on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from recovery_college.content.errors import ContentError
from recovery_college.content.messages import Messages, Problem
from recovery_college.content.yamlsource import LocatedYaml

M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M],
    source: LocatedYaml,
    messages: Messages,
    **context: Any,
) -> tuple[M | None, list[ContentError]]:
    """Validate located YAML against a model; return the model or the errors, never raise.

    A value the YAML reader already reported (a date that does not exist) is not reported
    again."""
    try:
        return model.model_validate(source.data, context=context or None), []
    except ValidationError as exc:
        return None, [
            _to_content_error(model, source, err, messages)
            for err in exc.errors()
            if not _on_broken(source, _clean_loc(source, tuple(err.get("loc", ()))))
        ]


def _on_broken(source: LocatedYaml, loc: tuple[Any, ...]) -> bool:
    return any(loc[: len(path)] == path for path in source.broken)


def closest(
    value: str, choices: Iterable[str], names: Mapping[str, str] | None = None
) -> str | None:
    """The choice an editor most likely meant by `value`: a near spelling ("kafe" for
    "cafe"), the start of one ("prof"), or the id whose Danish title has that word ("håb"
    for "hope", titled "Håb og optimisme")."""
    choices = list(choices)
    wanted = value.strip().lower()
    if not wanted or not choices:
        return None
    for choice in choices:
        name = (names or {}).get(choice, "").lower()
        words = re.findall(r"\w+", name)
        if words and (wanted in (name, words[0]) or (len(wanted) >= 4 and wanted in words)):
            return choice
    found = difflib.get_close_matches(wanted, [c.lower() for c in choices], n=1, cutoff=0.6)
    if found:
        return next(c for c in choices if c.lower() == found[0])
    starts = [c for c in choices if len(wanted) >= 3 and c.lower().startswith(wanted)]
    return starts[0] if len(starts) == 1 else None


def field_label(loc: tuple[Any, ...], messages: Messages | None = None) -> str:
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        elif isinstance(part, str) and (part.isidentifier() or "-" in part):
            label += ("." if label else "") + part
    return label or (messages or Messages.from_environment()).say("the file")


def _clean_loc(source: LocatedYaml, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's internal union and validator names so the location reads like the file."""
    kept: list[Any] = []
    for part in loc:
        candidate = (*kept, part)
        if (
            candidate in source.values
            or isinstance(part, int)
            or (isinstance(part, str) and "[" not in part and "(" not in part)
        ):
            kept.append(part)
    return tuple(kept)


def _found(value: Any, messages: Messages, written: str | None = None) -> str:
    if written is not None and not isinstance(value, (dict, list)):
        value = written  # what the editor wrote, not what YAML made of it (no -> False)
    if value is None:
        return messages.say("nothing")
    if isinstance(value, dict):
        return messages.say("a group of fields")
    if isinstance(value, list):
        return messages.say("a list")
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


def _expected(ctx: dict[str, Any], messages: Messages) -> str:
    """Pydantic lists allowed values as "'a', 'b' or 'c'"; the "or" is translated."""
    expected = ctx.get("expected")
    if expected is None:
        return messages.say("see the README")
    expected = str(expected)
    if " or " not in expected:
        return expected
    items, last = expected.rsplit(" or ", 1)
    return messages.say("%(items)s or %(last)s", items=items, last=last)


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Walk the model along a location to list the field names allowed where an extra one stood."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None) or {}
    return [info.alias or name for name, info in fields.items()]


def _annotation(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type the model expects at a location, following fields and list items; a field's
    own metadata (a `Choices`) is kept, as `Annotated`."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, RootModel):
            current = current.model_fields["root"].annotation
        if isinstance(part, int):
            current = _item_type(current)
        else:
            inner = _inner_model(current)
            fields = getattr(inner, "model_fields", None) or {}
            if part not in fields:
                return None
            info = fields[part]
            current = info.annotation
            if info.metadata:
                current = Annotated[current, *info.metadata]
        if current is None:
            return None
    return current


def _item_type(annotation: Any) -> Any:
    if get_origin(annotation) is list:
        return get_args(annotation)[0]
    for arg in get_args(annotation):
        if get_origin(arg) is list:
            return get_args(arg)[0]
    return None


def _literals(annotation: Any) -> tuple[list[str], dict[str, str]]:
    """The allowed values of a Literal type, also inside a list or an optional field, and
    their Danish titles where the type has `Choices`."""
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)], {}
    titles: dict[str, str] = {}
    if get_origin(annotation) is Annotated:
        for extra in annotation.__metadata__:
            titles.update(getattr(extra, "titles", None) or {})
    for arg in get_args(annotation):
        values, inner = _literals(arg)
        if values:
            return values, {**inner, **titles}
    return [], {}


def _allowed(values: list[str], names: Mapping[str, str], messages: Messages) -> str:
    """ "'hope' – Håb og optimisme, ... or 'meaning' – ...": the ids with their titles."""
    shown = [f"'{v}' – {names[v]}" if names.get(v) else f"'{v}'" for v in values]
    if len(shown) == 1:
        return shown[0]
    return messages.say("%(items)s or %(last)s", items=", ".join(shown[:-1]), last=shown[-1])


def _not_allowed(
    label: str, found: Any, values: list[str], names: Mapping[str, str], messages: Messages
) -> str:
    text = str(found)
    message = messages.say(
        '"%(label)s" is %(found)s; allowed: %(allowed)s.',
        label=label,
        found=_found(text, messages),
        allowed=_allowed(values, names, messages),
    )
    suggestion = closest(text, values, names)
    if suggestion is not None:
        message += " " + messages.say("Did you mean %(suggestion)s?", suggestion=suggestion)
    return message


def _not_a_list(
    label: str, found: Any, values: list[str], names: Mapping[str, str], messages: Messages
) -> str:
    """A list of ids written as one word: `chime: hope` or `chime: håb`."""
    text = str(found)
    suggestion = text if text in values else closest(text, values, names)
    message = messages.say(
        '"%(label)s" must be a list in square brackets, such as %(name)s: [%(example)s].',
        label=label,
        name=label.rsplit(".", 1)[-1],
        example=suggestion or values[0],
    )
    if text not in values:
        message += " " + messages.say(
            "%(found)s is not one of the allowed values: %(allowed)s.",
            found=_found(text, messages),
            allowed=_allowed(values, names, messages),
        )
        if suggestion is not None:
            message += " " + messages.say("Did you mean %(suggestion)s?", suggestion=suggestion)
    return message


# What YAML (1.2, content.yaml12) reads as true or false, or as a number, in a text field.
YAML_BOOLEANS = re.compile(r"^(?:true|false)$", re.I)
YAML_NUMBER = re.compile(r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def _not_text(label: str, written: str | None, found: str, messages: Messages) -> str:
    """A text field holding what YAML read as something else: say why, with the fix."""
    if written is not None and YAML_BOOLEANS.match(written):
        return messages.say(
            '"%(label)s" must be text, but YAML reads %(written)s as a yes/no value. Put it '
            'in double quotes: "%(written)s".',
            label=label,
            written=written,
        )
    if written is not None and YAML_NUMBER.match(written):
        return messages.say(
            '"%(label)s" must be text, but YAML reads %(written)s as a number. Put it in '
            'double quotes: "%(written)s".',
            label=label,
            written=written,
        )
    return messages.say(
        '"%(label)s" must be text, found %(found)s. Put the text in double quotes.',
        label=label,
        found=found,
    )


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _message(
    model: type[BaseModel],
    loc: tuple[Any, ...],
    err: Any,
    messages: Messages,
    written: str | None = None,
) -> str:
    kind = err["type"]
    label = field_label(loc, messages)
    say = messages.say
    ctx = err.get("ctx") or {}
    found = _found(err.get("input"), messages, written)
    if kind == "missing":
        name = label.rsplit(".", 1)[-1]
        return say(
            '"%(label)s" is missing. Add a line "%(name)s: ..." here.', label=label, name=name
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        if allowed:
            return say(
                'unknown field "%(label)s". Check the spelling or remove it. Allowed here: '
                "%(allowed)s.",
                label=label,
                allowed=", ".join(allowed),
            )
        return say('unknown field "%(label)s". Check the spelling or remove it.', label=label)
    if kind in {"string_type", "str_type"}:
        return _not_text(label, written, found, messages)
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return say('"%(label)s" must be a whole number, found %(found)s.', label=label, found=found)
    if kind in {"bool_type", "bool_parsing"}:
        return say('"%(label)s" must be true or false, found %(found)s.', label=label, found=found)
    if kind.startswith("date") or kind.startswith("datetime"):
        return say(
            '"%(label)s" must be a date written as YYYY-MM-DD, found %(found)s.',
            label=label,
            found=found,
        )
    if kind.startswith("time"):
        return say(
            '"%(label)s" must be a time written as HH:MM in quotes, for example "13:00", '
            "found %(found)s.",
            label=label,
            found=found,
        )
    values, names = _literals(_annotation(model, loc))
    if kind == "literal_error" and values:
        return _not_allowed(label, err.get("input"), values, names, messages)
    if kind == "list_type" and values and isinstance(err.get("input"), (str, int, float)):
        return _not_a_list(label, err.get("input"), values, names, messages)
    if kind in {"literal_error", "enum"}:
        return say(
            '"%(label)s" is %(found)s; allowed: %(allowed)s.',
            label=label,
            found=found,
            allowed=_expected(ctx, messages),
        )
    if kind == "list_type":
        return say(
            '"%(label)s" must be a list (one "- item" per line), found %(found)s.',
            label=label,
            found=found,
        )
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return say(
            '"%(label)s" must be a group of "name: value" lines, found %(found)s.',
            label=label,
            found=found,
        )
    if kind in {"greater_than_equal", "greater_than"}:
        return say(
            '"%(label)s" must be at least %(limit)s, found %(found)s.',
            label=label,
            limit=ctx.get("ge", ctx.get("gt")),
            found=found,
        )
    if kind in {"less_than_equal", "less_than"}:
        return say(
            '"%(label)s" must be at most %(limit)s, found %(found)s.',
            label=label,
            limit=ctx.get("le", ctx.get("lt")),
            found=found,
        )
    if kind in {"string_too_short", "too_short"}:
        return say('"%(label)s" is empty. Write something here or remove the field.', label=label)
    if kind == "url_scheme" or kind.startswith("url"):
        return say(
            '"%(label)s" must be a full web address starting with https://, found %(found)s.',
            label=label,
            found=found,
        )
    error = ctx.get("error")
    if isinstance(error, Problem):
        message = error.translated(messages)
    else:
        # pydantic's own words for a rarer kind of error, which it has only in English
        message = str(err.get("msg", "is not valid"))
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return f'"{label}": {message}'


def _to_content_error(
    model: type[BaseModel],
    source: LocatedYaml,
    err: Any,
    messages: Messages,
) -> ContentError:
    loc = _clean_loc(source, tuple(err.get("loc", ())))
    line, column = source.locate(loc, key=err["type"] == "extra_forbidden")
    written = source.written.get(loc)
    message = _message(model, loc, err, messages, written)
    return ContentError(source.path, line, column, message)
