"""What every part of the site builds on to make output: the Feature protocol and its build
context, UI words and dates, page views, pagination, the sitemap and the PDF stage.

Nothing here knows a kind of content; the kinds import from here, never the other way.
"""
