"""Settings a site shares that are not content: declared once, each with its reason.

The reference language is not here: it is the `theme.language` of mkdocs.yml, read once by
`languages.discover` and known everywhere as `Project.default`.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

# Danish schools: every date and time in content and output is local time in Denmark.
TIMEZONE = ZoneInfo("Europe/Copenhagen")
# "Few places left" when at most this share of a course's places is free (3 of 14 is few,
# 5 of 14 is not); a course without a capacity counts at most this many places as few.
FEW_PLACES_SHARE = 0.25
FEW_PLACES_WITHOUT_CAPACITY = 3


def build_time() -> dt.datetime:
    """'Now' for statuses: the build time, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), TIMEZONE)
    return dt.datetime.now(TIMEZONE)
