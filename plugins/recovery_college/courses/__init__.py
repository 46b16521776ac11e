"""Courses and terms: offerings, venues, themes; the catalogue, term and course pages, the
programme PDF, calendars and courses.json."""
