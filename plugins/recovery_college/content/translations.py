"""Which pages are missing or outdated in each language.

A translation records `source_hash:` (a fingerprint of the Danish file it was made from). When
the Danish page changes, the fingerprints differ and the translation is listed as outdated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from recovery_college.content.loading import Project, source_hash
from recovery_college.content.yamlsource import LocatedYaml, read_yaml


@dataclass
class LanguageStatus:
    code: str
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    unstamped: list[str] = field(default_factory=list)
    translated: int = 0
    # Texts in content/data/ without this language, as "file:line: field"; the site shows
    # them in the default language.
    data: list[str] = field(default_factory=list)


LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}$")


def is_text_map(value: object, default: str) -> bool:
    """A text in several languages as a data file writes it: {da: ..., en: ...}."""
    return (
        isinstance(value, dict)
        and default in value
        and all(isinstance(k, str) and LANGUAGE_KEY.match(k) for k in value)
        and all(isinstance(v, str) for v in value.values())
    )


def untranslated_data(project: Project) -> dict[str, list[str]]:
    """Per language, every text in the data files that lacks it, with its file and line."""
    default = project.default.code
    found: dict[str, list[str]] = {language.code: [] for language in project.languages[1:]}
    for path in sorted(project.data_dir.rglob("*.yml")):
        display = path.relative_to(project.root).as_posix()
        located, errors = read_yaml(path, display)
        if not errors:
            _walk(located, located.data, (), default, found)
    return found


def _walk(
    located: LocatedYaml, value: object, where: tuple, default: str, found: dict[str, list[str]]
) -> None:
    if is_text_map(value, default):
        line, _ = located.locate(where)
        label = ".".join(str(part) for part in where) or "(the file)"
        for code, missing in found.items():
            if code not in value:  # type: ignore[operator]
                missing.append(f"{located.path}:{line}: {label}")
    elif isinstance(value, dict):
        for key, inner in value.items():
            _walk(located, inner, (*where, key), default, found)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _walk(located, inner, (*where, index), default, found)


def status(project: Project) -> list[LanguageStatus]:
    default = project.default.code
    sources = project.pages[default]
    result = []
    data = untranslated_data(project)
    for language in project.languages[1:]:
        own = project.pages.get(language.code, {})
        entry = LanguageStatus(language.code, data=data[language.code])
        for rel, danish in sources.items():
            if not danish.meta.fallback:
                continue  # written for the default language's readers only (easy read)
            page = own.get(rel)
            if page is None:
                entry.missing.append(rel)
            elif page.meta.source_hash is None:
                entry.unstamped.append(rel)
            elif page.meta.source_hash != source_hash(danish.path):
                entry.outdated.append(rel)
            else:
                entry.translated += 1
        result.append(entry)
    return result


def report(project: Project) -> str:
    lines = []
    total = sum(page.meta.fallback for page in project.pages[project.default.code].values())
    for entry in status(project):
        lines.append(
            f"{entry.code}: {entry.translated} of {total} pages up to date, "
            f"{len(entry.missing)} missing, {len(entry.outdated)} outdated, "
            f"{len(entry.unstamped)} without source_hash, "
            f"{len(entry.data)} texts in data files missing"
        )
        for label, items in (
            ("missing", entry.missing),
            ("outdated", entry.outdated),
            ("no source_hash", entry.unstamped),
        ):
            lines.extend(f"  {label}: content/{entry.code}/{rel}" for rel in items)
        lines.extend(f"  missing text: {where}" for where in entry.data)
    return "\n".join(lines)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_HASH_LINE = re.compile(r"^source_hash:.*$", re.M)


def stamp(translation: Path, danish: Path) -> str:
    """Record that a translation is up to date with the Danish page; returns the new hash."""
    digest = source_hash(danish)
    text = translation.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    line = f"source_hash: {digest}"
    if match is None:
        text = f"---\n{line}\n---\n{text}"
    else:
        block = match.group(1) or ""
        block = _HASH_LINE.sub(line, block) if _HASH_LINE.search(block) else block + line + "\n"
        text = f"---\n{block}---\n{text[match.end() :]}"
    translation.write_text(text, encoding="utf-8")
    return digest
