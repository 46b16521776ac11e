"""/admin/: the browser editor, served by the site itself from the npm package in admin/.

The public pages never load or link it. It has a policy of its own: the editor draws with
inline styles, so `style-src` allows them here (never on public pages), and it may talk to the
school's git host and nothing else. Without the npm package (no `npm` on the machine that
builds), the site is built without /admin/ and the build says so.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from recovery_college.content.loading import Project
from recovery_college.editing import cms
from recovery_college.editing.models import EditorSettings
from recovery_college.editing.schemas import EditedFile
from recovery_college.outputs import csp

MODULES = Path("admin") / "node_modules"
PACKAGE = MODULES / "@sveltia" / "cms" / "dist"
LOCALES = PACKAGE.parent / "locales"
# The editor fetches its interface words (Danish, Arabic...) from a CDN, at an address made of
# its name and version; the package holds the same files, served from /admin/locales/ instead.
LOCALE_BASE = re.compile(r"`\$\{\w+\}@\$\{\w+\}/locales`")
SCRIPT = "sveltia-cms.js"
# The editor's stylesheet asks a CDN for its three fonts; the same files come from npm (pinned
# in admin/package.json) and are served from /admin/fonts/ instead.
CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
FONTS = {
    "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": "@fontsource-variable/source-sans-3/files/"
    "source-sans-3-latin-wght-normal.woff2",
    "noto-mono@5.3.0/latin-400-normal.woff2": "@fontsource/noto-mono/files/"
    "noto-mono-latin-400-normal.woff2",
    "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined/files/"
        "material-symbols-outlined-latin-wght-normal.woff2"
    ),
}


def policy(settings: EditorSettings | None) -> str:
    host = settings.api_origin() if settings else ""
    extra_images = (
        " https://avatars.githubusercontent.com" if settings and settings.host == ("github") else ""
    )
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob:{extra_images}",
            "font-src 'self' data:",
            f"connect-src 'self' blob:{' ' + host if host else ''}",
            "worker-src 'self' blob:",
            "manifest-src 'self'",
            "form-action 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def index_html(settings: EditorSettings | None) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(settings))}">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Redigér hjemmesiden</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        "<noscript>Redigeringen kræver JavaScript. Slå JavaScript til, eller ret filerne "
        "direkte (se README).</noscript>\n"
        f'<script src="{SCRIPT}"></script>\n'
        "</body>\n</html>\n"
    )


def config_yaml(project: Project, files: list[EditedFile]) -> str:
    settings = project.find(EditorSettings)
    data = cms.config(files, project.languages, settings)
    header = (
        "# The browser editor's settings (Sveltia CMS), made by `recovery-college schemas` and by\n"
        "# every build from the models in plugins/recovery_college. Do not edit by hand: change\n"
        "# content/data/editor.yml (the git host) or the models instead.\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _headers(settings: EditorSettings | None) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp.header_policy(policy(settings)),
        "X-Robots-Tag": "noindex, nofollow",
    }


def headers_block(settings: EditorSettings | None) -> str:
    """`_headers` lines for /admin/, replacing the site-wide policy (two policies would both
    apply, and the public one forbids the editor's inline styles)."""
    return csp.headers_block("/admin/*", _headers(settings), replace=("Content-Security-Policy",))


@dataclass
class Cache:
    """What `write` made last, with what it was made from. The plugin keeps one for the whole
    process, so a `serve` rebuild writes the editor again from memory (0.1 s a rebuild before:
    the script rewritten, the config made and dumped as YAML) unless its inputs changed."""

    script: tuple[tuple[int, int], str, int] | None = None  # (mtime, size) -> script, locales
    config: tuple[Any, str] | None = None  # (languages, settings, edited files) -> config.yml


def _script(path: Path, cache: Cache) -> tuple[str, int]:
    """The package's script with its CDN addresses pointing at /admin/; how many locale
    addresses it had (one, or the locales are not served)."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if cache.script is None or cache.script[0] != key:
        script = path.read_text(encoding="utf-8")
        for cdn_path, module_path in FONTS.items():
            script = script.replace(CDN + cdn_path, f"fonts/{Path(module_path).name}")
        script, found = LOCALE_BASE.subn("`./locales`", script)
        cache.script = (key, script, found)
    return cache.script[1], cache.script[2]


def _config(project: Project, files: list[EditedFile], cache: Cache) -> str:
    key = (tuple(project.languages), project.find(EditorSettings), tuple(files))
    if cache.config is None or cache.config[0] != key:
        cache.config = (key, config_yaml(project, files))
    return cache.config[1]


def write(
    project: Project, files: list[EditedFile], site_dir: Path, cache: Cache | None = None
) -> bool:
    """Put the editor into site/admin/; False (and nothing written) without the npm package."""
    package = project.root / PACKAGE
    if not (package / SCRIPT).exists():
        return False
    cache = cache or Cache()
    target = site_dir / "admin"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    script, found = _script(package / SCRIPT, cache)
    for module_path in FONTS.values():
        shutil.copyfile(
            project.root / MODULES / module_path, target / "fonts" / Path(module_path).name
        )
    if found == 1:
        (target / "locales").mkdir(exist_ok=True)
        for language in project.languages:
            words = project.root / LOCALES / f"{language.code}.json"
            if words.exists():
                shutil.copyfile(words, target / "locales" / words.name)
    (target / SCRIPT).write_text(script, encoding="utf-8")
    chunks = package / "chunks"
    if chunks.is_dir():
        shutil.copytree(
            chunks, target / "chunks", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map")
        )
    settings = project.find(EditorSettings)
    (target / "index.html").write_text(index_html(settings), encoding="utf-8")
    (target / "config.yml").write_text(_config(project, files, cache), encoding="utf-8")
    (target / ".htaccess").write_text(csp.htaccess(_headers(settings)), encoding="utf-8")
    return True
