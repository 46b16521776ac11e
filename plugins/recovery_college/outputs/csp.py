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
        # Pagefind's search runs WebAssembly, which needs 'wasm-unsafe-eval' (not 'unsafe-eval').
        "script-src 'self' 'wasm-unsafe-eval'",
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
HEADER_POLICY = POLICY + "; frame-ancestors 'none'"
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def headers_file() -> str:
    """`_headers`: the policy and a few safe defaults for every address of the site."""
    lines = ["/*", f"  Content-Security-Policy: {HEADER_POLICY}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def htaccess() -> str:
    """`.htaccess` for an Apache web server with mod_headers (many municipal hosts)."""
    lines = ["<IfModule mod_headers.c>"]
    headers = {"Content-Security-Policy": HEADER_POLICY, **OTHER_HEADERS}
    lines += [f'  Header always set {name} "{value}"' for name, value in headers.items()]
    lines.append("</IfModule>")
    return "\n".join(lines) + "\n"
