"""Whether this tree builds the same signal inputs as a baseline, text for text: a rewrite
of how the signals are built (issue 14's faster builds) must not move a single count.

    .venv/bin/python scripts/check_signal_builds.py [--baseline GITREF | --baseline-tree DIR]
                                                    [--sizes 16000 46000]
                                                    [--dev-cases DIR]

Compared, by a digest of every array (values, dtype and shape): the chrF skeleton codes
and shared n-gram counts (matrices, totals, keys, channels; also orders 1-3 only, and
``NgramCounts.of_texts``), the anchor counts and every number mention, scaled and not,
and names; the box labels and the segment kinds. The pairs are scripts/bench_data.py's
long pair at each size and, with --dev-cases (scripts/build_dev_cases.py's output), every
case, read a line a segment; the dev cases are built twice, with scipy.sparse loaded (as
in a batch worker) and without it (numpy counts, as in a fresh ``sverka pair``). Prints
each difference and exits 1 if there is one. See scripts/bench_signals.py for speed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmark import BenchError, Tree, against_baseline, child

DEFAULT_BASELINE = "44ba189"  # before the signal builds were made faster (issue 14)

_CHILD = """
import hashlib, json, sys
job = json.loads(sys.argv[1])
sys.path.append(job["scripts"])
import numpy as np
import align
if job["sparse"]:
    import scipy.sparse  # counts of any size sparse, as in a batch worker
from align.ingest.kinds import classify, holds_a_box, opens_a_box
from align.ingest.normalize import signal_texts
from align.signals.anchors import AnchorCounts, mentions_per_text, names_per_text
from align.signals.chrf import NgramCounts, shared_counts_of_codes
from align.signals.translit import latin_skeletons, skeleton_codes

def digest(*values):
    hashed = hashlib.sha256()
    for value in values:
        if isinstance(value, np.ndarray):
            hashed.update(repr((value.dtype.str, value.shape)).encode())
            hashed.update(np.ascontiguousarray(value).tobytes())
        else:
            hashed.update(repr(value).encode())
    return hashed.hexdigest()[:16]

def counts(c):
    m = c.matrix
    if isinstance(m, np.ndarray):
        matrix = digest(m)
    else:
        matrix = digest(m.format, m.indptr, m.indices, m.data, np.array(m.shape))
    return [matrix, digest(c.totals), digest(c.key_of_column), digest(c.channel_of_column)]

def read(path, lines):
    text = open(path, encoding="utf-8").read().rstrip("\\n")
    return [t for t in text.split("\\n") if t.strip()] if lines else text.split("\\n\\n")

pairs = {}
for name, src_path, tgt_path, lines in job["pairs"]:
    if src_path is None:
        from bench_data import book
        src, tgt, _ = book(int(name.split()[-1]))
    else:
        src, tgt = read(src_path, lines), read(tgt_path, lines)
    found = {}
    ss, ts = signal_texts(src), signal_texts(tgt)
    codes = skeleton_codes(ss), skeleton_codes(ts)
    found["skeleton codes"] = [digest(*codes[0]), digest(*codes[1])]
    found["chrf counts"] = [counts(c) for c in shared_counts_of_codes(*codes)]
    found["chrf counts, orders 1-3"] = [counts(c) for c in shared_counts_of_codes(*codes, 3)]
    found["of_texts"] = counts(NgramCounts.of_texts(latin_skeletons(ss[:3000])))
    anchors = AnchorCounts(src, tgt)
    found["anchor counts"] = [counts(anchors._src), counts(anchors._tgt)]
    for side, texts in (("src", ss), ("tgt", ts)):
        found[side + " numbers, scaled"] = digest(mentions_per_text(texts, scaled=True))
        found[side + " numbers"] = digest(mentions_per_text(texts))
        found[side + " names"] = digest(names_per_text(texts))
        found[side + " opens a box"] = digest([opens_a_box(t) for t in texts])
        found[side + " holds a box"] = digest([holds_a_box(t) for t in texts])
    found["kinds"] = [digest(classify(src)), digest(classify(tgt))]
    pairs[name] = found
print(json.dumps({"align": align.__file__, "pairs": pairs}))
"""


def jobs(args: argparse.Namespace) -> list[dict]:
    """One job a way of building: the long pairs with scipy.sparse, the dev cases both ways."""
    books = [[f"book {n}", None, None, False] for n in args.sizes]
    cases = []
    if args.dev_cases is not None:
        for source in sorted(args.dev_cases.glob("*/*/src.txt")):
            name = f"{source.parent.parent.name}/{source.parent.name}"
            cases.append([name, str(source), str(source.with_name("tgt.txt")), True])
        if not cases:
            raise BenchError(f"{args.dev_cases}: no dev cases (*/*/src.txt)")
    return [{"kind": "fingerprints", "sparse": True, "pairs": books + cases},
            {"kind": "fingerprints", "sparse": False, "pairs": cases}]


def compare(args: argparse.Namespace, base: Tree, current: Tree) -> int:
    """Print every difference; how many there were."""
    differences = compared = 0
    for job in jobs(args):
        if not job["pairs"]:
            continue
        way = "with scipy.sparse" if job["sparse"] else "numpy only"
        old = child(base, job, program=_CHILD)["pairs"]
        new = child(current, job, program=_CHILD)["pairs"]
        before = differences
        for name, found in old.items():
            for what, value in found.items():
                compared += 1
                if new[name].get(what) != value:
                    differences += 1
                    print(f"differs ({way}): {name}: {what}", flush=True)
        if differences == before:
            print(f"{len(old)} pairs {way}: built alike", flush=True)
    print(f"{compared} fingerprints compared, {differences} differ")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF",
                        help=f"the commit to compare against (default {DEFAULT_BASELINE})")
    parser.add_argument("--baseline-tree", type=Path, metavar="DIR",
                        help="a baseline tree already on disk (no git worktree is made)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[16000, 46000])
    parser.add_argument("--dev-cases", type=Path, metavar="DIR",
                        help="scripts/build_dev_cases.py's output folder")
    args = parser.parse_args()
    differences: list[int] = []
    status = against_baseline("check-signal-builds", args.baseline,
                              lambda base, current, _work: differences.append(
                                  compare(args, base, current)),
                              args.baseline_tree)
    return status or (1 if differences and differences[0] else 0)


if __name__ == "__main__":
    sys.exit(main())
