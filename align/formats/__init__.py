"""Writers and safe readers for the files sverka exports: TMX 1.4b, XLIFF 1.2, TSV, XLSX.

Scores are written the same way everywhere (the .align.json, TMX props, TSV), so the one
rule for it lives here. Import the writers and readers from their modules: this package
stays light, so reading a project does not load lxml.
"""

from __future__ import annotations

SCORE_DECIMALS = 4
"""Scores are written with at most this many decimals: more is noise and spoils diffs."""


def round_score(score: float) -> float:
    """A link score as it is written to any file (rounded to :data:`SCORE_DECIMALS`)."""
    return round(float(score), SCORE_DECIMALS)


def format_score(score: float) -> str:
    """A link score as text, e.g. ``0.93`` (shortest form of the rounded value)."""
    return repr(round_score(score))

