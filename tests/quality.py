"""Quality gates for a built site: links (the build's own check, outputs/links.py), HTML syntax,
and what a visitor meets in a browser.

Plain functions, so the suite over the example site (test_site_quality.py,
test_pages_in_browser.py) and the tests that break a page on purpose (test_quality_gates.py)
run exactly the same checks. Every problem is a sentence that starts with the page it is on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import html5lib
from html5lib.constants import E

from recovery_college.outputs.links import LinkReport, check_links, page_name

__all__ = ["LinkReport", "check_links"]  # the link gate is the build's own check

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# The Nu HTML Checker (W3C), from the npm package vnu-jar; VNU_JAR names another copy to try.
VNU = Path(
    os.environ.get("VNU_JAR")
    or Path(__file__).parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# 200 % zoom of a 1280 x 900 window: the page gets half as many CSS pixels each way.
ZOOM_200 = {"width": 640, "height": 450}
# WCAG 2.1 reflow (1.4.10): content fits 320 CSS pixels wide, 400 % zoom of a 1280 px window.
REFLOW_320 = {"width": 320, "height": 640}


@dataclass(frozen=True)
class PageType:
    """One kind of page and where an example of it lives below each language's root.

    A `*` in the path picks the first matching page of the built site, for kinds whose pages
    are named by content (ideas). `core` kinds must exist in every language.
    """

    name: str
    path: str
    core: bool = False
    ready: str | None = None  # a selector that appears once the page's scripts have run


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("home", "", core=True),
    PageType("catalogue", "courses/", core=True),
    PageType("course", "courses/hab/", core=True),
    PageType("term", "terms/2027-foraar/", core=True),
    PageType("archive", "courses/arkiv/"),
    PageType("facet", "courses/sprog/ar/"),
    PageType("guides", "guides/"),
    PageType("guide", "guides/pause/", core=True),
    PageType("sessions", "sessions/"),
    PageType("session-plan", "sessions/haab/", core=True),
    PageType("session-plan for participants", "sessions/haab/deltager/"),
    PageType("changes", "courses/nyt/"),
    PageType("easy read", "letlaest/hjaelp-nu/"),
    PageType("ideas", "ideer/"),
    PageType("idea", "ideer/*/"),
    PageType("glossary", "ordliste/"),
    PageType("glossary words of one provider", "ordliste/kommune/"),
    PageType("privacy", "privatliv/"),
    PageType("accessibility", "tilgaengelighed/", core=True),
    PageType("search", "search/?q=recovery", core=True, ready="#rc-search-status[data-done]"),
    PageType("not-found", "404.html"),
)


def resolve(site: Path, prefix: str, page_type: PageType) -> str | None:
    """The URL path (below the site root) of this kind of page in one language, if it was built."""
    path, _, query = page_type.path.partition("?")
    root = site / prefix
    if "*" in path:
        found = sorted(p.parent for p in root.glob(path + "index.html"))
        if not found:
            return None
        path = found[0].relative_to(root).as_posix() + "/"
    target = root / path / "index.html" if path == "" or path.endswith("/") else root / path
    if not target.is_file():
        return None
    return prefix + path + (f"?{query}" if query else "")


# --- HTML syntax -----------------------------------------------------------------------------


def html_errors(site: Path, file: Path) -> list[str]:
    """Parse errors html5lib finds in strict mode, each with line and column, for one page."""
    text = file.read_text(encoding="utf-8")
    try:
        html5lib.HTMLParser(strict=True).parse(text)
        return []
    except html5lib.html5parser.ParseError:
        pass
    # Strict mode stops at the first error; parse again leniently to list them all.
    parser = html5lib.HTMLParser()
    parser.parse(text)
    found = []
    for (line, column), code, data in parser.errors:
        try:
            words = E.get(code, code) % (data or {})
        except (KeyError, TypeError, ValueError):
            words = code
        found.append(f"{page_name(site, file)} (line {line}, column {column}): {words}")
    return found


def vnu_missing() -> str | None:
    """Why the Nu HTML Checker cannot run here, or None when it can."""
    if not VNU.is_file():
        return f"the Nu HTML Checker is not installed ({VNU}): run npm ci --prefix tests/browser"
    if shutil.which("java") is None:
        return "Java is not installed (Debian: apt-get install default-jre-headless)"
    return None


# What the checker says that is not about the page: it reads the files from disk, where every
# address is file: and no stylesheet, image or script is "self" to the Content-Security-Policy,
# and it counts a JSON-LD data block as a script, which no browser runs or blocks. The browser
# tests check the policy in Chromium over http (test_pages_in_browser.py).
VNU_NOT_ABOUT_THE_PAGE = (
    "Resource violates Content Security Policy",
    "Inline script violates Content Security Policy",
)


def vnu_problems(site: Path, files: list[Path]) -> list[str]:
    """Every error and warning of the Nu HTML Checker on these pages, in one run of the JVM.

    Informational notes (such as "trailing slash on void elements") are left out: they say
    what a markup style means, not that something is wrong.
    """
    run = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--format", "json", "--skip-non-html"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or "{}").get("messages", [])
    found = []
    for message in messages:
        kind = message.get("type")
        if kind == "info" and message.get("subType") != "warning":
            continue
        text = message.get("message", "")
        if kind == "info" and text.startswith(VNU_NOT_ABOUT_THE_PAGE):
            continue
        url = message.get("url", "")
        file = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        where = page_name(site.resolve(), file.resolve()) if file else url
        label = "warning" if kind == "info" else kind
        line = message.get("lastLine", message.get("firstLine", "?"))
        found.append(f"{where} (line {line}): {label}: {text}")
    if run.returncode not in (0, 1) and not messages:
        found.append(f"the Nu HTML Checker did not run: {run.stderr.strip()[:500]}")
    return found


# --- In the browser --------------------------------------------------------------------------


def here(page: Page) -> str:
    """The page being checked, as a reader would name it."""
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def block_foreign_requests(target: Page | BrowserContext, origin: str) -> list[str]:
    """Refuse every request to another origin (so no test reaches the network) and record it.

    Returns the list the refused URLs are appended to, as the page makes them.
    """
    refused: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if (
            parts.scheme in ("http", "https", "ws", "wss")
            and f"{parts.scheme}://{parts.netloc}" != origin
        ):
            refused.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    target.route("**/*", handle)
    return refused


def foreign_request_problems(page: Page, refused: list[str]) -> list[str]:
    return [
        f"{here(page)}: asks another host, {urlsplit(url).netloc}, for {url}"
        for url in dict.fromkeys(refused)
    ]


CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || 'inline'}`
    + (event.sample ? `: ${event.sample}` : ''));
});
"""


