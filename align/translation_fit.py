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

``rank`` and ``top`` are read from the 1-1 links whose two sides have
:data:`SUBSTANTIAL_WORDS` words or more, when there are enough of them: two articles of
one site share furniture that is truly translated (a key table's "Copy" ↔ "Копировать",
a credit line), and those short links say nothing about the articles' bodies.

A logistic model over these, fitted by ``scripts/fit_translation_fit.py`` on the dev
cases' tune split (real restructured translations against unrelated pairs of the same
language pair and genre), gives :attr:`TranslationFit.score`; pairs below the model's
threshold are refused. There are two models (:data:`MODELS`), for links priced with and
without a lexicon. Each threshold sits half a logit below the lowest real pair of the
tune split, so that a real translation is not refused (scripts/evaluate_dev.py reports
both rates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from align.search import Step

RANDOM_PAIRINGS = 24
"""Random partners each 1-1 link is compared with, per side. 64 refused 4 more of the dev
report split's 48 unrelated pairs without dictionaries (38 against 34; all 48 with them
either way) at 1.5 times the time of aligning a 40-paragraph article."""
MAX_LINKS_SAMPLED = 400
"""1-1 links looked at on a long pair (a fixed-seed sample): enough for the means."""
MIN_SEGMENTS = 3
"""A side with fewer segments is too short to judge: such a pair is never refused."""
SUBSTANTIAL_WORDS = 6
"""Words a segment needs on each side of a 1-1 link for the link to speak for the body."""



@dataclass(frozen=True)
class FitModel:
    """A logistic model over the features, and the score below which a pair is refused."""

    intercept: float
    rank: float
    top: float
    posterior: float
    one_to_one: float
    threshold: float


MODELS = {
    False: FitModel(-15.452, -1.636, 7.423, 10.490, 8.435, threshold=-4.01),
    True: FitModel(-15.359, -1.308, 9.290, 5.976, 8.976, threshold=0.18),
}
"""By whether a lexicon (dictionaries, memories) priced the links: with one, a real
translation's links are far surer and the model can be stricter. Pasted from
``scripts/fit_translation_fit.py``."""

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
    with_lexicon: bool = False
    """Whether a lexicon priced the links (which model judges the pair)."""

    @property
    def model(self) -> FitModel:
        return MODELS[self.with_lexicon]

    @property
    def score(self) -> float:
        m = self.model
        return (m.intercept + m.rank * self.rank + m.top * self.top
                + m.posterior * self.posterior + m.one_to_one * self.one_to_one)

    @property
    def is_translation(self) -> bool:
        return not self.judged or self.score >= self.model.threshold

    def features(self) -> dict[str, float]:
        """The model's inputs, kept in the project's meta (and read by the fitting script,
        ``scripts/fit_translation_fit.py``)."""
        return {"rank": round(self.rank, 4), "top": round(self.top, 4),
                "posterior": round(self.posterior, 4), "one_to_one": round(self.one_to_one, 4)}

    def describe(self) -> str:
        """The figures, for the refusal message and the project's meta."""
        return (f"translation fit {self.score:.1f}, where translations score "
                f"{self.model.threshold} or "
                f"more: {self.top:.0%} of its 1-1 links are better than any random pairing, "
                f"mean confidence {self.posterior:.2f}")


def translation_fit(cost: CostFunction, steps: Sequence[Step], posteriors: np.ndarray,
                    src_words: np.ndarray, tgt_words: np.ndarray, with_lexicon: bool = False,
                    seed: int = 0) -> TranslationFit:
    """The fit of an aligned pair: ``cost`` prices 1-1 links as the search did;
    ``src_words``/``tgt_words`` are the segments' word counts."""
    n_src, n_tgt = len(src_words), len(tgt_words)
    ones = [step for step in steps if step.a == 1 and step.b == 1]
    posterior = float(np.mean(posteriors)) if len(posteriors) else 1.0
    one_to_one = len(ones) / max(len(steps), 1)
    substantial = [step for step in ones if src_words[step.i] >= SUBSTANTIAL_WORDS
                   and tgt_words[step.j] >= SUBSTANTIAL_WORDS]
    if len(substantial) >= MIN_SEGMENTS:
        ones = substantial
    if min(n_src, n_tgt) < MIN_SEGMENTS:
        return TranslationFit(0.0, 1.0, posterior, one_to_one, False, with_lexicon)
    if not ones:  # nothing fits one to one: as far from a translation as the model sees
        return TranslationFit(1.0, 0.0, posterior, one_to_one, True, with_lexicon)
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
                          one_to_one, True, with_lexicon)
