"""Speed of ``sverka check`` against the code before a change, both measured in one run
(a benchmark, not a test): every figure is printed for the baseline, for this tree and as
the ratio current / baseline, with the load average before and after.

    .venv/bin/python scripts/bench_check.py [--baseline GITREF] [--rounds 3]
                                            [--long 550] [--skip-long]

The baseline (default 02462cf, main with the sentence-level omission check before it was
made cheap) is checked out as a temporary detached git worktree, removed at the end; the
helpers are scripts/benchmark.py's, so the house rules hold: each measurement in a child
process of this venv's Python with PYTHONPATH and cwd set to the tree measured, baseline
and current taking turns, each figure the best of its rounds, the input the same for both
(this tree's scripts/bench_data.py, read in place from ../shared/data).

Figures, for the 40-paragraph WMT23 ru-en article and for a long pair (``--long``
paragraphs of Debian Handbook and WMT23 text, cycled, about one in 100 dropped or merged):
- first check: ``check_alignment`` on the aligner's alignment, in a process that has
  checked another text before (imports and dictionaries loaded), as ``sverka check`` and
  the review's first pass see it;
- check after one edit: the same alignment with two neighbouring links merged by a person
  and checked again in that process, as the review's checker worker does after every edit;
- of which omission: the same two with ``codes=["omission"]`` (the sentence-level check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from benchmark import Table, Tree, against_baseline, child, interleaved  # noqa: E402

DEFAULT_BASELINE = "02462cf"

# Runs inside the child, with the measured tree first on sys.path; only bench_data comes
# from this tree's scripts/ so that both trees see the same input.
_CHILD = """
import json, sys, time
job = json.loads(sys.argv[1])
sys.path.append(job["scripts"])
import align
from align.model import Document, Link, Segment
from align.aligner import align_documents
from align.check import check_alignment
from bench_data import book, wmt_paragraphs

def aligned(src, tgt):
    return align_documents(Document("ru", tuple(Segment(t) for t in src)),
                           Document("en", tuple(Segment(t) for t in tgt)))

def edited(alignment):
    # a person merges the two neighbouring one-to-one links nearest the middle
    links = list(alignment.links)
    k = len(links) // 2
    while not all(len(l.src) == len(l.tgt) == 1 for l in links[k:k + 2]):
        k += 1
    merged = Link(links[k].src + links[k + 1].src, links[k].tgt + links[k + 1].tgt, 1.0,
                  "edited")
    return alignment.with_links(links[:k] + [merged] + links[k + 2:])

def seconds(alignment, codes):
    started = time.perf_counter()
    check_alignment(alignment, codes=codes)
    return time.perf_counter() - started

pairs = wmt_paragraphs()
if job["kind"] == "article":
    src, tgt = [ru for ru, _ in pairs[:40]], [en for _, en in pairs[:40]]
else:
    src, tgt, _ = book(job["n"])
alignment = aligned(src, tgt)
codes = ["omission"] if job["omission_only"] else None
warm_up = aligned([ru for ru, _ in pairs[40:60]], [en for _, en in pairs[40:60]])
check_alignment(warm_up)  # imports, dictionaries, sentence splitters
first = seconds(alignment, codes)
again = seconds(edited(alignment), codes)
print(json.dumps({"align": align.__file__, "first": first, "again": again,
                  "links": len(alignment.links)}))
"""


def measure(args: argparse.Namespace, base: Tree, current: Tree) -> None:
    table = Table(args.baseline)
    jobs = [("40-paragraph article", {"kind": "article"})]
    if not args.skip_long:
        jobs.append((f"{args.long}-paragraph long pair", {"kind": "long", "n": args.long}))
    for name, job in jobs:
        for omission_only in (False, True):
            runs: dict[str, dict[str, float]] = {}

            def run(tree: Tree, job: dict = dict(job, omission_only=omission_only)) -> float:
                result = child(tree, job, program=_CHILD)
                kept = runs.setdefault(tree.label, {"first": float("inf"),
                                                    "again": float("inf")})
                for figure in ("first", "again"):
                    kept[figure] = min(kept[figure], result[figure])
                return result["first"]

            interleaved(args.rounds, [lambda: run(base), lambda: run(current)])
            b, c = runs[base.label], runs[current.label]
            label = name if not omission_only else "  of which omission"
            table.row(f"{label}, first check", b["first"], c["first"], "s")
            table.row(f"{label}, after one edit", b["again"], c["again"], "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF",
                        help=f"the code to compare against (default {DEFAULT_BASELINE})")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds per figure, best taken (default 3)")
    parser.add_argument("--long", type=int, default=550, metavar="PARAGRAPHS",
                        help="paragraphs of the long pair (default 550)")
    parser.add_argument("--skip-long", action="store_true", help="leave out the long pair")
    args = parser.parse_args()
    return against_baseline("bench_check", args.baseline,
                            lambda base, current, _work: measure(args, base, current))

if __name__ == "__main__":
    sys.exit(main())
