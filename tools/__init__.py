"""Developer tools that are not part of the site generator: the benchmark and a local server."""
