"""Z-normalisation of a similarity against pairs that cannot be translations.

A similarity's raw level depends on the language pair and the texts, so each document
pair's scores are compared with random pairs far from the diagonal ("how much more alike
than chance"). The chrF and lexicon signals share this one definition.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

BACKGROUND_PAIRS = 400


@lru_cache(maxsize=256)
def background_pairs(n_src: int, n_tgt: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Distinct random (i, j) pairs far enough from the diagonal to be unrelated (none for
    a pair too short to have any). Drawn once per process for each size (read-only
    arrays): a batch worker's articles come in few sizes, and each is priced by two or
    three signals."""
    if n_src < 4 or n_tgt < 4:
        return _read_only(np.empty(0, np.int64)), _read_only(np.empty(0, np.int64))
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n_src, size=4 * BACKGROUND_PAIRS)
    j = rng.integers(0, n_tgt, size=4 * BACKGROUND_PAIRS)
    gap = np.abs(j - i * (n_tgt / n_src))
    far = gap >= max(3.0, 0.1 * min(n_src, n_tgt))
    i, j = i[far], j[far]
    # each pair once: a short text has few far pairs, and drawn a hundred times each they
    # looked like a background of hundreds (six sentences: a dozen pairs, a spread so
    # narrow that a true pair sharing no dictionary word cost 8.7)
    _, first = np.unique(i * n_tgt + j, return_index=True)
    kept = np.sort(first)[:BACKGROUND_PAIRS]
    return _read_only(i[kept]), _read_only(j[kept])


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def median(values: np.ndarray) -> float:
    """np.median's value (the mean of the two middle values of an even count, NaN if any
    is NaN), without the numpy.ma import np.median makes on its first call."""
    values = np.asarray(values, dtype=np.float64).ravel()
    half = len(values) // 2
    if len(values) == 0 or np.isnan(values).any():
        return float("nan")
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    middle = np.partition(values, (half - 1, half))
    return float((middle[half - 1] + middle[half]) / 2.0)


def quantile(values: np.ndarray, q: float) -> float:
    """np.quantile's value (its default, linear method; NaN if any value is NaN), without
    the numpy.ma import np.quantile makes on its first call: numpy's own arithmetic, step
    by step (its index (n - 1)·q, then its two-sided interpolation)."""
    values = np.asarray(values, dtype=np.float64).ravel()
    n = len(values)
    if n == 0 or np.isnan(values).any():
        return float("nan")
    virtual = (n - 1) * q
    if virtual >= n - 1:
        return float(values.max())
    if virtual < 0:
        return float(values.min())
    below = int(np.floor(virtual))
    gamma = virtual - below
    ordered = np.partition(values, (below, below + 1))
    low, high = ordered[below], ordered[below + 1]
    step = high - low
    return float(high - step * (1 - gamma) if gamma >= 0.5 else low + step * gamma)


def background_mean_spread(scores: np.ndarray, fallback: tuple[float, float],
                           sparse_scores: bool = False) -> tuple[float, float]:
    """Median and spread of the background scores (robust: short lines skew a mean), or
    ``fallback`` when there are too few to trust.

    The spread is the scaled median absolute deviation. For ``sparse_scores`` (a
    dictionary's: most random pairs of short lines share no word at all, so that deviation
    is zero and one shared word would count as a dozen spreads) it is at least the distance
    from the median to the 84th percentile, one standard deviation of a normal background.
    (chrF keeps the deviation alone: the percentile cost it 0.003 paragraph F1 on dev.)"""
    if len(scores) < 20:
        return fallback
    mean = median(scores)
    deviation = 1.4826 * median(np.abs(scores - mean))
    if sparse_scores:
        deviation = max(deviation, quantile(scores, 0.8413) - mean)
    return mean, max(deviation, 0.25 * fallback[1], 1e-3)
