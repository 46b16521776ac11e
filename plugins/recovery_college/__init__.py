"""Recovery-school site generator: a plain Python core with thin MkDocs plugins on top."""

__version__ = "0.1.0"