def record_csp_violations(page: Page) -> None:
    """Keep every Content-Security-Policy violation of the page (read by `csp_problems`)."""
    page.add_init_script(CSP_RECORDER)


def csp_problems(page: Page) -> list[str]:
    """The page must carry a policy, and nothing on it may break it."""
    found = [f"{here(page)}: CSP: {v}" for v in page.evaluate("window.__cspViolations || []")]
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    if policy.count() != 1:
        found.append(f"{here(page)}: has no Content-Security-Policy meta tag")
    return found


def record_console_errors(page: Page) -> list[str]:
    """Errors the page writes to the console or throws, as they happen."""
    errors: list[str] = []

    def console(message) -> None:
        if message.type == "error":
            where = message.location.get("url") or ""
            errors.append(f"{message.text} {f'({where})' if where else ''}".strip())

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))
    return errors


def wait_until_ready(page: Page, ready: str | None) -> None:
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_selector(ready, timeout=10_000)


def axe_problems(page: Page) -> list[str]:
    """Violations of the WCAG 2.1 A and AA rules of axe-core (injected from node_modules)."""
    # Evaluated through the browser's debugging protocol: an injected <script> would be
    # refused by the page's Content-Security-Policy, as it should be.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        list(WCAG_21_AA),
    )
    found = []
    for violation in result["violations"]:
        nodes = violation["nodes"]
        where = "; ".join(f"{' '.join(node['target'])} {node['html'][:120]}" for node in nodes[:4])
        more = f" and {len(nodes) - 4} more" if len(nodes) > 4 else ""
        detail = nodes[0].get("failureSummary", "").replace("\n", " ") if nodes else ""
        found.append(
            f"{here(page)}: axe {violation['id']} ({violation['impact']}): {violation['help']}."
            f" At {where}{more}. {detail}"
        )
    return found


