"""What staff edit with: JSON Schemas for their editor, and the browser editor at /admin/."""
