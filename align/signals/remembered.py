"""A similarity's z-scores remembered between the signals that ask for the same links.

The lexicon signal prices every link of a block of the search, and the merge rule
(``signals.lexical.MergeGain``) then asks for the same similarity of each merge and of its
parts, which are the block's 1-1 and 2-1 links, priced a moment before; on a short pair
the exact pass also asks again for links the corridor search priced. Remembering the last
batch of each link shape answers those without a second dictionary look-up (a third of a
46,000-paragraph book's pricing was such repeats).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Similarity(Protocol):
    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
          ) -> np.ndarray: ...


class RememberedZ:
    """``similarity.z`` with, for each link shape, the links of the last batch that had
    to be priced: a link asked for again is read back, bit for bit the same."""

    def __init__(self, similarity: Similarity, n_tgt: int) -> None:
        self.similarity = similarity
        self._width = n_tgt + 1
        self._known: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        """Per shape: the sorted keys (i * width + j) of the links last priced, their z."""

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        keys = np.asarray(src_starts, dtype=np.int64) * self._width + np.asarray(tgt_starts)
        out = np.empty(len(keys))
        missing = np.ones(len(keys), dtype=bool)
        known = self._known.get((a, b))
        if known is not None and len(known[0]):
            known_keys, known_z = known
            at = np.minimum(np.searchsorted(known_keys, keys), len(known_keys) - 1)
            found = known_keys[at] == keys
            out[found] = known_z[at[found]]
            missing = ~found
        if missing.any():
            out[missing] = self.similarity.z(a, b, np.asarray(src_starts)[missing],
                                             np.asarray(tgt_starts)[missing])
            if missing.mean() > 0.5:  # a new batch, not the parts of one: remember it
                order = np.argsort(keys, kind="stable")
                self._known[(a, b)] = keys[order], out[order]
        return out
