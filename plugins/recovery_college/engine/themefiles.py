"""MkDocs' list of a theme's static files, without walking folders it would throw away.

Every build asks the theme's template loader for every file below the theme folders and keeps
the static ones (`Files.add_files_from_theme`). Material's folder holds 14,000 icons below
`.icons/`, there for its emoji extension, which reads them from its own path at Markdown time.
MkDocs drops every name inside a folder that starts with a dot, so listing them was wasted:
0.05 to 0.3 s on every build and every `serve` rebuild, depending on the disk cache. The
loader here does not walk into such folders; the files MkDocs keeps are the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import jinja2
from mkdocs.theme import Theme


class _VisibleFilesLoader(jinja2.FileSystemLoader):
    """Loads templates like its parent; lists none below a folder whose name starts with a dot."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                rel = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                prefix = "" if rel == "." else rel + "/"
                found.update(prefix + name for name in filenames)
        return sorted(found)


def skip_hidden_folders(theme: Theme) -> None:
    """Make the theme's template environments list no file inside a hidden folder."""
    make_env: Callable[[], jinja2.Environment] = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _VisibleFilesLoader(theme.dirs)
        return env

    setattr(theme, "get_env", get_env)  # noqa: B010 (an instance's own, not the class's)
