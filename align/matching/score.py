"""A candidate pair's probability of being original and translation, in two stages.

The first stage, the pair's own evidence, is a logistic model over the channel
similarities of :mod:`.index` (each less its background) and how far the length ratio is
from the usual one. The second weighs that evidence with how far the pair leads the other
candidates of its translation and of its original: a translation whose original is absent
has several candidates about as weak, a real pair stands out on both sides. Both are
fitted on the tune split of the match dev collections (``scripts/evaluate_match.py --fit
1``, then ``--fit 2``): the true pairs against every other candidate the index found.
Each has one model for language pairs a dictionary serves and one for the others (whose
dictionary similarity is always 0).
"""

from __future__ import annotations

import numpy as np

from align.matching.index import Candidates

COSINES = ("numbers", "names", "words", "dictionary")
FEATURES = (*COSINES, "length")
"""Each channel's cosine less the pair's background (see
:class:`~align.matching.index.Candidates`: what counts is how much more alike the two
are than either is to the other side at large), and ``length``, how far log(translation length / original
length) is from the language pair's usual ratio (:func:`usual_ratio`). Measured on the
tune split: the raw cosines beside these added nothing (log loss 0.157 against 0.123
with these alone)."""

WEIGHTS: dict[bool, dict[str, float]] = {
    True: {"intercept": -2.03, "numbers": 3.46, "names": 1.62, "words": 0.81, "dictionary": 2.88, "length": -3.90},
    False: {"intercept": -2.09, "numbers": 3.89, "names": 2.00, "words": 0.78, "length": -3.90},
}
"""Logit weights, by whether a dictionary served the pair."""


RATIO_PAIRS = 5
"""Mutual best pairs it takes to read a language pair's usual length ratio."""
CAP = 6.0
"""Leads are clipped: beyond this many logits ahead, a lead says nothing more."""
LEADS = ("evidence", "translation_lead", "original_lead")
SECOND_STAGE: dict[bool, dict[str, float]] = {
    True: {"intercept": -2.12, "evidence": 0.00, "translation_lead": 1.29, "original_lead": 0.69},
    False: {"intercept": -3.09, "evidence": 0.13, "translation_lead": 1.19, "original_lead": 0.81},
}
"""The second stage's logit weights over the first stage's logit and the two leads (with
a dictionary the fit left the evidence out: the leads carry it, see the evaluation's
``--fit 2``, which leaves out a feature it would weigh below 0)."""


def features(found: Candidates, original_lengths: np.ndarray,
             translation_lengths: np.ndarray) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate pair."""
    ratio = (np.log(np.maximum(translation_lengths[found.translation], 1))
             - np.log(np.maximum(original_lengths[found.original], 1)))
    columns = ([found.cosines[name] - found.background[name] for name in COSINES]
               + [np.abs(ratio - usual_ratio(found, ratio))])
    return np.column_stack(columns).astype(np.float64) if len(ratio) else \
        np.zeros((0, len(FEATURES)))


def usual_ratio(found: Candidates, ratio: np.ndarray) -> float:
    """The language pair's usual log length ratio (Russian runs longer than English, German
    than French …), read off the collection itself: the median over the pairs that are
    each other's best by the lookup, once there are :data:`RATIO_PAIRS` of them; else 0."""
    if len(ratio) == 0:
        return 0.0
    best_for_translation = _best_of(found.translation, found.lookup)
    best_for_original = _best_of(found.original, found.lookup)
    mutual = best_for_translation & best_for_original
    return float(np.median(ratio[mutual])) if mutual.sum() >= RATIO_PAIRS else 0.0


def _best_of(owners: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Whether each entry has the highest value among those of its owner."""
    order = np.lexsort((-values, owners))
    head = np.r_[True, owners[order][1:] != owners[order][:-1]]
    best = np.zeros(len(values), dtype=bool)
    best[order[head]] = True
    return best


def evidence(rows: np.ndarray, dictionary: bool) -> np.ndarray:
    """The first stage: each pair's logit from its own features alone."""
    weights = WEIGHTS[dictionary]
    return weights["intercept"] + rows @ np.array([weights.get(name, 0.0) for name in FEATURES])


def margins(logits: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """How far each pair's logit is ahead of the best other candidate of the same
    ``owners`` entry (a translation, or an original), clipped to [-CAP, CAP]; a pair with
    no rival is :data:`CAP` ahead."""
    order = np.lexsort((-logits, owners))  # by owner, best first
    ranked_owners, ranked = owners[order], logits[order]
    head = np.r_[True, ranked_owners[1:] != ranked_owners[:-1]]
    head_at = np.maximum.accumulate(np.where(head, np.arange(len(order)), 0))
    runner_at = head_at + 1
    has_runner = (runner_at < len(order)) & ~np.r_[head[1:], True][head_at]
    runner = np.where(has_runner, ranked[np.minimum(runner_at, len(order) - 1)], -np.inf)
    best_other = np.empty(len(logits))
    best_other[order] = np.where(head, runner, ranked[head_at])
    return np.clip(logits - best_other, -CAP, CAP)


def second_stage(rows: np.ndarray, dictionary: bool, translations: np.ndarray,
                 originals: np.ndarray) -> np.ndarray:
    """Per pair: its own evidence (the first stage's logit), and how far it leads the
    other candidates of its translation and of its original (a translation whose
    original is absent has several about as weak; near duplicates are told apart by
    the evidence itself). The columns :data:`SECOND_STAGE` weighs."""
    logits = evidence(rows, dictionary)
    return np.column_stack([logits, margins(logits, translations), margins(logits, originals)])


def probability(stage: np.ndarray, dictionary: bool) -> np.ndarray:
    """The probability of each row of :func:`second_stage`."""
    weights = SECOND_STAGE[dictionary]
    logit = weights["intercept"] + stage @ np.array([weights[name] for name in LEADS])
    return 1.0 / (1.0 + np.exp(-logit))
