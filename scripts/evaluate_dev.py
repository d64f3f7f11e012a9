"""Score the aligner on the dev cases: strict/lax F1 per family, level and split,
calibration (how many wrong links the lowest-confidence links hold), the unrelated
pairs' confidence beside the real pairs', each signal switched off, Gale–Church beside us.

    python scripts/build_dev_cases.py --out dev-cases     # once (reads ../shared/data)
    python scripts/evaluate_dev.py dev-cases [--split report] [--family debian]
        [--level paragraph] [--json figures.json] [--jobs 2] [--no-unrelated]
        [--set WEIGHT=VALUE] [--ablations] [--galechurch]

Quote the ``report`` split: ``tune`` is for choosing settings. Figures per family and
per language pair: strict P/R/F1 and lax F1; ``low10%``: the share of the wrong links
that the lowest-confidence 10 % of links hold; ``≥0.9``: wrong links with confidence
0.9 or more (count and share of the wrong); ``AUC``: (1 − confidence) as a detector of
wrong links; a reliability row per split (bin: links, share correct). Unrelated pairs:
how many :func:`would_refuse` refuses (an error counts as a refusal there) beside the
real pairs' count, and both kinds' mean link confidence. A crashed case counts as
aligned to nothing. The bundled pair (corpora/podrabinek-2022-01-10 with its gold.json)
is scored too. Cases without a case.json (the first dev set) are read as ru-en, the
family taken from the id.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from scipy.stats import rankdata

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner import Settings, Weights  # noqa: E402
from align.evaluate import Pair, read_gold, score  # noqa: E402
from align.fileio import write_text_atomic  # noqa: E402
from align.model import Alignment  # noqa: E402

ABLATIONS = {
    "all signals": {},
    "no length": {"signals_off": frozenset({"length"})},
    "no anchors": {"signals_off": frozenset({"anchors"})},
    "no lexical (chrF)": {"signals_off": frozenset({"chrf", "merge_gain"})},
}

LEVELS = ("paragraph", "sentence")
SPLITS = ("tune", "report")
UNRELATED = "unrelated"
BINS = 10
HIGH = 0.9
"""Confidence at or above which a wrong link is a confident mistake."""
LOWEST_SHARE = 0.1


# --- one case ---------------------------------------------------------------------

@dataclass(frozen=True)
class CaseFiles:
    """What aligning one case needs: its two files, languages, level and segmentation."""

    name: str
    src: Path
    tgt: Path
    src_lang: str
    tgt_lang: str
    level: str = "paragraph"
    segments: str = "lines"
    family: str = ""
    split: str = "report"
    gold: Path | None = None
    unrelated: bool = False


def align_case(case: CaseFiles, settings: Settings) -> Alignment:
    """Align one case with ``settings``: the only place this script uses
    :mod:`align.pairing`."""
    from align.options import PairOptions
    from align.pairing import PairRequest, align_request

    options = PairOptions(case.src_lang, case.tgt_lang, case.level, case.segments,
                          settings.max_link, no_lexicon=True,  # the lexicon is the settings'
                          accept_unrelated=True)  # refusal is measured, see would_refuse

    return align_request(PairRequest(case.src, case.tgt, options), settings)


def would_refuse(alignment: Alignment) -> bool:
    """Whether ``sverka pair`` would refuse the pair as not a translation
    (:mod:`align.translation_fit`)."""
    from align.aligner import FIT_KEY

    return not alignment.meta.get(FIT_KEY, {}).get("is_translation", True)


def _family_of(name: str) -> str:
    return name.rsplit("-", 1)[0] if name[-1:].isdigit() else name


def read_case(folder: Path, level: str) -> CaseFiles:
    """A case folder as the builder wrote it; without case.json, the first dev set's
    ru-en with the family taken from the id."""
    meta: dict[str, Any] = {}
    if (folder / "case.json").is_file():
        meta = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    return CaseFiles(folder.name, folder / "src.txt", folder / "tgt.txt",
                     meta.get("src_lang", "ru"), meta.get("tgt_lang", "en"), level, "lines",
                     meta.get("family", _family_of(folder.name)), meta.get("split", "report"),
                     folder / "gold.json" if (folder / "gold.json").is_file() else None,
                     bool(meta.get("unrelated")))


def find_cases(root: Path, folder: str, level: str, families: Sequence[str] = (),
               splits: Sequence[str] = SPLITS, only: str | None = None) -> list[CaseFiles]:
    """The cases under ``root/folder``, filtered by family (prefix), split and name."""
    base = root / folder
    if not base.is_dir():
        return []
    cases = [read_case(path, level) for path in sorted(base.iterdir())
             if (path / "src.txt").is_file() and (path / "tgt.txt").is_file()]
    return [case for case in cases
            if (not families or any(case.family.startswith(f) for f in families))
            and case.split in splits and (not only or only in case.name)]


@dataclass
class Outcome:
    """One aligned case: gold and predicted links, and each link's confidence and truth."""

    case: CaseFiles
    gold: list[Pair] = field(default_factory=list)
    pred: list[Pair] = field(default_factory=list)
    confidence: list[tuple[float, bool]] = field(default_factory=list)
    error: str | None = None
    refused: bool = False
    seconds: float = 0.0

    @property
    def mean_confidence(self) -> float:
        return float(np.mean([c for c, _ in self.confidence])) if self.confidence else math.nan


