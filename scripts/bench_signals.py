"""How long the signals take to build on a long pair, and the peak memory of the chrF
build, against a baseline, both measured in one run (a benchmark, not a test). Issue 14
wants a 46,000-paragraph book aligned in 12 s within 1 GB; building the signals comes
before the search, so its share is measured on its own here.

    .venv/bin/python scripts/bench_signals.py [--baseline GITREF | --baseline-tree DIR]
                                              [--sizes 16000 46000] [--rounds 3]
                                              [--signals chrf anchors kind_in_merge]

Each figure is the median of --rounds fresh processes (baseline and current taking
turns, see scripts/benchmark.py), each building one signal (``Signal.build``) on the
long pair of scripts/bench_data.py at each size, after reading it; scipy.sparse is
loaded before the clock starts, as the chrF build of any long pair has loaded it. Peak
memory is the process's ru_maxrss after the build (the pair itself included). Run it
under ``nice`` on a shared machine. --baseline-tree measures a tree already on disk (e.g.
``git archive REF | tar -x -C DIR``) instead of a temporary git worktree of --baseline.
Whether the builds still give the same counts is scripts/check_signal_builds.py's job.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from benchmark import Table, Tree, against_baseline, child, interleaved

DEFAULT_BASELINE = "44ba189"  # before the signal builds were made faster (issue 14)
SIGNALS = ("chrf", "anchors", "kind_in_merge")

_CHILD = """
import json, resource, sys, time
job = json.loads(sys.argv[1])
sys.path.append(job["scripts"])
import align
import scipy.sparse  # loaded by the chrF build of any long pair
from align import aligner
from align.aligner import Settings
from align.model import Document, Segment
from bench_data import book
src, tgt, _ = book(job["n"])
source = Document("ru", tuple(Segment(t) for t in src))
target = Document("en", tuple(Segment(t) for t in tgt))
signal = next(kind for kind in aligner.SIGNALS if kind.name == job["signal"])
started = time.perf_counter()
signal.build(source, target, Settings())
print(json.dumps({"align": align.__file__, "value": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(args: argparse.Namespace, base: Tree, current: Tree) -> None:
    table = Table(base.label)
    for n in args.sizes:
        for name in args.signals:
            peaks: dict[str, list[float]] = {base.label: [], current.label: []}

            def build(tree: Tree, n: int = n, name: str = name) -> float:
                result = child(tree, {"kind": "build", "n": n, "signal": name},
                               program=_CHILD)
                peaks[tree.label].append(result["peak_mb"])
                return result["value"]

            seconds = interleaved(args.rounds, [lambda: build(base), lambda: build(current)],
                                  pick=statistics.median)
            table.row(f"{name} build, {n} paragraphs", *seconds, "s")
            if name == "chrf":
                table.row(f"chrf build peak, {n} paragraphs",
                          statistics.median(peaks[base.label]),
                          statistics.median(peaks[current.label]), "MB", digits=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF",
                        help=f"the commit to compare against (default {DEFAULT_BASELINE})")
    parser.add_argument("--baseline-tree", type=Path, metavar="DIR",
                        help="a baseline tree already on disk (no git worktree is made)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[16000, 46000])
    parser.add_argument("--rounds", type=int, default=3, help="runs per figure, median taken")
    parser.add_argument("--signals", nargs="+", default=list(SIGNALS), choices=SIGNALS)
    args = parser.parse_args()
    return against_baseline("bench-signals", args.baseline,
                            lambda base, current, _work: measure(args, base, current),
                            args.baseline_tree)


if __name__ == "__main__":
    sys.exit(main())
