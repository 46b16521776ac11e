"""The school itself: its facts, help lines, accessibility statement and section lists."""
