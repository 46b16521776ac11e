"""What a site is made of: the kinds of content it loads and the features that build it.

This is the top layer. The loading core (content/) knows no kind, and each kind's package
knows only the core and outputs/; here they are put together. A new kind of content is a
package with a `KIND` (its front matter models and loader) and a Feature, and a line in each
list below.
"""

from __future__ import annotations

from pathlib import Path

from recovery_college.content.loading import Kind, Project
from recovery_college.content.loading import load_project as load_kinds
from recovery_college.content.messages import Messages
from recovery_college.content.yamlsource import ParseCache
from recovery_college.courses import load as courses
from recovery_college.courses.feature import CatalogueFeature, ProspectusFeature
from recovery_college.editing import load as editing
from recovery_college.glossary import load as glossary
from recovery_college.glossary.feature import GlossaryFeature
from recovery_college.guides import load as guides
from recovery_college.guides.feature import GuidesFeature
from recovery_college.ideas import load as ideas
from recovery_college.ideas.feature import IdeasFeature
from recovery_college.outputs.feature import Feature
from recovery_college.outputs.pagesize import PageSizeFeature
from recovery_college.outputs.searchwords import SearchWordsFeature
from recovery_college.school import load as school
from recovery_college.school.feature import BasicsFeature
from recovery_college.sessions import load as sessions
from recovery_college.sessions.feature import SessionsFeature

KINDS: list[Kind] = [
    school.KIND,
    courses.KIND,
    glossary.KIND,
    guides.KIND,
    sessions.KIND,
    ideas.KIND,
    editing.KIND,
]

FEATURES: list[type[Feature]] = [
    BasicsFeature,
    GlossaryFeature,
    GuidesFeature,
    CatalogueFeature,
    IdeasFeature,
    SessionsFeature,
    ProspectusFeature,
    SearchWordsFeature,
    PageSizeFeature,  # last: compacts the pages the others wrote
]


def load_project(
    root: Path,
    cache: ParseCache | None = None,
    messages: Messages | None = None,
    *,
    allow_placeholders: bool = False,
) -> Project:
    """Every kind of content of the site at `root`, validated (see content.loading)."""
    return load_kinds(root, KINDS, cache, messages, allow_placeholders=allow_placeholders)