def skip_link_problems(page: Page) -> list[str]:
    """The first Tab reaches a visible skip link; Enter on it puts focus on the main content."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => {
        const el = document.activeElement, box = el.getBoundingClientRect();
        const href = el.getAttribute('href') || '';
        const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
        return {tag: el.tagName.toLowerCase(), href, text: el.textContent.trim(),
                visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                         && box.right <= innerWidth && box.bottom <= innerHeight,
                target: !!target,
                holdsHeading: !!(target && target.querySelector('h1'))};
        }"""
    )
    name = here(page)
    if first["tag"] != "a" or not first["href"].startswith("#"):
        return [
            f"{name}: the first Tab goes to <{first['tag']}> {first['text'][:40]!r}, "
            "not to a link that skips to the content"
        ]
    problems = []
    if not first["visible"]:
        problems.append(f"{name}: the skip link {first['text']!r} is not visible when it has focus")
    if not first["target"]:
        problems.append(
            f"{name}: the skip link points to {first['href']}, which is not on the page"
        )
        return problems
    if not first["holdsHeading"]:
        problems.append(
            f"{name}: the skip link's target {first['href']} does not hold the page's heading"
        )
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.id")
    if f"#{focused}" != first["href"]:
        problems.append(
            f"{name}: after the skip link, focus is on {focused or 'the page'!r}, "
            f"not on the main content {first['href']}"
        )
    return problems


def focus_problems(page: Page) -> list[str]:
    """Every element the keyboard reaches shows where focus is (outline or box-shadow).

    Call after a real key press, so Chromium treats the focus moves as keyboard focus.
    """
    found = page.evaluate(
        """() => {
        const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
          + ' [tabindex]:not([tabindex="-1"])';
        const look = el => {
          const s = getComputedStyle(el);
          return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                    && !/^rgba\\(.*,\\s*0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent',
                  shadow: s.boxShadow, background: s.backgroundColor};
        };
        const bad = [], seen = new Set();
        let checked = 0, keyboard = 0;
        for (const el of document.querySelectorAll(selector)) {
          if (el.disabled) continue;
          el.blur();
          const before = look(el);
          el.focus({preventScroll: true});
          if (document.activeElement !== el) continue;
          checked += 1;
          if (el.matches(':focus-visible')) keyboard += 1;
          const after = look(el);
          const shows = after.outline || (after.shadow !== 'none' && after.shadow !== before.shadow);
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
          if (!shows && !seen.has(name)) {
            seen.add(name);
            bad.push(`${name} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`);
          }
        }
        return {bad, checked, keyboard};
        }"""
    )
    name = here(page)
    problems = [f"{name}: keyboard focus is invisible on {element}" for element in found["bad"]]
    if found["checked"] == 0:
        problems.append(f"{name}: nothing on the page can get keyboard focus")
    elif found["keyboard"] < found["checked"]:
        problems.append(
            f"{name}: only {found['keyboard']} of {found['checked']} elements took keyboard focus;"
            " the check could not judge the others"
        )
    return problems


def overflow_problems(page: Page) -> list[str]:
    """Content wider than the window: the page scrolls sideways, or is cut off at the edge.

    Material hides horizontal overflow on <html>, so a box sticking out is cut off rather
    than scrollable; both fail WCAG 1.4.10 (reflow). Boxes inside something that scrolls on
    its own (a wide table's wrapper) or in a fixed panel (Material's closed drawer) are fine.
    """
    found = page.evaluate(
        """() => {
        const root = document.scrollingElement, width = root.clientWidth;
        const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.className && typeof el.className === 'string'
             ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        const contained = el => {
          for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.position === 'fixed' || s.overflowX !== 'visible') return true;
          }
          return getComputedStyle(el).position === 'fixed';
        };
        const out = el => {
          const box = el.getBoundingClientRect(), s = getComputedStyle(el);
          return box.width > 1 && box.height > 1 && s.visibility !== 'hidden'
            && (box.right > width + 1 || box.left < -1);
        };
        const sticking = [], spilling = [];
        for (const el of document.body.querySelectorAll('*')) {
          if (!out(el) || contained(el)) continue;
          if (el.parentElement && el.parentElement !== document.body && out(el.parentElement)) continue;
          const box = el.getBoundingClientRect();
          sticking.push(`${name(el)} (${Math.round(box.left)} to ${Math.round(box.right)} px)`);
        }
        if (root.scrollWidth > width) {
          for (const el of document.body.querySelectorAll('*')) {
            if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
                && getComputedStyle(el).overflowX === 'visible' && !contained(el)
                && ![...el.children].some(c => c.clientWidth > 0
                                               && c.scrollWidth > c.clientWidth + 1)) {
              spilling.push(`${name(el)} (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
            }
          }
        }
        if (!sticking.length && root.scrollWidth <= width) return null;
        return {width, scroll: root.scrollWidth, sticking: sticking.slice(0, 6),
                spilling: spilling.slice(0, 6)};
        }"""
    )
    if found is None:
        return []
    causes = []
    if found["sticking"]:
        causes.append("sticking out: " + ", ".join(found["sticking"]))
    if found["spilling"]:
        causes.append("content spilling out of: " + ", ".join(found["spilling"]))
    return [
        f"{here(page)}: wider than the window at {found['width']} px (the page is "
        f"{found['scroll']} px wide; what is wider scrolls sideways or is cut off); "
        f"{'; '.join(causes) or 'cause not found'}"
    ]


