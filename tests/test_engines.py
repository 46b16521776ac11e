"""The site builds on ProperDocs, the maintained fork of MkDocs 1.6, as well as on MkDocs.

Material for MkDocs reaches its end of life on 5 May 2027 and MkDocs 2 drops plugins; a school
must be able to keep building on a maintained engine (README, "How the build works").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import make_project

pytestmark = pytest.mark.build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    """Every published file, the search indexes too."""
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_site(built: Path, tmp_path: Path):
    root = make_project(tmp_path / "school")
    env = {**os.environ, "RC_ENGINE": "properdocs"}
    result = subprocess.run(
        [sys.executable, "-m", "recovery_college.cli", "--root", str(root), "build"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert b"ProperDocs" in (site / "index.html").read_bytes()  # really built by ProperDocs
    ours, theirs = files(built), files(site)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == [], f"{len(differ)} files differ, first: {differ[:5]}"
