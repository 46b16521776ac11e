"""Guides for citizens and staff: front matter, source credits and readability."""
