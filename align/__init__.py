"""sverka: align an original with its translation; the engine (no UI)."""

__version__ = "0.1.0"
