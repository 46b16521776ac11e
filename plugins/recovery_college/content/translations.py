"""Which pages are missing or outdated in each language.

A translation records `source_hash:` (a fingerprint of the Danish file it was made from). When
the Danish page changes, the fingerprints differ and the translation is listed as outdated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from recovery_college.content.loading import Project, source_hash


@dataclass
class LanguageStatus:
    code: str
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    unstamped: list[str] = field(default_factory=list)
    translated: int = 0


def status(project: Project) -> list[LanguageStatus]:
    default = project.default.code
    sources = project.pages[default]
    result = []
    for language in project.languages[1:]:
        own = project.pages.get(language.code, {})
        entry = LanguageStatus(language.code)
        for rel, danish in sources.items():
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
    total = len(project.pages[project.default.code])
    for entry in status(project):
        lines.append(
            f"{entry.code}: {entry.translated} of {total} pages up to date, "
            f"{len(entry.missing)} missing, {len(entry.outdated)} outdated, "
            f"{len(entry.unstamped)} without source_hash"
        )
        for label, items in (
            ("missing", entry.missing),
            ("outdated", entry.outdated),
            ("no source_hash", entry.unstamped),
        ):
            lines.extend(f"  {label}: content/{entry.code}/{rel}" for rel in items)
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
