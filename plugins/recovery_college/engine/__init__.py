"""The MkDocs glue: the plugin, the build of every language, the preview, the freshness check.

Only this package imports MkDocs. With `RC_ENGINE=properdocs` in the environment it runs on
ProperDocs (the maintained fork of MkDocs 1.6) instead: ProperDocs answers every `mkdocs.*`
import, so the plugin, Material and the build run unchanged. This must happen before anything
imports `mkdocs`, which is why it is done here, where the glue is first imported.
"""

import os

if os.environ.get("RC_ENGINE") == "properdocs":
    import properdocs.replacement  # noqa: F401  # redirects every later `import mkdocs...`
