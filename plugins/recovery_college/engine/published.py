"""Fetch the build's memory from the site that is online, before a build on a fresh machine.

A build compares the programme with what was published last time: `changes.json` at the
site's root holds the change log, and each language's `courses.ics` the calendars' SEQUENCE
numbers (courses/changes.py, courses/calendar.py). On a school's PC these are in `site/` from
the last build. A pipeline (GitHub Actions, GitLab CI) starts with an empty `site/`, so it
first downloads these files from the site's own address (`site_url` in mkdocs.yml) into it.

A file that is not there (404) is normal before the first publication, or for a language
added since: the build then starts that memory afresh. Any other failure (no answer, a wrong
address, a server error) stops the pipeline instead: a build without its memory would forget
eight weeks of changes and reset every calendar's SEQUENCE, so phones would ignore the next
moved meeting.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from recovery_college.content.languages import DEFAULT_CONFIG, discover, read_config
from recovery_college.courses import calendar, changes
from recovery_college.engine import rendercache
from recovery_college.outputs import assets, keptmade, links, pdf, qr, searchindex

TIMEOUT = 30  # seconds for one file; a web host that takes longer is down for our purpose
CALENDAR = "courses.ics"  # the calendar with every event, per language (courses/feature.py)
# How each file starts: a host that answers a missing file with its own page (and 200) has
# not published it either.
SIGNATURES = {".json": b"{", ".ics": b"BEGIN:VCALENDAR"}
# What the pipelines keep between runs (.github/workflows/publish.yml, .gitlab-ci.yml), so
# that the build after one edit does again only what the edit changed: at 1,000 offerings on
# 2 cores, 43 s with the PDFs alone kept, 16 s with all of these. Each is read as data only:
# finished PDFs, pages and calendar events as text, QR pictures, and marshalled plain values.
# Never `.cache/parsed` (pickles: loading one runs code) nor `.cache/templates` (compiled
# Jinja code): the check before the build makes the parses in the same job anyway.
PIPELINE_CACHES = (
    pdf.CACHE,
    rendercache.FOLDER,
    calendar.RECORDS,
    keptmade.FOLDER,
    links.CACHE,
    searchindex.CACHE,
    assets.CACHE,
    qr.CACHE,
)


class FetchFailed(Exception):
    """A published file could not be read; `url` and `reason` say which and why."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class NoAddress(Exception):
    """mkdocs.yml has no `site_url` (an https: address) to fetch from."""


@dataclass
class FetchReport:
    base_url: str
    fetched: list[str] = field(default_factory=list)  # paths below the site's root
    missing: list[str] = field(default_factory=list)  # 404: not published (yet)


def site_address(root: Path) -> str:
    """The site's public address from mkdocs.yml, ending in a slash."""
    url = str(read_config(root / DEFAULT_CONFIG).get("site_url") or "")
    if urlsplit(url).scheme not in ("https", "http") or not urlsplit(url).netloc:
        raise NoAddress(url)
    return url.rstrip("/") + "/"


def memory_files(root: Path) -> list[str]:
    """The published files a build reads, as paths below the site's root."""
    languages, _ = discover(root)  # a broken language config is reported by the build itself
    return [changes.FILE] + [language.prefix + CALENDAR for language in languages]


def _download(url: str) -> bytes | None:
    """The file's bytes, or None when the server says it does not exist."""
    request = urllib.request.Request(url, headers={"User-Agent": "recovery-college"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise FetchFailed(url, f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchFailed(url, str(reason)) from None


def fetch(root: Path, site: Path, base_url: str | None = None) -> FetchReport:
    """Download the memory files into `site`; a file that is not published is skipped.

    Nothing is written until every file was read, so a failure leaves `site` as it was.
    """
    base = (base_url.rstrip("/") + "/") if base_url else site_address(root)
    report = FetchReport(base_url=base)
    found: dict[str, bytes] = {}
    for name in memory_files(root):
        data = _download(urljoin(base, name))
        if data is None or not data.lstrip().startswith(SIGNATURES[Path(name).suffix]):
            report.missing.append(name)
        else:
            found[name] = data
            report.fetched.append(name)
    for name, data in found.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return report
