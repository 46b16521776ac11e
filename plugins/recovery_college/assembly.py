"""What a site is made of: the kinds of content it loads and the features that build it.

This is the top layer. The loading core (content/) knows no kind, and each kind's package
knows only the core and outputs/; here they are put together. A new kind of content is a
package with a `KIND` (its front matter models and loader) and a Feature, and a line in each
list below.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from recovery_college.outputs.searchindex import SearchIndexFeature
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
    SearchIndexFeature,
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


@dataclass
class Handover:
    """The project the driver has just loaded and checked, for the language builds it forks.

    Every language build used to load and check the whole project again in its own process:
    at 10,000 offerings 350 MB of objects in each, two at once, besides the driver's own
    copy. A forked build starts with the driver's memory, so it finds the project here and
    uses it (its pages are shared with the driver until written to; `gc.freeze` in the
    driver keeps the garbage collector from writing to them). The driver sets it only
    while it starts the language builds (`handing_over`), so no later build in the same
    process meets an old project; a build that is not forked loads the project itself.
    """

    root: Path | None = None
    project: Project | None = None

    def take(self, root: Path) -> Project | None:
        if self.project is None or self.root != root.resolve():
            return None
        return self.project

    @contextmanager
    def handing_over(self, project: Project) -> Iterator[None]:
        self.root, self.project = project.root.resolve(), project
        try:
            yield
        finally:
            self.root, self.project = None, None


# The process's handover: set in the driver (engine/build.py), read in the forked language
# builds (engine/plugin.py).
HANDOVER = Handover()
