"""Start-up of the command line against the branch's starting point, both measured in one
run (a benchmark, not a test): the wall time of a fresh ``sverka`` process, for the
baseline tree, for this tree and as the ratio current / baseline.

    .venv/bin/python scripts/bench_startup.py [--baseline GITREF] [--rounds 5]

Figures (each the median of --rounds runs, baseline and current taking turns):
- ``sverka pair`` on the bundled 21-link article (corpora/podrabinek-2022-01-10), with
  whatever dictionaries this machine has installed (their parsed cache warmed first), and
  with --no-lexicon (the article with no dictionary: issue 14's target, ≤ 0.35 s);
- ``sverka --help``.

The baseline is a temporary detached worktree, run with this venv's Python through
PYTHONPATH (see scripts/benchmark.py, whose machinery this reuses). Compiled bytecode is
cached (in a temporary PYTHONPYCACHEPREFIX, warmed by one run of each tree before the
clock starts), as an installed sverka has it, even where PYTHONDONTWRITEBYTECODE is set;
--no-bytecode-cache measures the source compiled afresh by every process instead.

--cpu reports each process's CPU seconds (user + system, every thread's: numpy's BLAS
threads add some) instead of its wall time: on a machine shared with other work the wall
clock measures the neighbours too. Compare CPU with CPU, not with the wall-time target.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from benchmark import BenchError, Table, Tree, against_baseline, interleaved, pair_seconds

DEFAULT_BASELINE = "6c31b81"  # where branch `startup` began


def help_seconds(tree: Tree) -> float:
    """Wall time of ``sverka --help``, start-up included."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "align.cli", "--help"], cwd=tree.root,
                          env=tree.env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"{tree.label}: sverka --help failed")
    return seconds


def cpu_seconds(run: Callable[[], float]) -> float:
    """The CPU seconds (user + system) of the child processes ``run`` waits for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def measure(rounds: int, base: Tree, current: Tree, work: Path, cpu: bool = False) -> None:
    def timed(run: Callable[[], float]) -> float:
        return cpu_seconds(run) if cpu else run()

    unit = "s CPU" if cpu else "s"
    table = Table(base.label)
    out = work / "startup.align.json"
    for tree in (base, current):  # warm the parsed dictionaries and the bytecode
        pair_seconds(tree, out)
        pair_seconds(tree, out, ("--no-lexicon",))
        help_seconds(tree)
    rows = [("sverka pair, bundled article", (), "≤ 0.35 s without a dictionary"),
            ("  with --no-lexicon", ("--no-lexicon",), "≤ 0.35 s")]
    for name, extra, target in rows:
        base_s, current_s = interleaved(
            rounds, [lambda: timed(lambda: pair_seconds(base, out, extra)),
                     lambda: timed(lambda: pair_seconds(current, out, extra))],
            statistics.median)
        table.row(name, base_s, current_s, unit, target, 3)
    base_s, current_s = interleaved(rounds, [lambda: timed(lambda: help_seconds(base)),
                                             lambda: timed(lambda: help_seconds(current))],
                                    statistics.median)
    table.row("sverka --help", base_s, current_s, unit, "", 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF",
                        help=f"the tree to compare against (default {DEFAULT_BASELINE}, "
                             "where this work began)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="runs per figure, the median taken (default 5)")
    parser.add_argument("--cpu", action="store_true",
                        help="CPU seconds of each process instead of wall time")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="every process compiles the source afresh (no .pyc)")
    args = parser.parse_args()
    if args.no_bytecode_cache:
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        os.environ.pop("PYTHONPYCACHEPREFIX", None)
        return measured(args)
    with tempfile.TemporaryDirectory(prefix="sverka-pycache-") as pycache:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = pycache  # the trees stay free of __pycache__
        return measured(args)


def measured(args: argparse.Namespace) -> int:
    return against_baseline("bench-startup", args.baseline,
                            lambda base, current, work: measure(args.rounds, base, current,
                                                                work, args.cpu))


if __name__ == "__main__":
    sys.exit(main())
