"""How wide a report's terminal is, with one guess for when there is none.

``sverka compare`` and ``sverka check`` lay out tables to the terminal's width; piped to
a file or a CI log there is no terminal, and both assume the same size.
"""

from __future__ import annotations

import shutil

FALLBACK_TERMINAL_SIZE: tuple[int, int] = (120, 24)
"""Columns and lines assumed when the output is not a terminal."""


def terminal_width(width: int | None = None) -> int:
    """``width`` when given, else the terminal's columns (or the fallback's)."""
    return width or shutil.get_terminal_size(FALLBACK_TERMINAL_SIZE).columns
