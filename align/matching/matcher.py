"""Two collections → a decision for every translation: the steps of :mod:`align.matching`
in order, with no printing and no writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from align.language import base_language
from align.matching.collection import Item
from align.matching.decide import DEFAULT_MIN_SCORE, Choice, Decision, assign
from align.matching.index import candidates
from align.matching.verify import DEFAULT_BUDGET
from align.matching.score import features, probability, second_stage

@dataclass(frozen=True)
class MatchSettings:
    min_score: float = DEFAULT_MIN_SCORE
    lexicon_paths: tuple[str, ...] = ()
    no_lexicon: bool = False
    verify_budget: int = DEFAULT_BUDGET
    """Candidate pairs the aligner may check (:mod:`.verify`); 0 checks none."""


@dataclass(frozen=True)
class MatchResult:
    originals: Sequence[Item]
    translations: Sequence[Item]
    decisions: list[Decision]
    lexicon: str
    """Which dictionaries served which language pair (the lexicon summary line)."""
    checked: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    """Candidate pairs (translation, original) the aligner checked: (score before, fit)."""
    features: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False)
    """Each candidate pair's (translation, original) features and second-stage columns
    (:mod:`.score`): what the dev scripts fit the score on."""


def language_pairs(originals: Sequence[Item], translations: Sequence[Item]
                   ) -> list[tuple[str, str]]:
    """The (original, translation) base languages to match: never a language with itself."""
    sources = sorted({base_language(item.lang) for item in originals})
    targets = sorted({base_language(item.lang) for item in translations})
    return [(src, tgt) for src in sources for tgt in targets if src != tgt]


def match(originals: Sequence[Item], translations: Sequence[Item],
          settings: MatchSettings = MatchSettings()) -> MatchResult:
    """Each translation's original (or why none), by the evidence that survives
    translation; see :mod:`align.matching`."""
    from align.dictionaries.sources import choose_lexicon

    pairs = language_pairs(originals, translations)
    lexicon = choose_lexicon(pairs, settings.lexicon_paths, no_lexicon=settings.no_lexicon)
    tables = lexicon.signal.tables if lexicon.signal is not None else {}
    choices: list[list[Choice]] = [[] for _ in translations]
    rows: dict[tuple[int, int], np.ndarray] = {}
    for src, tgt in pairs:
        o_at = [k for k, item in enumerate(originals) if base_language(item.lang) == src]
        t_at = [k for k, item in enumerate(translations) if base_language(item.lang) == tgt]
        found = candidates([originals[k].fingerprint for k in o_at],
                           [translations[k].fingerprint for k in t_at], tables.get((src, tgt)))
        lengths_o = np.array([originals[k].fingerprint.length for k in o_at], dtype=np.float64)
        lengths_t = np.array([translations[k].fingerprint.length for k in t_at],
                             dtype=np.float64)
        table = features(found, lengths_o, lengths_t)
        stage = second_stage(table, found.dictionary, found.translation, found.original)
        scores = probability(stage, found.dictionary)
        for t, o, score, row, leads in zip(found.translation, found.original, scores, table,
                                           stage):
            choices[t_at[t]].append(Choice(o_at[o], float(score)))
            rows[(t_at[t], o_at[o])] = (row, leads)
    checked: dict[tuple[int, int], tuple[float, float]] = {}
    if settings.verify_budget > 0:
        from align.matching.verify import check

        choices, checked = check(originals, translations, choices, settings.verify_budget)
    decisions = assign(choices, [base_language(item.lang) for item in translations],
                       settings.min_score)
    return MatchResult(originals, translations, decisions, lexicon.summary, checked, rows)
