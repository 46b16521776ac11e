"""The Content-Security-Policy every page carries, and the header files for hosts that read one.

Scripts, styles, fonts and images come from the site itself; there is no inline script and no
third party. A `<meta http-equiv>` works on any static host; `_headers` (Netlify, Cloudflare
Pages and others) and `.htaccess` (Apache) also send it as a header, where `frame-ancestors`
(which a meta tag cannot set) keeps other sites from framing the pages.
"""

from __future__ import annotations

POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        # Material's stylesheet draws its few icons as data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def header_policy(policy: str) -> str:
    """A policy sent as a header, where `frame-ancestors` (which a meta tag cannot set) works."""
    return policy + "; frame-ancestors 'none'"


HEADER_POLICY = header_policy(POLICY)
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def headers_block(path: str, headers: dict[str, str], *, replace: tuple[str, ...] = ()) -> str:
    """A `_headers` rule: the headers sent for addresses matching `path`. Cloudflare Pages
    merges the rules that match; `replace` names headers that a broader rule set and this
    one sends instead (its `! Name` line)."""
    lines = [path, *(f"  ! {name}" for name in replace)]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def headers_file() -> str:
    """`_headers`: the policy and a few safe defaults for every address of the site."""
    return headers_block("/*", {"Content-Security-Policy": HEADER_POLICY, **OTHER_HEADERS})


def htaccess(headers: dict[str, str] | None = None) -> str:
    """`.htaccess` for an Apache web server with mod_headers (many municipal hosts): the
    site's policy and defaults, or the `headers` a folder sends instead."""
    if headers is None:
        headers = {"Content-Security-Policy": HEADER_POLICY, **OTHER_HEADERS}
    lines = ["<IfModule mod_headers.c>"]
    lines += [f'  Header always set {name} "{value}"' for name, value in headers.items()]
    lines.append("</IfModule>")
    return "\n".join(lines) + "\n"
