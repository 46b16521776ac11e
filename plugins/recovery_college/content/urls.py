"""One rule for every link a school writes, in whatever field or page it stands.

A link is `https:`, `mailto:` or `tel:`, or (in a page's Markdown) relative to the site: what
a reader's browser can open safely. `javascript:`, `data:` and plain `http:` are refused; so are
spaces and control characters, which browsers read in surprising ways. The same check serves
the models (sign-up links, map links, the complaints body's address) and the Markdown scan.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from recovery_college.content.messages import Problem

SAFE_SCHEMES = ("https", "mailto", "tel")
EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]+$")
TEL = re.compile(r"^\+?[0-9]{3,15}$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def url_problem(value: str, *, relative: bool = False) -> Problem | None:
    """What is wrong with a link, or None. `relative`: a link within the site is allowed."""
    if any(ch.isspace() or ord(ch) < 32 or ch == "\x7f" for ch in value):
        return _space_problem(value)
    found = SCHEME.match(value)
    if found is None:
        if relative or value.startswith("#"):
            return None
        return Problem(
            '"%(value)s" is not a full link. Write it with https://, mailto: or tel: in front.',
            value=value,
        )
    scheme = found.group(1).lower()
    rest = value[found.end() :]
    if scheme not in SAFE_SCHEMES:
        return Problem(
            'the link "%(value)s" starts with "%(scheme)s:". Links must start with https://, '
            "mailto: or tel: (a web address with http:// works with https:// in most cases).",
            value=value,
            scheme=scheme,
        )
    if scheme == "https" and not ("." in (urlsplit(value).hostname or "") and rest[:2] == "//"):
        return Problem(
            '"%(value)s" is not a web address. Write a full link such as https://www.example.dk/.',
            value=value,
        )
    if scheme == "mailto" and not EMAIL.match(rest.split("?", 1)[0]):
        return Problem(
            '"%(value)s" is not an e-mail link. Write mailto: and the address, such as '
            "mailto:kontakt@example.dk.",
            value=value,
        )
    if scheme == "tel" and any(ch.isalpha() for ch in rest):
        return Problem(
            'the phone link "%(value)s" has letters in it. Write tel: and the number in '
            "digits, such as tel:+4512345678.",
            value=value,
        )
    if scheme == "tel" and not TEL.match(rest):
        return Problem(
            '"%(value)s" is not a phone link. Write tel: and the number without spaces, such '
            "as tel:+4512345678.",
            value=value,
        )
    return None


def _space_problem(value: str) -> Problem:
    """A space in a link: for an e-mail address or a phone number, the link without it."""
    fixed = "".join(ch for ch in value if not ch.isspace())
    scheme = SCHEME.match(fixed)
    name, rest = (scheme.group(1).lower(), fixed[scheme.end() :]) if scheme else ("", fixed)
    if name == "mailto" and EMAIL.match(rest.split("?", 1)[0]):
        return Problem(
            'the e-mail link "%(value)s" has a space in it; an e-mail address has none. '
            "Write %(fixed)s.",
            value=value,
            fixed=fixed,
        )
    if name == "tel" and TEL.match(rest):
        return Problem(
            'the phone link "%(value)s" has spaces in it. Write the number without spaces: '
            "%(fixed)s.",
            value=value,
            fixed=fixed,
        )
    return Problem(
        'the link "%(value)s" has a space or a line break in it. Write it without spaces '
        "(a space in a web address is written %%20).",
        value=value,
    )


def safe_url(value: str) -> str:
    """A pydantic validator: the value if it is a safe absolute link, else its Problem."""
    problem = url_problem(value)
    if problem is not None:
        raise problem
    return value


def email_address(value: str) -> str:
    """A pydantic validator for an e-mail address that the site writes into mailto: links."""
    if not EMAIL.match(value):
        raise Problem(
            '"%(value)s" is not an e-mail address. Write it as name@example.dk.', value=value
        )
    return value


# Where links stand in Markdown: inline links and images, reference definitions, autolinks,
# and the address attributes of raw HTML. Code is blanked out first: a link in code is text.
MARKDOWN_LINKS = re.compile(
    r"\]\(\s*<?(?P<inline>(?:[^()\s>]|\([^()\s]*\))+)"
    r"|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(?P<reference>[^\s>]+)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"
    r"""|\b(?:href|src|action|formaction|xlink:href)\s*=\s*["'](?P<attribute>[^"']*)["']""",
    re.M | re.I,
)
# The rest of an inline link's parentheses after a space, when it is not a title.
SPACED = re.compile(r"[ \t]+(?![\"'(])[^()\n]*\)")
FENCE = re.compile(r"^([ ]{0,3})(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_links(markdown: str) -> list[tuple[int, int, str]]:
    """Every link address in a page's Markdown, with its line and column (1-based)."""
    text = CODE_SPAN.sub(_blank, FENCE.sub(_blank, markdown))
    found = []
    for match in MARKDOWN_LINKS.finditer(text):
        group = next(name for name in ("inline", "reference", "auto", "attribute") if match[name])
        start = match.start(group)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        url = match[group]
        if group == "inline":
            # "(mailto:kontakt @skole.dk)": the address goes on after a space, and what
            # follows is not a title in quotes. The link is the whole of it, space and all.
            rest = SPACED.match(text, match.end(group))
            if rest is not None:
                url += rest[0].rstrip(")")
        found.append((line, column, url))
    return found
