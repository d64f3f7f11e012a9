"""chrF's shared n-gram counts of many pairs, compiled (numba), for a long text.

scipy's ``minimum`` of two row selections copies both sides' rows before it merges them;
on a 46,000-paragraph book, whose exact pass matches half a million span pairs of some
2,500 n-grams a side, the copies took longer than the merge. This kernel reads both rows
in place. ``align.signals.lexical.ChrfSimilarity`` uses it for a
pair too long to count whole (numba's import would cost an article more than its
alignment); ``tests/test_chrf_stretches.py`` checks it against the numpy and scipy paths.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def merged_match_counts(hyp_starts: np.ndarray, hyp_columns: np.ndarray,
                        hyp_values: np.ndarray, hyp_rows: np.ndarray,
                        ref_starts: np.ndarray, ref_columns: np.ndarray,
                        ref_values: np.ndarray, ref_rows: np.ndarray,
                        channel_of_column: np.ndarray, channels: int, width: int) -> np.ndarray:
    """Per pair and channel, Σ min(hyp, ref) over the columns both rows hold. The hyp
    row is spread into a dense row once for the pairs in a row that share it (a search
    asks for each source span against a few target spans), and each ref cell looks its
    column up there: no copies, and no branch on which side's column comes first."""
    out = np.zeros((len(hyp_rows), channels))
    dense = np.zeros(width)
    current = -1
    for pair in range(len(hyp_rows)):
        row = hyp_rows[pair]
        if row != current:
            if current >= 0:
                for x in range(hyp_starts[current], hyp_starts[current + 1]):
                    dense[hyp_columns[x]] = 0.0
            for x in range(hyp_starts[row], hyp_starts[row + 1]):
                dense[hyp_columns[x]] = hyp_values[x]
            current = row
        other = ref_rows[pair]
        for y in range(ref_starts[other], ref_starts[other + 1]):
            column = ref_columns[y]
            out[pair, channel_of_column[column]] += min(dense[column], ref_values[y])
    return out
