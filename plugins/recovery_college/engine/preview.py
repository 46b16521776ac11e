"""Live preview of one language for editors: rebuilt and reloaded in the browser on every save.

This is `mkdocs serve` made from MkDocs' public parts, with differences an editor notices in
how soon a save shows (DESIGN.md: within a second): the watched files are checked every 0.1 s,
not every 0.5 s; the rebuild starts 0.02 s after the last change seen, not 0.1 s; and it starts
in an empty folder instead of MkDocs deleting the last preview file by file (see `_set_aside`);
and the preview is written to memory where the system offers it (see `_preview_parent`).
Checking by polling (not by file-system events) works on network drives and in containers
alike; for a school's few hundred files a check costs a few milliseconds. The preview makes no
PDFs: its pages link those of the last `./scripts/build`.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from recovery_college.content.messages import Messages

POLL_SECONDS = 0.1
# How long the files must stay unchanged before the rebuild starts. A change seen in the middle of
# a rebuild (several files saved at once) only starts another one, so this needs to cover no more
# than one save's own writes.
SETTLE_SECONDS = 0.02
# A folder in memory (tmpfs) on Linux. The preview is thrown away when it stops, so it never needs
# the disk; with the disk busy, creating and writing its few hundred files took 0.3 s of a 1 s
# rebuild. It is used only while it has this much room, far more than a national preview needs.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 2 * 1024**3
log = logging.getLogger("mkdocs")


def serve(config_file: Path, address: str) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="recovery-college-preview-", dir=_preview_parent()))
    site_dir = workdir / "site"
    site_dir.mkdir()

    def fresh_config() -> MkDocsConfig:
        return load_config(str(config_file), site_dir=str(site_dir), dev_addr=address)

    config = fresh_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    url = f"http://{host}:{port}{mount_path}"

    def builder(config: MkDocsConfig | None = None) -> None:
        """A content error is the editor's to fix, not a crash: it is logged without a
        traceback, and the last good pages stay served with the message on top of each, so an
        editor who only looks at the browser sees it too."""
        log.info("Building the preview...")
        errors = _Errors()
        log.addHandler(errors)
        last = _set_aside(site_dir)
        try:
            build(config or fresh_config(), serve_url=url)
        except MkDocsException as exc:
            # MkDocs has logged the content error and raises a bare "Aborted with a BuildError!"
            _put_back(last, site_dir)
            show_error(site_dir, "\n".join(errors.messages) or str(exc))
        except BaseException:
            _put_back(last, site_dir)
            raise
        else:
            _remove_in_background(last)
        finally:
            log.removeHandler(errors)

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )
    server.build_delay = SETTLE_SECONDS
    server.error_handler = lambda code: _error_page(site_dir, code)
    # Stopped by its service manager or a script (SIGTERM), the preview still cleans up after
    # itself, as after Ctrl+C: a preview left in memory would hold it until the next restart.
    signal.signal(signal.SIGTERM, _stop)
    try:
        builder(config)
        for path in [config.docs_dir, config.config_file_path, *config.watch]:
            if path:
                server.watch(path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Stopping the preview.")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(workdir, ignore_errors=True)


def _preview_parent(folder: Path = MEMORY_FOLDER) -> str | None:
    """Where the preview folder goes: memory if there is enough of it, else the temp folder."""
    try:
        roomy = folder.is_dir() and shutil.disk_usage(folder).free >= MEMORY_NEEDED
    except OSError:
        return None
    return str(folder) if roomy else None


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _set_aside(site_dir: Path) -> Path:
    """Move the last preview out of the way, so the build starts in an empty folder.

    MkDocs empties the site folder before it builds, one file at a time; on a disk that other
    work keeps busy that took up to a second of the rebuild (0.04 s on a quiet one). Moving the
    folder aside is one rename, and it is deleted while the browser already shows the new one."""
    aside = Path(tempfile.mkdtemp(prefix="last-", dir=site_dir.parent)) / "site"
    site_dir.rename(aside)
    return aside


def _put_back(last: Path, site_dir: Path) -> None:
    """The build failed: serve the last good preview again, not what the build left half done."""
    shutil.rmtree(site_dir, ignore_errors=True)
    last.rename(site_dir)
    last.parent.rmdir()


def _remove_in_background(last: Path) -> None:
    threading.Thread(
        target=shutil.rmtree, args=(last.parent,), kwargs={"ignore_errors": True}, daemon=True
    ).start()


class _Errors(logging.Handler):
    """The error messages one build logs, to show them in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


BODY = re.compile(r"<body[^>]*>")
OLD_BANNER = re.compile(r'<div id="preview-error".*?</div>', re.S)
BANNER = (
    '<div id="preview-error" role="alert" style="background:#fff3cd;color:#000;border:4px solid #b00020;'
    'padding:1rem;margin:0;font:1rem/1.5 sans-serif;white-space:pre-wrap">'
    "<strong>{title}</strong> {advice}\n{message}</div>"
)


def show_error(site_dir: Path, message: str) -> None:
    """Put the message at the top of every page of the last good preview, in the editor's
    language like the message itself."""
    messages = Messages.from_environment()
    banner = BANNER.format(
        title=html.escape(messages.say("The preview could not be updated.")),
        advice=html.escape(
            messages.say("You are seeing the last version that worked. Fix this and save again:")
        ),
        message=html.escape(message),
    )
    for page in site_dir.rglob("*.html"):
        text = OLD_BANNER.sub("", page.read_text(encoding="utf-8"), count=1)
        page.write_text(BODY.sub(lambda m: m.group(0) + banner, text, count=1), encoding="utf-8")


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
