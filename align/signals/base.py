"""What a signal is: evidence about the candidate links of one document pair, as costs.

The aligner keeps one list of signals (``align.aligner.SIGNALS``) and adds up
``weight * costs`` of each for every candidate link, so a new signal is one module with a
class of this shape and one entry in that list. Signals price two-sided links only; a
one-sided link pays its prior alone (see ``align.aligner``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

import numpy as np

from align.model import Document

if TYPE_CHECKING:
    from align.aligner import Settings


class Signal(Protocol):
    """One kind of evidence, set up for one document pair."""

    name: ClassVar[str]
    """Unique among the signals: ``Settings.signals_off`` leaves a signal out by it."""
    weight: float
    """Nats per unit of cost: the aligner adds ``weight * costs(...)``."""

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> Signal | None:
        """The signal for this pair, or None when it has nothing to say here (no lexicon
        for these languages, a weight of 0)."""
        ...

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Unweighted cost of each link of ``a`` source segments from ``i[k]`` and ``b``
        target segments from ``j[k]`` (a, b ≥ 1); lower means likelier."""
        ...

    def proxy(self) -> Signal | None:
        """A cheaper stand-in for the corridor search of a long pair, or None when this
        signal is cheap enough to price that search itself."""
        ...

