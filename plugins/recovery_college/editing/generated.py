"""The files `recovery-college schemas` writes into the project, and the check that they are
current: the JSON Schemas, the editor settings and the browser editor's config.yml."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from recovery_college.content.loading import Kind, Project
from recovery_college.editing import admin, schemas


def generated(project: Project, kinds: Iterable[Kind]) -> dict[Path, str]:
    files = schemas.edited_files(kinds)
    out = schemas.rendered(files, project.default.code)
    out[Path("admin") / "config.yml"] = admin.config_yaml(project, files)
    return out


def stale(root: Path, outputs: dict[Path, str]) -> list[Path]:
    """The generated files that are missing or differ from what the models make now."""
    return [
        path
        for path, text in outputs.items()
        if not (root / path).exists() or (root / path).read_text(encoding="utf-8") != text
    ]


def write(root: Path, outputs: dict[Path, str]) -> list[Path]:
    """Write the files that changed; returns them."""
    changed = stale(root, outputs)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(outputs[path], encoding="utf-8")
    return changed
