"""Turn pydantic's validation errors into messages a school editor can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from recovery_college.content.errors import ContentError
from recovery_college.content.messages import Messages, Problem
from recovery_college.content.yamlsource import LocatedYaml

M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M], source: LocatedYaml, messages: Messages, **context: Any
) -> tuple[M | None, list[ContentError]]:
    """Validate located YAML against a model; return the model or the errors, never raise."""
    try:
        return model.model_validate(source.data, context=context or None), []
    except ValidationError as exc:
        return None, [_to_content_error(model, source, err, messages) for err in exc.errors()]


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


def _found(value: Any, messages: Messages) -> str:
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


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _message(model: type[BaseModel], loc: tuple[Any, ...], err: Any, messages: Messages) -> str:
    kind = err["type"]
    label = field_label(loc, messages)
    say = messages.say
    ctx = err.get("ctx") or {}
    found = _found(err.get("input"), messages)
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
        return say(
            '"%(label)s" must be text, found %(found)s. Put the text in double quotes.',
            label=label,
            found=found,
        )
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
    model: type[BaseModel], source: LocatedYaml, err: Any, messages: Messages
) -> ContentError:
    loc = _clean_loc(source, tuple(err.get("loc", ())))
    line, column = source.locate(loc, key=err["type"] == "extra_forbidden")
    return ContentError(source.path, line, column, _message(model, loc, err, messages))
