"""Is the target a translation of the source at all? A document-level test on the aligned
pair, so that two unrelated texts are refused instead of aligned with a confident look.

The aligner always finds some path, and between unrelated texts its links are simply the
least bad ones. What gives them away:
- ``rank``: a true 1-1 link is better than pairing its source with a random target
  paragraph (and its target with a random source one); an unrelated pair's links beat
  random pairings only as much as the search's choice among neighbours allows. Mean share
  of random pairings that cost less than the link.
- ``top``: the share of 1-1 links that no random pairing beats.
- ``posterior``: the mean link posterior (unrelated paths have many near-equal
  alternatives).
- ``one_to_one``: the share of links that are 1-1 (the search reaches for merges and
  one-sided links where nothing fits).

A logistic model over these, fitted on the dev cases' tune split (real restructured
translations against unrelated pairs of the same language pair and genre), gives
:attr:`TranslationFit.score`; pairs below :data:`THRESHOLD` are refused. The threshold
sits half a logit below the lowest real pair of the tune split, so that a real
translation is not refused (scripts/evaluate_dev.py reports both rates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from align.search import Step

RANDOM_PAIRINGS = 64
"""Random partners each 1-1 link is compared with, per side."""
MAX_LINKS_SAMPLED = 400
"""1-1 links looked at on a long pair (a fixed-seed sample): enough for the means."""
MIN_SEGMENTS = 3
"""A side with fewer segments is too short to judge: such a pair is never refused."""

_WEIGHTS = {"intercept": -9.091, "rank": -8.943, "top": 4.389, "posterior": 5.577,
            "one_to_one": 5.422}
THRESHOLD = -2.91
"""Scores below this are not a translation (logit units of the model above)."""

CostFunction = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class TranslationFit:
    """The document-level evidence that the target translates the source."""

    rank: float
    top: float
    posterior: float
    one_to_one: float
    judged: bool
    """False when the pair is too short to judge (it then counts as a translation)."""

    @property
    def score(self) -> float:
        w = _WEIGHTS
        return (w["intercept"] + w["rank"] * self.rank + w["top"] * self.top
                + w["posterior"] * self.posterior + w["one_to_one"] * self.one_to_one)

    @property
    def is_translation(self) -> bool:
        return not self.judged or self.score >= THRESHOLD

    def describe(self) -> str:
        """The figures, for the refusal message and the project's meta."""
        return (f"translation fit {self.score:.1f}, where translations score {THRESHOLD} or "
                f"more: {self.top:.0%} of its 1-1 links are better than any random pairing, "
                f"mean confidence {self.posterior:.2f}")


def translation_fit(cost: CostFunction, steps: Sequence[Step], posteriors: np.ndarray,
                    n_src: int, n_tgt: int, seed: int = 0) -> TranslationFit:
    """The fit of an aligned pair: ``cost`` prices 1-1 links as the search did."""
    ones = [step for step in steps if step.a == 1 and step.b == 1]
    posterior = float(np.mean(posteriors)) if len(posteriors) else 1.0
    one_to_one = len(ones) / max(len(steps), 1)
    if min(n_src, n_tgt) < MIN_SEGMENTS:
        return TranslationFit(0.0, 1.0, posterior, one_to_one, judged=False)
    if not ones:  # nothing fits one to one: as far from a translation as the model sees
        return TranslationFit(1.0, 0.0, posterior, one_to_one, judged=True)
    rng = np.random.default_rng(seed)
    if len(ones) > MAX_LINKS_SAMPLED:
        ones = [ones[k] for k in sorted(rng.choice(len(ones), MAX_LINKS_SAMPLED,
                                                   replace=False))]
    i = np.array([step.i for step in ones], dtype=np.int64)
    j = np.array([step.j for step in ones], dtype=np.int64)
    chosen = cost(1, 1, i, j)
    k = RANDOM_PAIRINGS
    random_targets = cost(1, 1, np.repeat(i, k), rng.integers(0, n_tgt, len(i) * k))
    random_sources = cost(1, 1, rng.integers(0, n_src, len(j) * k), np.repeat(j, k))
    beaten_by = ((random_targets.reshape(len(i), k) < chosen[:, None]).mean(axis=1)
                 + (random_sources.reshape(len(j), k) < chosen[:, None]).mean(axis=1)) / 2
    return TranslationFit(float(beaten_by.mean()), float((beaten_by == 0).mean()), posterior,
                          one_to_one, judged=True)
