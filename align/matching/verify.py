"""Uncertain calls checked by the aligner's own document-level fit.

The index's score sees bags of evidence; the aligner sees whether the two texts line up
sentence by sentence (:mod:`align.translation_fit`: do the links beat random pairings?).
That is far costlier (tens of milliseconds a pair), so only the translations whose best
candidate is neither clearly right nor clearly wrong (:data:`BAND`), or whose runner-up
is close, have their :data:`CHECKED` best candidates aligned, at most ``budget`` pairs in
all, the least certain first. Both sides are aligned as sentences: a one-paragraph news
item would be too short for the fit to judge as paragraphs. A checked candidate's score
becomes a logistic of its score and its fit (:data:`WEIGHTS`, fitted on the tune split by
``scripts/evaluate_match.py --fit 3``).
"""

from __future__ import annotations

import math
import os
from typing import Sequence

from align.matching.collection import Item
from align.matching.decide import Choice

BAND = (0.02, 0.9)
"""Best scores in this range are uncertain."""
CLOSE = 0.15
"""A runner-up this close to the best makes the call uncertain too."""
CHECKED = 2
"""Candidates aligned per uncertain translation."""
DEFAULT_BUDGET = 200
"""Pairs aligned at most per match (about 0.1 s each)."""
PARALLEL_FROM = 8
WEIGHTS = {"intercept": -0.82, "score": 0.17, "fit": 0.51}
"""Logit of a checked candidate: intercept + score · logit(its score) + fit · its fit."""


def uncertainty(options: Sequence[Choice]) -> float | None:
    """How uncertain a translation's call is (lower: less certain), or None if certain."""
    if not options:
        return None
    ranked = sorted(options, key=lambda choice: -choice.score)
    best = ranked[0].score
    close = len(ranked) > 1 and best - ranked[1].score < CLOSE and best >= BAND[0]
    if not (BAND[0] <= best < BAND[1] or close):
        return None
    return abs(best - 0.5) - (0.5 if close else 0.0)


def sentence_fit(job: tuple[str, str, str, str]) -> float | None:
    """The aligner's translation fit of two files read as sentences, or None when the
    pair is too short for the fit to judge (or a side cannot be read)."""
    from align.aligner import FIT_KEY, align_documents
    from align.errors import InputError
    from align.ingest import read_document
    from align.model import Document, Segment
    from align.segment import split_sentences

    original, src_lang, translation, tgt_lang = job
    try:
        sides = [read_document(path, lang) for path, lang in
                 ((original, src_lang), (translation, tgt_lang))]
    except InputError:
        return None
    source, target = (Document(side.lang, tuple(
        Segment(sentence, segment.kind) for segment in side.segments
        for sentence in split_sentences(segment.text, side.lang)), {}) for side in sides)
    fit = align_documents(source, target).meta[FIT_KEY]
    return float(fit["score"]) if fit["judged"] else None


def check(originals: Sequence[Item], translations: Sequence[Item],
          choices: list[list[Choice]], budget: int = DEFAULT_BUDGET
          ) -> tuple[list[list[Choice]], dict[tuple[int, int], tuple[float, float]]]:
    """``choices`` with the uncertain calls' candidates rescored by their fit, and each
    checked pair's (score before, fit)."""
    ranked = sorted((value, translation) for translation, options in enumerate(choices)
                    if (value := uncertainty(options)) is not None)
    pairs: list[tuple[int, int]] = []
    for _, translation in ranked:
        best = sorted(choices[translation], key=lambda choice: -choice.score)[:CHECKED]
        if len(pairs) + len(best) > budget:
            break
        pairs.extend((translation, choice.original) for choice in best)
    jobs = [(str(originals[o].path), originals[o].lang, str(translations[t].path),
             translations[t].lang) for t, o in pairs]
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:
            fits = list(pool.map(sentence_fit, jobs))
    else:
        fits = [sentence_fit(job) for job in jobs]
    found = {pair: fit for pair, fit in zip(pairs, fits) if fit is not None}
    checked: dict[tuple[int, int], tuple[float, float]] = {}
    rescored = []
    for translation, options in enumerate(choices):
        new = []
        for choice in options:
            fit = found.get((translation, choice.original))
            if fit is None:
                new.append(choice)
                continue
            checked[(translation, choice.original)] = (choice.score, fit)
            new.append(Choice(choice.original, rescore(choice.score, fit)))
        rescored.append(new)
    return rescored, checked


def rescore(score: float, fit: float) -> float:
    """A checked candidate's new score from its old one and its fit."""
    clipped = min(max(score, 1e-6), 1 - 1e-6)
    logit = (WEIGHTS["intercept"] + WEIGHTS["score"] * math.log(clipped / (1 - clipped))
             + WEIGHTS["fit"] * fit)
    return 1.0 / (1.0 + math.exp(-logit))
