"""The glossary of Danish services: its entries, its pages and the links to it from every page."""
