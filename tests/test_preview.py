"""The editor's live preview: what `recovery-college serve` shows, and that a save shows up.

How fast a change shows is measured by ./scripts/bench, never here; these tests only check
that it shows at all, and that a content error is reported plainly while the preview goes on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from recovery_college.engine import preview
from recovery_college.engine.build import build_site
from support import add_sessions, make_project
from tools.localserver import fetch, free_port

pytestmark = pytest.mark.build  # every test here builds a site

TERM = "content/data/terms/2026-efteraar.yml"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = add_sessions(make_project(tmp_path_factory.mktemp("preview") / "school"))
    build_site(root)
    return root


def preview_build(root: Path, config: str, out: Path) -> Path:
    """One rebuild exactly as the preview server makes it."""
    loaded = load_config(str(root / config), site_dir=str(out))
    loaded.plugins.on_startup(command="serve", dirty=False)
    build(loaded, serve_url="http://127.0.0.1:8000/")
    return out


def test_preview_links_the_published_handouts_and_stages_no_pdf_jobs(published, tmp_path):
    out = preview_build(published, "mkdocs.yml", tmp_path / "da")
    handouts = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert "sessions/godt-liv-1/godt-liv-1.pdf" in handouts
    assert not any(rel.startswith(("en/", "ar/")) for rel in handouts)
    same = (out / handouts[0]).samefile(published / "site" / handouts[0])
    assert same, "the preview should link the published file, not render it again"
    assert not (out / ".pdf-jobs").exists()


def test_preview_of_english_links_the_english_handouts(published, tmp_path):
    out = preview_build(published, "mkdocs.en.yml", tmp_path / "en")
    assert (out / "sessions/godt-liv-1/godt-liv-1.pdf").is_file()
    assert not (out / "en").exists()


def test_a_full_build_still_stages_and_renders_every_pdf(published):
    assert (published / "site/en/sessions/godt-liv-1/godt-liv-1.pdf").is_file()
    assert not list((published / "site").rglob(".pdf-jobs"))


def wait_for(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def previews_in_memory() -> set[Path]:
    return set(preview.MEMORY_FOLDER.glob("recovery-college-preview-*"))


def test_serve_shows_a_saved_term_and_reports_a_content_error_plainly(published, tmp_path):
    before = previews_in_memory()
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "recovery_college.cli", "--root", str(published), "serve"]
    command += ["--address", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}/courses/hab/"
    term = published / TERM
    original = term.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: fetch(url) is not None), log.read_text()
        assert "Jonas Berg" in fetch(url)
        time.sleep(0.5)
        term.write_text(original.replace("Jonas Berg", "Jonas Bjerg"), encoding="utf-8")
        assert wait_for(lambda: "Jonas Bjerg" in (fetch(url) or "")), log.read_text()
        term.write_text(original.replace("capacity: 12", "capacity: twelve"), encoding="utf-8")
        assert wait_for(lambda: "capacity" in log.read_text()), log.read_text()
        text = log.read_text()
        assert "2026-efteraar.yml:" in text and "Traceback" not in text
        assert wait_for(lambda: "must be a whole number" in (fetch(url) or "")), log.read_text()
        page = fetch(url) or ""
        assert "Jonas Bjerg" in page, "the last good build is still served"
        assert page.index('role="alert"') < page.index("<header"), "the message comes first"
        term.write_text(original, encoding="utf-8")
        assert wait_for(lambda: 'role="alert"' not in (fetch(url) or "x")), log.read_text()
    finally:
        term.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    assert previews_in_memory() <= before, "stopped, the preview leaves nothing in memory"


def test_the_preview_is_kept_in_memory_only_where_there_is_room(tmp_path, monkeypatch):
    monkeypatch.setattr(preview, "MEMORY_NEEDED", 1)
    assert preview._preview_parent(tmp_path) == str(tmp_path)
    assert preview._preview_parent(tmp_path / "missing") is None, "no such folder: the temp folder"
    monkeypatch.setattr(preview, "MEMORY_NEEDED", 1024**5)
    assert preview._preview_parent(tmp_path) is None, "too little room: the temp folder"
