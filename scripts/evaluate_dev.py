"""Score the aligner on the dev cases: strict/lax F1 per level, each signal switched off,
Gale–Church beside us, and confidence bins against the share of correct links.

    python scripts/build_dev_cases.py --out dev-cases     # once (reads ../shared/data)
    python scripts/evaluate_dev.py dev-cases [--ablations] [--galechurch]

The bundled pair (corpora/podrabinek-2022-01-10 with its gold.json) is scored too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner import Settings, Weights  # noqa: E402
from align.evaluate import Pair, read_gold, score  # noqa: E402
from align.pairing import PairRequest, align_request  # noqa: E402

ABLATIONS = {
    "all signals": {},
    "no length": {"signals_off": frozenset({"length"})},
    "no anchors": {"signals_off": frozenset({"anchors"})},
    "no lexical (chrF)": {"signals_off": frozenset({"chrf", "merge_gain"})},
}


def _cases(root: Path, level: str) -> list[Path]:
    return sorted(path for path in (root / level).iterdir() if (path / "gold.json").is_file())


def _pairs_of(alignment) -> list[Pair]:
    return [(tuple(link.src), tuple(link.tgt)) for link in alignment.links]


def run_level(root: Path, level: str, settings: Settings, only: str | None = None
              ) -> tuple[list[list[Pair]], list[list[Pair]], list[tuple[float, bool]], float]:
    golds, preds, confidence = [], [], []
    started = time.perf_counter()
    for case in _cases(root, level):
        if only and only not in case.name:
            continue
        request = PairRequest(case / "src.txt", case / "tgt.txt", "ru", "en", level, "lines",
                              settings.max_link)
        alignment = align_request(request, settings)
        gold = read_gold(case / "gold.json")
        gold_set = set(gold)
        golds.append(gold)
        preds.append(_pairs_of(alignment))
        confidence.extend((link.score, (tuple(link.src), tuple(link.tgt)) in gold_set)
                          for link in alignment.links)
    return golds, preds, confidence, time.perf_counter() - started


def bundled(settings: Settings) -> str:
    from align.corpus import article_pair

    pair = article_pair(ROOT / "corpora" / "podrabinek-2022-01-10")
    request = PairRequest(pair.original, pair.translation, pair.src_lang, pair.tgt_lang)
    alignment = align_request(request, settings)
    result = score([read_gold(pair.gold)], [_pairs_of(alignment)])
    return f"bundled pair: strict F1 {result.f1_strict:.3f} ({result.pred_strict}/{result.n_pred} links exact)"


def calibration(confidence: list[tuple[float, bool]]) -> str:
    edges = [0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001]
    rows = ["confidence   links  correct"]
    values = np.array([c for c, _ in confidence])
    right = np.array([r for _, r in confidence])
    for low, high in zip(edges, edges[1:]):
        inside = (values >= low) & (values < high)
        if inside.any():
            rows.append(f"{low:.1f}–{min(high, 1.0):.1f}   {int(inside.sum()):6d}  {right[inside].mean():.3f}")
    return "\n".join(rows)


def galechurch_baseline(root: Path, level: str) -> str:
    try:
        import galechurch  # a Rust build on PyPI; only for this comparison
    except ImportError:
        return "Gale–Church: not installed (pip install galechurch)"
    golds, preds = [], []
    for case in _cases(root, level):
        src = [l for l in (case / "src.txt").read_text(encoding="utf-8").split("\n") if l.strip()]
        tgt = [l for l in (case / "tgt.txt").read_text(encoding="utf-8").split("\n") if l.strip()]
        result = galechurch.align(src, tgt)
        preds.append([(tuple(range(b.source_start, b.source_end)),
                       tuple(range(b.target_start, b.target_end))) for b in result.beads])
        golds.append(read_gold(case / "gold.json"))
    result = score(golds, preds)
    return f"Gale–Church (galechurch): strict F1 {result.f1_strict:.3f}, lax F1 {result.f1_lax:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, nargs="?", default=ROOT / "dev-cases")
    parser.add_argument("--ablations", action="store_true")
    parser.add_argument("--galechurch", action="store_true")
    parser.add_argument("--level", choices=("paragraph", "sentence"), action="append")
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--set", action="append", default=[], metavar="WEIGHT=VALUE",
                        help="try another value of an aligner weight (see align.aligner.Weights)")
    args = parser.parse_args()
    if not args.cases.is_dir():
        print(f"{args.cases}: no dev cases; run scripts/build_dev_cases.py first", file=sys.stderr)
        return 2
    weights = Weights(**{key: float(value) for key, value in
                         (item.split("=", 1) for item in args.set)})
    base = Settings(weights=weights)
    print(bundled(base))
    for level in args.level or ["paragraph", "sentence"]:
        variants = ABLATIONS if args.ablations else {"all signals": {}}
        for label, changes in variants.items():
            settings = replace(base, **changes)
            golds, preds, confidence, seconds = run_level(args.cases, level, settings, args.only)
            result = score(golds, preds)
            print(f"{level:9s} {label:18s} strict P/R/F1 {result.precision_strict:.3f} "
                  f"{result.recall_strict:.3f} {result.f1_strict:.3f}   lax F1 {result.f1_lax:.3f}"
                  f"   ({len(golds)} cases, {seconds:.1f} s)")
            if label == "all signals":
                print(calibration(confidence))
        if args.galechurch:
            print(galechurch_baseline(args.cases, level))
    return 0


if __name__ == "__main__":
    sys.exit(main())
