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

from align.ingest.normalize import signal_text
from align.model import Document

if TYPE_CHECKING:
    from align.aligner import Settings

DEFAULT_VARIANCE = 6.8  # Gale & Church's spread per character, scaled by the ratio


def text_length(text: str) -> int:
    """Characters that carry content: whitespace and invisible characters do not count."""
    plain = signal_text(text)
    return len(plain) - plain.count(" ")


# W. J. Cody's rational approximations of the normal distribution (Math. Comp. 1969; the
# coefficients of his ANORM, as R's pnorm uses them): near the centre, up to sqrt(32), and
# in the far tail, each accurate to about 1e-16.
_CENTRE = (np.array([2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
                     18154.981253343561249, 0.065682337918207449113]),
           np.array([47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
                     45507.789335026729956]))
_MIDDLE = (np.array([0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
                     597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
                     11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8]),
           np.array([22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                     6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
                     38912.003286093271411, 19685.429676859990727]))
_TAIL = (np.array([0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
                   0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303]),
         np.array([1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                   0.00378239633202758244, 7.29751555083966205e-5]))
_CENTRE_END, _MIDDLE_END = 0.66291, np.sqrt(32.0)


def _ratio(coefficients: tuple[np.ndarray, np.ndarray], x: np.ndarray, leading: int
           ) -> np.ndarray:
    """Cody's rational function: numerator and denominator by Horner's rule, the
    numerator's ``leading`` coefficient multiplying the highest power."""
    top, bottom = coefficients
    numerator, denominator = top[leading] * x, x.copy()
    for k in range(len(bottom) - 1):
        numerator = (numerator + top[k]) * x
        denominator = (denominator + bottom[k]) * x
    return (numerator + top[len(bottom) - 1]) / (denominator + bottom[-1])


def log_normal_tail(x: np.ndarray) -> np.ndarray:
    """log P(Z > x) of a standard normal Z, for x >= 0, to about 1e-15 relative, and
    without underflow far out in the tail (scipy.special.log_ndtr(-x), in numpy: importing
    scipy.special cost more than aligning a short article)."""
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    centre = x <= _CENTRE_END
    y = x[centre]
    out[centre] = np.log(0.5 - y * _ratio(_CENTRE, y * y, 4))
    middle = ~centre & (x <= _MIDDLE_END)
    y = x[middle]
    out[middle] = _log_gaussian(y) + np.log(_ratio(_MIDDLE, y, 8))
    tail = x > _MIDDLE_END
    y = x[tail]
    inverse_square = 1.0 / (y * y)
    density_share = inverse_square * _ratio(_TAIL, inverse_square, 5)
    out[tail] = _log_gaussian(y) + np.log((1.0 / np.sqrt(2.0 * np.pi) - density_share) / y)
    return out


def _log_gaussian(y: np.ndarray) -> np.ndarray:
    """-y²/2, with y² split at a multiple of 1/16 as Cody does, for accuracy."""
    rounded = np.trunc(y * 16.0) / 16.0
    return -rounded * rounded * 0.5 - (y - rounded) * (y + rounded) * 0.5


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
        return -(np.log(2.0) + log_normal_tail(delta))


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