def mirrored_problems(page: Page) -> list[str]:
    """A right-to-left page is really mirrored: direction, and the school's name on the right."""
    found = page.evaluate(
        """() => {
        const brand = document.querySelector('.rc-header__brand');
        const tools = document.querySelector('.rc-languages');
        const box = el => el ? el.getBoundingClientRect() : null;
        return {dir: document.documentElement.getAttribute('dir'),
                body: getComputedStyle(document.body).direction,
                width: document.documentElement.clientWidth,
                brand: box(brand), languages: box(tools)};
        }"""
    )
    name = here(page)
    problems = []
    if found["dir"] != "rtl":
        problems.append(f'{name}: <html> has dir="{found["dir"]}", not dir="rtl"')
    if found["body"] != "rtl":
        problems.append(f"{name}: the page body runs {found['body']}, not right to left")
    brand, languages = found["brand"], found["languages"]
    if brand is None:
        problems.append(f"{name}: the header has no school name (.rc-header__brand)")
    elif brand["x"] + brand["width"] / 2 < found["width"] / 2:
        problems.append(f"{name}: the school's name sits on the left of the header, not the right")
    elif languages and languages["x"] > brand["x"]:
        problems.append(f"{name}: the language switcher sits right of the school's name")
    return problems


@dataclass
class Visit:
    """What one page showed in the browser: each list holds the problems of one check."""

    page: str
    axe: list[str] | None
    foreign: list[str]
    console: list[str]
    csp: list[str]
    skip_link: list[str]
    focus: list[str]
    phone: list[str]
    zoom: list[str]
    reflow: list[str]
    mirrored: list[str]


def visit(
    context: BrowserContext,
    origin: str,
    path: str,
    *,
    screenshots: Path,
    ready: str | None = None,
    axe: bool = True,
) -> Visit:
    """Open one page and run every check on it, at desktop, phone and 200 % zoom sizes.

    The page is loaded once and the window resized, as a reader turning a tablet or zooming
    would; screenshots go to `<screenshots>-desktop.png` and `<screenshots>-phone.png`.
    """
    screenshots.parent.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    page.set_viewport_size(DESKTOP)
    refused = block_foreign_requests(page, origin)
    console = record_console_errors(page)
    record_csp_violations(page)
    page.goto(f"{origin}/{path}")
    wait_until_ready(page, ready)
    name = here(page)
    page.screenshot(path=f"{screenshots}-desktop.png", full_page=True)
    axe_found = axe_problems(page) if axe else None
    mirrored = mirrored_problems(page)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{screenshots}-phone.png", full_page=True)
    phone = overflow_problems(page)
    page.set_viewport_size(ZOOM_200)
    zoom = overflow_problems(page)
    page.set_viewport_size(REFLOW_320)
    reflow = overflow_problems(page)
    page.set_viewport_size(DESKTOP)
    skip = skip_link_problems(page)
    focus = focus_problems(page)
    foreign = foreign_request_problems(page, refused)
    csp = csp_problems(page)
    page.close()
    return Visit(
        page=name,
        axe=axe_found,
        foreign=foreign,
        console=[f"{name}: console error: {error}" for error in console],
        csp=csp,
        skip_link=skip,
        focus=focus,
        phone=phone,
        zoom=zoom,
        reflow=reflow,
        mirrored=mirrored,
    )
