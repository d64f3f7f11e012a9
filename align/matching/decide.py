"""The decision: at most one original per translation, an original at most once per
language, weak matches left unmatched.

Candidate pairs are taken best first (a translation's best one also when it and its
runner-up together reach the minimum, see :func:`present`): a translation takes its best candidate unless a
better-scoring translation in the same language has taken it already (two translations
into one language of one original are not expected; near-duplicate originals are, and
this is what keeps both translations of two near-duplicates from landing on one). The
runner-up beside each choice is the translation's next best candidate, taken or not, so
a person sees how close the call was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

DEFAULT_MIN_SCORE = 0.35
"""Matches scoring less are left unmatched (the score is a probability). Chosen on the
tune split of the dev collections (before the aligner's check): at 0.3 a tenth of the
translations without their original were matched, at 0.4 and above true pairs were lost."""

CERTAIN = 1.0 - 1e-9
"""The most that two candidates' scores add up to (see :func:`present`)."""

NO_CANDIDATE, TOO_WEAK, TAKEN = "no-candidate", "too-weak", "taken"
"""Why a translation is left unmatched: nothing in the originals shares its evidence; its
best candidate scores under the minimum; every candidate above the minimum went to a
translation that fits it better."""


@dataclass(frozen=True)
class Choice:
    """A candidate original of a translation and its score."""

    original: int
    score: float


@dataclass(frozen=True)
class Decision:
    """What became of one translation."""

    translation: int
    original: int | None
    score: float | None
    runner_up: Choice | None
    unmatched: str | None = None
    """Why no original (one of the reasons above), None when matched."""
    taken_by: int | None = None
    """For ``taken``: the translation that took the best candidate."""
    best: Choice | None = None
    """For an unmatched translation: its best candidate."""


def present(ranked: Sequence[Choice]) -> float:
    """The probability that a translation's original is among its candidates at all, as
    far as its best two tell: they are exclusive alternatives, so their scores add up. An
    original and its near duplicate split the probability of being the one; that the
    translation has an original here is as certain as their sum (never quite certain:
    ``--min-score 1`` still leaves every call short of certainty unmatched)."""
    return min(CERTAIN, sum(choice.score for choice in ranked[:2]))


def assign(choices: Sequence[Sequence[Choice]], languages: Sequence[str],
           min_score: float) -> list[Decision]:
    """Decisions for translations whose candidates (best first or not) are ``choices``
    and whose languages are ``languages``."""
    ranked = [sorted(options, key=lambda choice: (-choice.score, choice.original))
              for options in choices]
    order = sorted(((choice.score, translation, choice.original)
                    for translation, options in enumerate(ranked)
                    for place, choice in enumerate(options)
                    if choice.score >= min_score or (place == 0 and present(options) >= min_score)),
                   key=lambda row: (-row[0], row[1], row[2]))
    chosen: dict[int, int] = {}
    taken: dict[tuple[int, str], int] = {}
    for _, translation, original in order:
        key = (original, languages[translation])
        if translation in chosen or key in taken:
            continue
        chosen[translation] = original
        taken[key] = translation
    decisions = []
    for translation, options in enumerate(ranked):
        original = chosen.get(translation)
        if original is not None:
            picked = next(choice for choice in options if choice.original == original)
            runner_up = next((choice for choice in options if choice.original != original),
                             None)
            decisions.append(Decision(translation, original, picked.score, runner_up))
            continue
        best = options[0] if options else None
        runner_up = options[1] if len(options) > 1 else None
        if best is None:
            decisions.append(Decision(translation, None, None, None, NO_CANDIDATE))
        elif present(options) < min_score:
            decisions.append(Decision(translation, None, None, runner_up, TOO_WEAK, best=best))
        else:
            decisions.append(Decision(translation, None, None, runner_up, TAKEN,
                                      taken_by=taken[(best.original, languages[translation])],
                                      best=best))
    return decisions