def run_case(case: CaseFiles, settings: Settings) -> Outcome:
    """Align and score one case; an exception is recorded (the case counts as empty)."""
    outcome = Outcome(case)
    if case.gold is not None:
        outcome.gold = read_gold(case.gold)
    started = time.process_time()
    try:
        alignment = align_case(case, settings)
    except Exception as error:  # noqa: BLE001 — a crash is a finding, the run goes on
        outcome.error = f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"
        outcome.seconds = time.process_time() - started
        return outcome
    outcome.seconds = time.process_time() - started
    outcome.refused = would_refuse(alignment)
    gold_set = set(outcome.gold)
    outcome.pred = [(tuple(link.src), tuple(link.tgt)) for link in alignment.links]
    outcome.confidence = [(float(link.score), pair in gold_set)
                          for link, pair in zip(alignment.links, outcome.pred)]
    return outcome


def run_cases(cases: Sequence[CaseFiles], settings: Settings, jobs: int) -> list[Outcome]:
    """Every case, on ``jobs`` processes (1: in this process)."""
    if jobs <= 1 or len(cases) < 2:
        return [run_case(case, settings) for case in cases]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(run_case, cases, [settings] * len(cases), chunksize=2))


# --- figures ------------------------------------------------------------------------

def reliability(confidence: Sequence[tuple[float, bool]], bins: int = BINS) -> list[dict[str, Any]]:
    """Confidence bins 0–0.1 … 0.9–1.0: how many links, what share of them correct."""
    rows = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = [right for c, right in confidence
                  if low <= c < high or (k == bins - 1 and c >= high)]
        rows.append({"low": low, "high": high, "links": len(inside),
                     "correct": (sum(inside) / len(inside)) if inside else None})
    return rows


def calibration(confidence: Sequence[tuple[float, bool]]) -> dict[str, Any]:
    """How well confidence finds the wrong links.

    ``lowest10_wrong_share``: the share of all wrong links among the lowest-confidence
    10 % of links (equal confidences keep the links' order: a stable sort favours
    neither). ``auc``: the ROC AUC of (1 − confidence) as a detector of
    wrong links (0.5: no better than chance; ties count half)."""
    n = len(confidence)
    values = np.array([c for c, _ in confidence], dtype=float)
    wrong = np.array([not right for _, right in confidence], dtype=bool)
    n_wrong = int(wrong.sum())
    result: dict[str, Any] = {"links": n, "wrong": n_wrong,
                              "reliability": reliability(confidence)}
    if n == 0:
        return result
    lowest = np.argsort(values, kind="stable")[:max(1, math.ceil(LOWEST_SHARE * n))]
    high_wrong = int((wrong & (values >= HIGH)).sum())
    result.update({
        "lowest10_links": len(lowest),
        "lowest10_wrong": int(wrong[lowest].sum()),
        "lowest10_wrong_share": (float(wrong[lowest].sum()) / n_wrong) if n_wrong else None,
        "wrong_high": high_wrong,
        "wrong_high_share": (high_wrong / n_wrong) if n_wrong else None,
        "auc": _auc(-values, wrong),
    })
    return result


def _auc(scores: np.ndarray, positive: np.ndarray) -> float | None:
    """ROC AUC by the rank-sum formula (ties get their mean rank)."""
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return None
    ranks = rankdata(scores)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """F1 (strict and lax) and calibration of a set of cases."""
    result = score([o.gold for o in outcomes], [o.pred for o in outcomes])
    confidence = [c for o in outcomes for c in o.confidence]
    return {"cases": len(outcomes), "crashed": sum(1 for o in outcomes if o.error),
            "scores": result.as_dict(), "calibration": calibration(confidence),
            "mean_confidence": _mean([o.mean_confidence for o in outcomes])}


