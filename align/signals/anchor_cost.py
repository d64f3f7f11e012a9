"""The anchor signal: shared numbers and names make a link cheaper, unmatched numbers
dearer (counts capped at 4, so that a table of figures cannot outvote everything)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from align.model import Document
from align.signals.anchors import NAMES, NUMBERS, AnchorCounts
from align.signals.chrf import match_counts

if TYPE_CHECKING:
    from align.aligner import Settings, Weights

_CAP = 4


class AnchorCost:
    """Its three parts carry their own weights (``Weights.number_match``,
    ``number_mismatch``, ``name_match``), so the signal as a whole counts once."""

    name: ClassVar[str] = "anchors"
    weight = 1.0

    def __init__(self, counts: AnchorCounts, weights: Weights) -> None:
        self.counts = counts
        self._weights = weights

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> AnchorCost:
        return cls(AnchorCounts(source.texts, target.texts), settings.weights)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        w = self._weights
        src, tgt = self.counts.spans("src", a), self.counts.spans("tgt", b)
        shared = match_counts(src, i, tgt, j)
        numbers, names = shared[:, NUMBERS], shared[:, NAMES]
        unmatched = src.totals[i, NUMBERS] + tgt.totals[j, NUMBERS] - 2 * numbers
        return (-w.number_match * np.minimum(numbers, _CAP)
                + w.number_mismatch * np.minimum(unmatched, _CAP)
                - w.name_match * np.minimum(names, _CAP))

    def proxy(self) -> None:
        return None
