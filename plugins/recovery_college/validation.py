"""Turn pydantic's validation errors into messages a school editor can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .yamlsource import LocatedYaml

M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M], source: LocatedYaml, **context: Any
) -> tuple[M | None, list[ContentError]]:
    """Validate located YAML against a model; return the model or the errors, never raise."""
    try:
        return model.model_validate(source.data, context=context or None), []
    except ValidationError as exc:
        return None, [_to_content_error(model, source, err) for err in exc.errors()]


def field_label(loc: tuple[Any, ...]) -> str:
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        elif isinstance(part, str) and (part.isidentifier() or "-" in part):
            label += ("." if label else "") + part
    return label or "the file"


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


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


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


def _message(model: type[BaseModel], loc: tuple[Any, ...], err: Any) -> str:
    kind = err["type"]
    label = field_label(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        name = label.rsplit(".", 1)[-1]
        return f'"{label}" is missing. Add a line "{name}: ..." here.'
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f'unknown field "{label}". Check the spelling or remove it.{hint}'
    if kind in {"string_type", "str_type"}:
        return f'"{label}" must be text, found {_found(value)}. Put the text in double quotes.'
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f'"{label}" must be a whole number, found {_found(value)}.'
    if kind in {"bool_type", "bool_parsing"}:
        return f'"{label}" must be true or false, found {_found(value)}.'
    if kind.startswith("date") or kind.startswith("datetime"):
        return f'"{label}" must be a date written as YYYY-MM-DD, found {_found(value)}.'
    if kind.startswith("time"):
        return f'"{label}" must be a time written as HH:MM in quotes, for example "13:00", found {_found(value)}.'
    if kind in {"literal_error", "enum"}:
        return f'"{label}" is {_found(value)}; allowed: {ctx.get("expected", "see the README")}.'
    if kind == "list_type":
        return f'"{label}" must be a list (one "- item" per line), found {_found(value)}.'
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f'"{label}" must be a group of "name: value" lines, found {_found(value)}.'
    if kind in {"greater_than_equal", "greater_than"}:
        return f'"{label}" must be at least {ctx.get("ge", ctx.get("gt"))}, found {_found(value)}.'
    if kind in {"less_than_equal", "less_than"}:
        return f'"{label}" must be at most {ctx.get("le", ctx.get("lt"))}, found {_found(value)}.'
    if kind in {"string_too_short", "too_short"}:
        return f'"{label}" is empty. Write something here or remove the field.'
    if kind == "url_scheme" or kind.startswith("url"):
        return (
            f'"{label}" must be a full web address starting with https://, found {_found(value)}.'
        )
    message = str(err.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return f'"{label}": {message}'


def _to_content_error(model: type[BaseModel], source: LocatedYaml, err: Any) -> ContentError:
    loc = _clean_loc(source, tuple(err.get("loc", ())))
    line, column = source.locate(loc, key=err["type"] == "extra_forbidden")
    return ContentError(source.path, line, column, _message(model, loc, err))
