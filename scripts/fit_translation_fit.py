#!/usr/bin/env python3
"""Fit the "is this a translation at all?" model (:mod:`align.translation_fit`).

Every paragraph-level dev case and unrelated pair is aligned twice, without and with the
installed dictionaries (a user may have either); the fit's features are read from each
alignment's meta. For each setting a logistic regression (classes weighted alike, a light
L2 penalty) is fitted on the tune split only, its threshold half a logit below the lowest
real pair of the tune split. ``MODELS`` to paste into ``translation_fit.py`` is printed,
with the refusal rates of both splits.

    python scripts/fit_translation_fit.py dev-cases [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_dev import (SPLITS, UNRELATED, CaseFiles, align_case,  # noqa: E402
                          find_cases)

from align.aligner import FIT_KEY, Settings  # noqa: E402

FEATURES = ("rank", "top", "posterior", "one_to_one")
L2 = 0.01
MARGIN = 0.5
"""Logits between the lowest real pair of the tune split and the threshold."""


def features_of(case: CaseFiles, settings: Settings) -> tuple[bool, list[float]] | None:
    """Whether a lexicon priced the links, and the fit's inputs for one case (None for a
    pair too short to judge)."""
    fit = align_case(case, settings).meta[FIT_KEY]
    if not fit["judged"]:
        return None
    return fit["with_lexicon"], [fit["features"][name] for name in FEATURES]


def fit_logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Intercept and weights minimising the class-balanced log loss."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weight = len(y) * np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1))

    def loss(beta: np.ndarray) -> float:
        z = design @ beta
        return float(np.sum(weight * (np.logaddexp(0, z) - y * z)) + L2 * beta[1:] @ beta[1:])

    return minimize(loss, np.zeros(design.shape[1]), method="BFGS").x


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    from align.dictionaries.sources import choose_lexicon

    cases = (find_cases(args.cases, "paragraph", "paragraph")
             + find_cases(args.cases, UNRELATED, "paragraph"))
    if not cases:
        print(f"{args.cases}: no dev cases; run scripts/build_dev_cases.py first",
              file=sys.stderr)
        return 2
    pairs = sorted({(case.src_lang, case.tgt_lang) for case in cases})
    dictionaries = choose_lexicon(pairs, [], dirs=None).signal
    runs = (Settings(), Settings(lexicon=dictionaries))
    rows: dict[tuple[bool, str], tuple[str, int, list[float]]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for settings in runs:
            found = pool.map(features_of, cases, [settings] * len(cases), chunksize=4)
            for case, result in zip(cases, found):
                if result is not None:  # a pair no dictionary covers counts once
                    rows[(result[0], case.name)] = (case.split, int(not case.unrelated),
                                                    result[1])
    print("MODELS = {")
    for lexicon in (False, True):
        mine = [(name, *row) for (priced, name), row in rows.items() if priced == lexicon]
        tune = [row for row in mine if row[1] == "tune"]
        beta = fit_logistic(np.array([row[3] for row in tune]), np.array([row[2] for row in tune]))
        scores = [beta[0] + float(np.dot(beta[1:], row[3])) for row in mine]
        threshold = min(score for score, row in zip(scores, mine)
                        if row[1] == "tune" and row[2] == 1) - MARGIN
        print(f"    {lexicon}: FitModel({', '.join(f'{b:.3f}' for b in beta)}, "
              f"threshold={threshold:.2f}),")
        for split in SPLITS:
            here = [(score, row) for score, row in zip(scores, mine) if row[1] == split]
            bad = [score for score, row in here if row[2] == 0]
            good = [score for score, row in here if row[2] == 1]
            print(f"    # {split}: refused {sum(s < threshold for s in bad)}/{len(bad)} "
                  f"unrelated, {sum(s < threshold for s in good)}/{len(good)} real; highest "
                  f"unrelated {max(bad, default=float('nan')):.2f}, lowest real "
                  f"{min(good, default=float('nan')):.2f}")
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
