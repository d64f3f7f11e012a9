"""Length evidence: a Gale–Church model whose ratio and spread are estimated per pair.

Translations are longer or shorter than their originals by a ratio that depends on the
language pair and the translator, so both the ratio and the spread are taken from the
document pair itself rather than from constants for one language pair.
"""

from __future__ import annotations

import numpy as np
from scipy.special import log_ndtr

DEFAULT_VARIANCE = 6.8  # Gale & Church's spread per character, scaled by the ratio


def text_length(text: str) -> int:
    """Characters that carry content: whitespace does not count."""
    return len(text) - sum(text.count(space) for space in (" ", "\t", "\n"))


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

    def refit(self, deltas: np.ndarray) -> None:
        """Re-estimate the spread from the deltas of links believed right (robustly)."""
        if len(deltas) >= 8:
            spread = float(np.median(deltas ** 2)) / 0.455  # median of chi-square(1)
            self.variance = float(np.clip(self.variance * spread, 0.5 * self.ratio, 60.0 * self.ratio))
