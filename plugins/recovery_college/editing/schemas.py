"""JSON Schemas for every file staff edit, made from the pydantic models (one source of truth).

An editor with the YAML language server (VS Code with the Red Hat YAML extension, and others)
reads them to show the Danish help of each field while typing, offer the allowed ids with
their Danish titles, and flag unknown keys. The editor reads YAML 1.2, as our loader does
(content/yaml12.py), so a time written 13:00 is text on both sides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from recovery_college.content.loading import Kind
from recovery_college.content.models import PageMeta

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
LANGUAGE_CODE = r"^[a-z]{2,3}$"
# The front matter of pages below content/<lang>/<folder>/ by folder, as the editors name them.
PAGE_LABELS = {
    "courses": "Kurser",
    "guides": "Guider",
    "sessions": "Mødeplaner",
    "letlaest": "Let at læse",
}


@dataclass(frozen=True)
class EditedFile:
    """One kind of file staff edit: where it lives (globs from the project folder), its model
    and the Danish name editors show. `folder` is set for Markdown pages (their front matter)."""

    name: str
    model: type[BaseModel]
    globs: tuple[str, ...]
    label: str
    folder: str | None = None

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def edited_files(kinds: Iterable[Kind]) -> list[EditedFile]:
    """Every data file and page front matter the kinds read, in the order the kinds list them."""
    files: list[EditedFile] = []
    for kind in kinds:
        for data in kind.files:
            name = _kebab(data.model.__name__)
            files.append(
                EditedFile(name, data.model, (f"content/data/{data.pattern}",), data.label)
            )
        for folder, model in kind.pages.items():
            label = PAGE_LABELS.get(folder, folder)
            files.append(
                EditedFile(
                    _kebab(model.__name__), model, (f"content/*/{folder}/*.md",), label, folder
                )
            )
    files.append(EditedFile("page-meta", PageMeta, ("content/*/*.md",), "Sider"))
    return files


def json_schema(edited: EditedFile, default_language: str) -> dict[str, Any]:
    """The model's JSON Schema, made to help a person typing in an editor."""
    schema = edited.model.model_json_schema()
    for node in [schema, *schema.get("$defs", {}).values()]:
        node.pop("description", None)  # a class docstring: written for developers, in English
    for node in _nodes(schema):
        _for_editors(node)
    for name in ("Localized", "Bilingual"):
        localized = schema.get("$defs", {}).get(name)
        if localized is not None:
            localized["propertyNames"] = {"pattern": LANGUAGE_CODE}
            localized["required"] = sorted({default_language, *localized.get("required", [])})
    kind = (
        "forsiden af en Markdown-side (front matter)"
        if edited.folder or edited.name == ("page-meta")
        else "filen"
    )
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": edited.schema_file,
        "$comment": (
            "Made by `recovery-college schemas` from the models in plugins/recovery_college; "
            "do not edit by hand."
        ),
        **schema,
        "title": edited.label,
        "description": f"Hvad der må stå i {kind}.",
    }


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


def _for_editors(node: dict[str, Any]) -> None:
    """Danish titles of ids as hover text; times as HH:MM (JSON Schema's "time" format wants
    seconds and a time zone, which nobody writes)."""
    titles = node.get("x-titles")
    if titles and "enum" in node:
        node["enumDescriptions"] = [titles[value] for value in node["enum"]]
        node["markdownEnumDescriptions"] = node["enumDescriptions"]
    if node.get("format") == "time":
        del node["format"]
        node["pattern"] = TIME_PATTERN


def vscode_settings(files: list[EditedFile], folder: str = "schemas") -> dict[str, Any]:
    """Settings for the YAML language server: which schema checks which data files.
    (It reads .yml files only; front matter is checked by `recovery-college check` and the
    browser editor's forms.)"""
    mapping = {
        f"./{folder}/{edited.schema_file}": list(edited.globs)
        for edited in files
        if edited.folder is None and edited.model is not PageMeta
    }
    return {
        "yaml.schemas": mapping,
        "yaml.yamlVersion": "1.2",
        "yaml.validate": True,
        "yaml.hover": True,
        "yaml.completion": True,
        "yaml.format.enable": False,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rendered(files: list[EditedFile], default_language: str) -> dict[Path, str]:
    """Every generated file by its path in the project: the schemas and the editor settings."""
    out = {Path("schemas") / f.schema_file: dump(json_schema(f, default_language)) for f in files}
    out[Path(".vscode") / "settings.json"] = dump(vscode_settings(files))
    out[Path(".vscode") / "extensions.json"] = dump({"recommendations": ["redhat.vscode-yaml"]})
    return out
