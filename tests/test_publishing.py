"""Publishing without a terminal: the offline copy works opened from disk, and a build on a
fresh machine (a pipeline) carries the change log and calendar numbers on from the site
that is online, as a build on the school's own PC does from its site/."""

from __future__ import annotations

import html.parser
import json
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from icalendar import Calendar

from recovery_college.cli import main
from recovery_college.engine import offline, published
from recovery_college.engine.build import build_site
from recovery_college.outputs import links
from support import make_project, replace_once
from tools.localserver import static_server

pytestmark = pytest.mark.build


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self.forms.append(values)
        for name in ("href", "src", "action"):
            if values.get(name) is not None:
                self.links.append(str(values[name]))


def links_of(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def unpacked(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "testskolen-offline.zip"
    assert main(["--root", str(built.parent), "offline", "--out", str(archive)]) == 0
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert all(name.startswith("testskolen-offline/") for name in names)
        bundle.extractall(folder / "unpacked")
    return folder / "unpacked" / "testskolen-offline"


def test_every_local_link_of_the_offline_copy_names_a_file_on_disk(unpacked: Path):
    pages = sorted(unpacked.rglob("*.html"))
    assert len(pages) > 40
    checked = 0
    for page in pages:
        for url in links_of(page).links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            assert not url.startswith("/"), f"{page}: {url} starts at the web server's root"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(unpacked)}: {url} is not a file"
            assert unpacked in target.parents, f"{page}: {url} leads out of the copy"
            checked += 1
    assert checked > 1000


def test_the_offline_copy_has_no_search_but_says_why(unpacked: Path, built: Path):
    assert (built / "searchindex").is_dir() and not (unpacked / "searchindex").exists()
    assert not (unpacked / "404.html").exists()
    for page in unpacked.rglob("*.html"):
        assert not [f for f in links_of(page).forms if f.get("role") == "search"], page
    danish = (unpacked / "search" / "index.html").read_text(encoding="utf-8")
    assert "Søgning virker kun på hjemmesiden" in danish and "search.js" not in danish
    arabic = (unpacked / "ar" / "search" / "index.html").read_text(encoding="utf-8")
    assert "البحث يعمل على الموقع فقط" in arabic
    # The site itself still searches: only the copy is changed.
    online = (built / "search" / "index.html").read_text(encoding="utf-8")
    assert "search.js" in online and 'class="rc-search"' in online


def test_the_offline_copy_opens_from_disk_in_a_browser(unpacked: Path, page):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("requestfailed", lambda request: problems.append(request.url))
    page.goto((unpacked / "index.html").as_uri())
    header = page.evaluate("getComputedStyle(document.querySelector('.rc-header')).display")
    assert header != "inline", "the site's stylesheets did not load from disk"
    page.locator("nav.md-nav--primary a[href$='guides/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url == (unpacked / "guides" / "index.html").as_uri()
    assert page.locator("h1").first.is_visible()
    page.locator("a[hreflang='en']").first.click()
    page.wait_for_load_state()
    assert page.url == (unpacked / "en" / "guides" / "index.html").as_uri()
    assert problems == []


def test_an_offline_copy_needs_a_built_site(tmp_path: Path, capsys):
    assert main(["--root", str(tmp_path), "offline"]) == 1
    assert "There is no built site" in capsys.readouterr().err
    assert not (tmp_path / "site-offline.zip").exists()


def test_a_link_to_a_folder_gets_its_index_and_nothing_else_changes(tmp_path: Path):
    site = tmp_path / "site"
    (site / "courses" / "hab").mkdir(parents=True)
    (site / "courses" / "hab" / "index.html").write_text("x", encoding="utf-8")
    (site / "courses" / "plan.pdf").write_text("x", encoding="utf-8")
    (site / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()  # a folder beside the site, with an index of its own
    (tmp_path / "elsewhere" / "index.html").write_text("x", encoding="utf-8")
    tree = links.SiteTree.walk(site)
    assert offline.local_target(tree, "index.html", "courses/hab/") == "courses/hab/index.html"
    assert offline.local_target(tree, "index.html", "courses/hab/#when") == (
        "courses/hab/index.html#when"
    )
    assert offline.local_target(tree, "index.html", "courses/hab?x=1") == (
        "courses/hab/index.html?x=1"
    )
    assert offline.local_target(tree, "index.html", ".") == "./index.html"
    assert offline.local_target(tree, "courses/hab/index.html", "../../") == "../../index.html"
    assert offline.local_target(tree, "courses/hab/index.html", "../hab") == ("../hab/index.html")
    kept = ("courses/plan.pdf", "#top", "https://example.org/", "mailto:a@b.dk", "missing/")
    for url in (*kept, "../elsewhere/"):  # the copy holds only the site
        assert offline.local_target(tree, "index.html", url) == url


def test_the_offline_copy_holds_the_sites_printouts_as_they_are(built: Path, unpacked: Path):
    archive = unpacked.parent.parent / "testskolen-offline.zip"
    with zipfile.ZipFile(archive) as bundle:
        entries = {info.filename: info for info in bundle.infolist()}
    prefix = "testskolen-offline/"
    printouts = [name for name in entries if name.endswith(".pdf")]
    assert len(printouts) > 10
    for name in printouts:
        # Stored, not deflated again: a PDF is compressed already.
        assert entries[name].compress_type == zipfile.ZIP_STORED, name
        original = built / name.removeprefix(prefix)
        assert (unpacked / name.removeprefix(prefix)).read_bytes() == original.read_bytes()
    assert entries[prefix + "index.html"].compress_type == zipfile.ZIP_DEFLATED


# --- The memory across pipeline runs -------------------------------------------------------


def _sequences(site: Path) -> dict[str, int]:
    calendar = Calendar.from_ical((site / "courses.ics").read_bytes())
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")}


def test_a_fresh_machine_carries_the_change_log_and_calendars_on(tmp_path: Path, capsys):
    """First run publishes; the second run starts from a clean checkout (no site/), fetches
    the memory from the site online, and records the moved meeting as a build on the same
    PC would: a change in the log and a higher SEQUENCE for the moved event."""
    first = make_project(tmp_path / "first")
    build_site(first)
    online = tmp_path / "online"
    shutil.copytree(first / "site", online)  # what the web server holds

    second = make_project(tmp_path / "second")  # a new checkout: no site/, no .cache/
    term = second / "content/data/terms/2026-efteraar.yml"
    replace_once(term, 'start: "18:00"', 'start: "17:00"')
    with static_server(online) as url:
        assert main(["--root", str(second), "fetch-published", "--url", url]) == 0
    out = capsys.readouterr().out
    assert "Fetched" in out and "en/courses.ics" in out and "ar/courses.ics" in out
    build_site(second)

    log = json.loads((second / "site" / "changes.json").read_text(encoding="utf-8"))
    assert [change["offering"] for change in log["changes"]] == ["cafe-2026e"]
    assert log["changes"][0]["kind"] == "moved"
    assert _sequences(second / "site")["cafe-2026e-20261126@test.example"] == 1
    assert _sequences(second / "site")["hab-2026e-20261201@test.example"] == 0


def test_nothing_published_yet_is_no_error(tmp_path: Path, capsys):
    project = make_project(tmp_path / "school")
    empty = tmp_path / "empty"
    empty.mkdir()
    with static_server(empty) as url:
        assert main(["--root", str(project), "fetch-published", "--url", url]) == 0
    assert "Not published yet" in capsys.readouterr().out
    assert not (project / "site").exists()


def test_a_site_that_does_not_answer_stops_the_pipeline(tmp_path: Path, capsys):
    project = make_project(tmp_path / "school")
    with static_server(tmp_path) as url:
        pass  # the server is gone: nothing answers at this address any more
    assert main(["--root", str(project), "fetch-published", "--url", url]) == 1
    err = capsys.readouterr().err
    assert "Could not fetch" in err and "site_url" in err and "Traceback" not in err
    assert not (project / "site").exists()


def test_the_address_comes_from_site_url(tmp_path: Path):
    project = make_project(tmp_path / "school")
    assert published.site_address(project) == "https://test.example/"
    assert published.memory_files(project) == ["changes.json", "courses.ics"] + [
        f"{code}/courses.ics" for code in ("ar", "en")
    ]
