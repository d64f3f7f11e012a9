"""Length evidence: a Gale–Church model whose ratio is estimated per pair.

Translations are longer or shorter than their originals by a ratio that depends on the
language pair and the translator, so the ratio is taken from the document pair itself.
The spread stays Gale & Church's, scaled by the ratio: re-estimating it from each pair's
own 1-1 links was measured and lost F1 everywhere (dev paragraphs 0.987 → 0.980,
sentences 0.974 → 0.961, the 4,000-paragraph book 0.978 → 0.952), because paragraph
lengths vary more than sentence lengths and a wider spread makes length say less.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
from scipy.special import log_ndtr

from align.ingest.normalize import signal_text
from align.model import Document

if TYPE_CHECKING:
    from align.aligner import Settings

DEFAULT_VARIANCE = 6.8  # Gale & Church's spread per character, scaled by the ratio


def text_length(text: str) -> int:
    """Characters that carry content: whitespace and invisible characters do not count."""
    plain = signal_text(text)
    return len(plain) - plain.count(" ")


class LengthModel:
    """Cost (negative log probability) that a target span translates a source span."""

    def __init__(self, src_lengths: np.ndarray, tgt_lengths: np.ndarray,
                 variance: float | None = None) -> None:
        self.src_prefix = np.concatenate([[0.0], np.cumsum(src_lengths, dtype=np.float64)])
        self.tgt_prefix = np.concatenate([[0.0], np.cumsum(tgt_lengths, dtype=np.float64)])
        total_src = max(self.src_prefix[-1], 1.0)
        self.ratio = max(self.tgt_prefix[-1], 1.0) / total_src
        self.variance = variance if variance is not None else DEFAULT_VARIANCE * self.ratio

    def lengths(self, a: int, b: int, starts_src: np.ndarray, starts_tgt: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        src = self.src_prefix[starts_src + a] - self.src_prefix[starts_src]
        tgt = self.tgt_prefix[starts_tgt + b] - self.tgt_prefix[starts_tgt]
        return src, tgt

    def deltas(self, a: int, b: int, starts_src: np.ndarray, starts_tgt: np.ndarray) -> np.ndarray:
        """Standardised difference between the target length and the expected one."""
        src, tgt = self.lengths(a, b, starts_src, starts_tgt)
        mean = np.maximum((src + tgt / self.ratio) / 2.0, 1.0)
        return (tgt - self.ratio * src) / np.sqrt(mean * self.variance)

    def costs(self, a: int, b: int, starts_src: np.ndarray, starts_tgt: np.ndarray) -> np.ndarray:
        """-log P(|delta| at least this large): 0 for a perfect fit, growing quadratically."""
        delta = np.abs(self.deltas(a, b, starts_src, starts_tgt))
        return -(np.log(2.0) + log_ndtr(-delta))


class LengthCost:
    """The length signal: how badly a link's lengths fit the pair's ratio."""

    name: ClassVar[str] = "length"

    def __init__(self, model: LengthModel, weight: float) -> None:
        self.model = model
        self.weight = weight

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> LengthCost:
        model = LengthModel(np.array([text_length(t) for t in source.texts], dtype=float),
                            np.array([text_length(t) for t in target.texts], dtype=float))
        return cls(model, settings.weights.length)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The misfit, -log P(|delta| at least this large)."""
        return self.model.costs(a, b, i, j)

    def proxy(self) -> None:
        return None