def _mean(values: Iterable[float]) -> float | None:
    kept = [v for v in values if not math.isnan(v)]
    return float(np.mean(kept)) if kept else None


def by_family(outcomes: Sequence[Outcome],
              group: Callable[[CaseFiles], str] = lambda case: case.family
              ) -> dict[str, dict[str, dict[str, Any]]]:
    """{split: {family (or another grouping) or "all": figures}}."""
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for split in SPLITS:
        mine = [o for o in outcomes if o.case.split == split]
        if not mine:
            continue
        names = sorted({group(o.case) for o in mine})
        table[split] = {name: figures([o for o in mine if group(o.case) == name])
                        for name in names}
        table[split]["all"] = figures(mine)
    return table


def language_pair(case: CaseFiles) -> str:
    return f"{case.src_lang}-{case.tgt_lang}"


def per_case(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """One row a case, for comparing two runs case by case."""
    rows = []
    for o in outcomes:
        result = score([o.gold], [o.pred])
        rows.append({"case": o.case.name, "family": o.case.family, "split": o.case.split,
                     "f1_strict": result.f1_strict, "f1_lax": result.f1_lax,
                     "links": len(o.pred), "wrong": sum(1 for _, right in o.confidence if not right),
                     "mean_confidence": None if math.isnan(o.mean_confidence) else o.mean_confidence,
                     "error": o.error, "cpu_seconds": round(o.seconds, 3)})
    return rows


def crash_note(outcome: Outcome) -> str:
    """A crash, and whether it is the known one (a line of punctuation alone, which
    align/ingest/kinds.py fails on until it is fixed)."""
    lines = [line.strip() for path in (outcome.case.src, outcome.case.tgt)
             for line in path.read_text(encoding="utf-8").split("\n")]
    known = any(line and not any(ch.isalnum() for ch in line) for line in lines)
    return (f"  crashed: {outcome.case.level}/{outcome.case.name}: {outcome.error}"
            + (" (a line of punctuation alone: the known align/ingest/kinds.py crash)"
               if known else ""))


def unrelated_figures(unrelated: Sequence[Outcome], real: Sequence[Outcome]) -> dict[str, Any]:
    """How many unrelated pairs the aligner refuses (and real ones, wrongly), and the
    mean link confidence of both, with the threshold on it that the tune split would
    choose: the figure a document-level test has to beat."""
    result: dict[str, Any] = {}
    for split in SPLITS:
        bad = [o for o in unrelated if o.case.split == split]
        good = [o for o in real if o.case.split == split and not o.error]
        if not bad:
            continue
        bad_conf = [o.mean_confidence for o in bad if not o.error]
        good_conf = [o.mean_confidence for o in good]
        result[split] = {
            "unrelated": len(bad),
            "unrelated_refused": sum(1 for o in bad if o.refused or o.error),
            "real": len(good), "real_refused": sum(1 for o in good if o.refused),
            "unrelated_mean_confidence": _stats(bad_conf),
            "real_mean_confidence": _stats(good_conf),
        }
    tune = result.get("tune")
    if tune:
        bad = [o.mean_confidence for o in unrelated if o.case.split == "tune" and not o.error]
        good = [o.mean_confidence for o in real if o.case.split == "tune" and not o.error]
        threshold = _threshold(bad, good)
        result["threshold_from_tune"] = threshold
        for split in SPLITS:
            if split in result and threshold is not None:
                b = [o.mean_confidence for o in unrelated if o.case.split == split and not o.error]
                g = [o.mean_confidence for o in real if o.case.split == split and not o.error]
                result[split]["threshold_refuses_unrelated"] = _share(b, threshold)
                result[split]["threshold_refuses_real"] = _share(g, threshold)
    return result


def _stats(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"mean": float(np.mean(values)), "min": float(np.min(values)),
            "max": float(np.max(values))}


def _threshold(bad: Sequence[float], good: Sequence[float]) -> float | None:
    """The mean-confidence cut (refuse below it) that refuses no real tune pair and as
    many unrelated ones as it can: just under the lowest real pair."""
    if not bad or not good:
        return None
    return float(min(good))


def _share(values: Sequence[float], threshold: float) -> float | None:
    return (sum(1 for v in values if v < threshold) / len(values)) if values else None


# --- printing ----------------------------------------------------------------------

def _fmt(value: Any, pattern: str = "{:.3f}") -> str:
    return "—" if value is None else pattern.format(value)


def print_level(level: str, table: dict[str, dict[str, dict[str, Any]]], label: str,
                out: Callable[[str], None] = print) -> None:
    out(f"\n== {level}, {label}")
    out(f"{'split':7s} {'group':12s} {'cases':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
        f"{'laxF1':>6s} {'links':>6s} {'wrong':>5s} {'low10%':>6s} {'≥0.9':>9s} {'AUC':>5s}")
    for split in SPLITS:
        for family, fig in table.get(split, {}).items():
            s, c = fig["scores"], fig["calibration"]
            high = (f"{c['wrong_high']} ({_fmt(c.get('wrong_high_share'), '{:.0%}')})"
                    if "wrong_high" in c else "—")
            crashed = f" crashed {fig['crashed']}" if fig["crashed"] else ""
            out(f"{split:7s} {family:12s} {fig['cases']:5d} {s['precision_strict']:6.3f} "
                f"{s['recall_strict']:6.3f} {s['f1_strict']:6.3f} {s['f1_lax']:6.3f} "
                f"{c['links']:6d} {c['wrong']:5d} {_fmt(c.get('lowest10_wrong_share'), '{:.0%}'):>6s} "
                f"{high:>9s} {_fmt(c.get('auc'), '{:.2f}'):>5s}{crashed}")
    for split in SPLITS:
        if split in table:
            rows = table[split]["all"]["calibration"]["reliability"]
            out(f"reliability ({split}, all): " + "  ".join(
                f"{r['low']:.1f}+ {r['links']}:{_fmt(r['correct'], '{:.2f}')}" for r in rows))


def print_unrelated(result: dict[str, Any], out: Callable[[str], None] = print) -> None:
    out("\n== unrelated pairs (not translations of each other)")
    for split in SPLITS:
        if split not in result:
            continue
        r = result[split]
        bad, good = r["unrelated_mean_confidence"], r["real_mean_confidence"]
        out(f"{split:7s} refused {r['unrelated_refused']}/{r['unrelated']} unrelated, "
            f"{r['real_refused']}/{r['real']} real; mean link confidence: unrelated "
            f"{_fmt(bad and bad['mean'])} (max {_fmt(bad and bad['max'])}), real "
            f"{_fmt(good and good['mean'])} (min {_fmt(good and good['min'])})")
        if "threshold_refuses_unrelated" in r:
            out(f"        a cut at the tune split's lowest real pair "
                f"({result['threshold_from_tune']:.3f}) would refuse "
                f"{_fmt(r['threshold_refuses_unrelated'], '{:.0%}')} unrelated and "
                f"{_fmt(r['threshold_refuses_real'], '{:.0%}')} real pairs")


# --- the runs ---------------------------------------------------------------------

def bundled(settings: Settings) -> str:
    from align.corpus import article_pair

    pair = article_pair(ROOT / "corpora" / "podrabinek-2022-01-10")
    case = CaseFiles("bundled", pair.original, pair.translation, pair.src_lang, pair.tgt_lang,
                     "paragraph", "paragraphs")
    result = score([read_gold(pair.gold)], [[(tuple(link.src), tuple(link.tgt))
                                            for link in align_case(case, settings).links]])
    return f"bundled pair: strict F1 {result.f1_strict:.3f} ({result.pred_strict}/{result.n_pred} links exact)"


def galechurch_baseline(cases: Sequence[CaseFiles]) -> str:
    try:
        import galechurch  # a Rust build on PyPI; only for this comparison
    except ImportError:
        return "Gale–Church: not installed (pip install galechurch)"
    golds, preds = [], []
    for case in cases:
        if case.gold is None:
            continue
        src = [l for l in case.src.read_text(encoding="utf-8").split("\n") if l.strip()]
        tgt = [l for l in case.tgt.read_text(encoding="utf-8").split("\n") if l.strip()]
        result = galechurch.align(src, tgt)
        preds.append([(tuple(range(b.source_start, b.source_end)),
                       tuple(range(b.target_start, b.target_end))) for b in result.beads])
        golds.append(read_gold(case.gold))
    result = score(golds, preds)
    return f"Gale–Church (galechurch): strict F1 {result.f1_strict:.3f}, lax F1 {result.f1_lax:.3f}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, nargs="?", default=ROOT / "dev-cases")
    parser.add_argument("--ablations", action="store_true")
    parser.add_argument("--galechurch", action="store_true")
    parser.add_argument("--level", choices=LEVELS, action="append")
    parser.add_argument("--family", action="append", default=[],
                        help="only families starting with this (repeatable): wmt, debian, udhr, tok …")
    parser.add_argument("--split", choices=(*SPLITS, "both"), default="both",
                        help="which part to run (default both; quote report)")
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--no-unrelated", action="store_true", help="skip the unrelated pairs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure here")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--set", action="append", default=[], metavar="WEIGHT=VALUE",
                        help="try another value of an aligner weight (see align.aligner.Weights)")
    parser.add_argument("--dictionaries", action="store_true",
                        help="use the installed bilingual dictionaries (dictd, as `sverka pair` "
                        "finds them) for every language pair of the dev cases")
    parser.add_argument("--lexicon", action="append", default=[], metavar="PATH",
                        help="also use this dictionary, word-pair TSV or learned lexicon")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of a run: weights from ``--set``, the lexicon from ``--dictionaries``
    and ``--lexicon``."""
    weights = Weights(**{key: float(value) for key, value in
                         (item.split("=", 1) for item in args.set)})
    lexicon = None
    if args.dictionaries or args.lexicon:
        from align.dictionaries.sources import choose_lexicon

        pairs = sorted({(case.src_lang, case.tgt_lang) for level in LEVELS
                        for case in find_cases(args.cases, level, level)})
        choice = choose_lexicon(pairs, args.lexicon,
                                dirs=None if args.dictionaries else [])
        print(choice.summary)
        lexicon = choice.signal
    return Settings(weights=weights, lexicon=lexicon)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.cases.is_dir():
        print(f"{args.cases}: no dev cases; run scripts/build_dev_cases.py first", file=sys.stderr)
        return 2
    try:
        base = settings_from(args)
    except (TypeError, ValueError) as error:
        print(f"evaluate_dev: bad --set: {error}", file=sys.stderr)
        return 2
    splits = SPLITS if args.split == "both" else (args.split,)
    started, cpu = time.perf_counter(), time.process_time()
    print(bundled(base))
    report: dict[str, Any] = {"cases": str(args.cases), "split": args.split,
                              "families": args.family, "settings": _settings_dict(base),
                              "levels": {}}
    real: list[Outcome] = []
    for level in args.level or LEVELS:
        cases = find_cases(args.cases, level, level, args.family, splits, args.only)
        variants = ABLATIONS if args.ablations else {"all signals": {}}
        for label, changes in variants.items():
            outcomes = run_cases(cases, replace(base, **changes), args.jobs)
            table = by_family(outcomes)
            print_level(level, table, label)
            pairs = by_family(outcomes, language_pair)
            if label == "all signals" and len(pairs.get("report", pairs.get("tune", {}))) > 2:
                print_level(level, pairs, f"{label}, by language pair")
            for outcome in outcomes:
                if outcome.error:
                    print(crash_note(outcome))
            report["levels"].setdefault(level, {})[label] = {
                "families": table, "language_pairs": pairs, "cases": per_case(outcomes)}
            if label == "all signals":
                real += outcomes
        if args.galechurch:
            print(galechurch_baseline(cases))
    if not args.no_unrelated:
        pairs = find_cases(args.cases, UNRELATED, "paragraph", (), splits, args.only)
        if pairs:
            families = tuple(args.family)
            pairs = [p for p in pairs if not families
                     or any(p.family.removeprefix("unrelated-").startswith(f) for f in families)]
            outcomes = run_cases(pairs, base, args.jobs)
            result = unrelated_figures(outcomes, [o for o in real if o.case.level == "paragraph"])
            print_unrelated(result)
            report["unrelated"] = result
    report["wall_seconds"] = time.perf_counter() - started
    report["cpu_seconds_main"] = time.process_time() - cpu
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.json:
        write_text_atomic(args.json, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {args.json}")
    return 0


def _settings_dict(settings: Settings) -> dict[str, Any]:
    """The settings as JSON can hold them (the link-type prior's keys become "a-b")."""
    fields = _plain(asdict(replace(settings, lexicon=None)))
    fields["lexicon"] = None if settings.lexicon is None else type(settings.lexicon).__name__
    return fields


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {("-".join(map(str, k)) if isinstance(k, tuple) else k): _plain(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value


if __name__ == "__main__":
    sys.exit(main())
