"""The commands a publishing pipeline runs around `build`: `fetch-published` and `offline`.

Kept apart from cli.py so the pipelines' needs do not crowd the editors' commands; cli.py
registers them with `register`. Both print through Messages, in the editor's language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recovery_college.content.messages import Messages
from recovery_college.engine import offline, published


def cmd_fetch_published(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = Path(args.out).resolve() if args.out else root / "site"
    messages = Messages.from_environment()
    try:
        report = published.fetch(root, site, args.url)
    except published.NoAddress as exc:
        print(
            messages.say(
                'mkdocs.yml has no site address: site_url is "%(url)s". Write the address the '
                "site is published at, for example site_url: https://skolen.dk/.",
                url=str(exc),
            ),
            file=sys.stderr,
        )
        return 1
    except published.FetchFailed as exc:
        print(
            messages.say(
                "Could not fetch %(url)s (%(reason)s), so nothing was built. The build needs "
                "the published change log and calendars to carry on from them. Check that "
                "site_url in mkdocs.yml is the site's address, or run the pipeline again later.",
                url=exc.url,
                reason=exc.reason,
            ),
            file=sys.stderr,
        )
        return 1
    for name in report.fetched:
        print(messages.say("Fetched %(url)s.", url=report.base_url + name))
    for name in report.missing:
        print(
            messages.say(
                "Not published yet: %(url)s. The build starts it afresh.",
                url=report.base_url + name,
            )
        )
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site = Path(args.site).resolve() if args.site else root / "site"
    archive = Path(args.out).resolve() if args.out else root / "site-offline.zip"
    messages = Messages.from_environment()
    try:
        report = offline.make_archive(site, archive)
    except offline.NoSite as exc:
        print(
            messages.say(
                "There is no built site in %(folder)s. Build it first (./scripts/build).",
                folder=str(exc.path),
            ),
            file=sys.stderr,
        )
        return 1
    print(
        messages.say(
            "Wrote %(archive)s: %(pages)s pages, %(size)s MB. Unpack it and open index.html "
            "in a browser; it works without a network, but without search.",
            archive=str(report.archive),
            pages=report.pages,
            size=messages.decimal(report.size / 1_000_000),
        )
    )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add the two commands to `recovery-college`."""
    fetch = commands.add_parser(
        "fetch-published",
        help="download the published change log and calendars into site/ (before a build in CI)",
    )
    fetch.add_argument("--url", help="the site's address (default: site_url in mkdocs.yml)")
    fetch.add_argument("--out", help="the folder the build publishes to (default: site/)")
    fetch.set_defaults(func=cmd_fetch_published)
    copy = commands.add_parser(
        "offline", help="make a zip of the built site that works opened from disk"
    )
    copy.add_argument("--site", help="the built site (default: site/)")
    copy.add_argument("--out", help="the archive to write (default: site-offline.zip)")
    copy.set_defaults(func=cmd_offline)
