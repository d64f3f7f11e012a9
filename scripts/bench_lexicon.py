"""The lexicon signal on a long book against a baseline commit, both measured in one run
(a benchmark, not a test): building the signal for the pair (stems, bags, the expected
counts, the background) and pricing a band of candidate links, with the peak memory, and
how far the current tree's scores are from the baseline's.

    .venv/bin/python scripts/bench_lexicon.py [--baseline GITREF] [--src /tmp/book/ru.txt]
                                              [--tgt /tmp/book/en.txt] [--radius 40]

The pair is read as ``sverka pair`` reads it (``align.ingest.read_document``) and the
lexicon is the installed ru→en dictionary through ``choose_lexicon`` (its parsed cache
warmed first, in each tree's own cache folder). The band is every (i, j) with
|j − i·n_t/n_s| ≤ --radius, for the shapes 1-1, 2-1, 1-2, 2-2, 1-3 and 3-1, each shape
priced in one call (as the lattice does); with --align, the whole pair aligned by
``align_documents`` with the lexicon, and the lexicon's share of that time. Without --src/--tgt a 46,000-paragraph pair
is made with scripts/bench_data.py's ``book``. Each tree runs in its own child process
(peak memory is the child's), baseline first. Times are the child's CPU seconds
(single-threaded work, so its wall time on an idle machine): on a shared machine the
wall clock measured the neighbours as much as the code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from benchmark import BenchError, Table, Tree, against_baseline, child

DEFAULT_BASELINE = "44ba189"  # where branch `lexicon` began
SHAPES = ((1, 1), (2, 1), (1, 2), (2, 2), (1, 3), (3, 1))

_CHILD = """
import json, resource, sys, time
import numpy as np
job = json.loads(sys.argv[1])
sys.path.append(job["scripts"])
import align
from align.model import Document, Segment
from align.dictionaries.sources import choose_lexicon
result = {"align": align.__file__}
signal = choose_lexicon([("ru", "en")]).signal  # the first run in a cache folder parses
assert signal is not None, "no installed ru-en dictionary"
if job["kind"] == "warm":
    print(json.dumps(result))
    sys.exit()
if job["src"]:
    from align.ingest import read_document
    source, target = read_document(job["src"], "ru"), read_document(job["tgt"], "en")
else:
    from bench_data import book
    src, tgt, _ = book(46000)
    source = Document("ru", tuple(Segment(t) for t in src))
    target = Document("en", tuple(Segment(t) for t in tgt))
result["rss_before_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
n_s, n_t = len(source), len(target)
scores, seconds = [], {}
if job["align"]:
    from align.aligner import Settings, align_documents
    from align.signals import lexicon
    spent = {"build": 0.0, "score": 0.0}
    def timed(function, name):
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started
        return wrapper
    lexicon.LexiconSimilarity.__init__ = timed(lexicon.LexiconSimilarity.__init__, "build")
    lexicon.LexiconSimilarity.score = timed(lexicon.LexiconSimilarity.score, "score")
    started = time.process_time()
    alignment = align_documents(source, target, Settings(lexicon=signal))
    result["aligned"] = time.process_time() - started
    result["build"] = spent["build"]
    result["score"] = {"all calls (the background's too)": spent["score"]}
    result["links"] = len(alignment.links)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    np.save(job["out"], np.array([[l.src[0] if l.src else -1, l.tgt[0] if l.tgt else -1,
                                   len(l.src), len(l.tgt), l.score] for l in alignment.links]))
    result["size"] = [n_s, n_t]
    print(json.dumps(result))
    sys.exit()
started = time.process_time()
similarity = signal.similarity(source, target)
result["build"] = time.process_time() - started
for a, b in job["shapes"]:
    i = np.repeat(np.arange(n_s - a + 1), 2 * job["radius"] + 1)
    j = (np.round(i * n_t / n_s).astype(np.int64)
         + np.tile(np.arange(-job["radius"], job["radius"] + 1), n_s - a + 1))
    keep = (j >= 0) & (j <= n_t - b)
    i, j = i[keep], j[keep]
    started = time.process_time()
    scores.append(similarity.score(a, b, i, j))
    seconds[f"{a}-{b}"] = time.process_time() - started
result["score"] = seconds
result["links"] = sum(len(s) for s in scores)
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
np.save(job["out"], np.concatenate(scores).astype(np.float64))
result["size"] = [n_s, n_t]
print(json.dumps(result))
"""


def measure(args: argparse.Namespace, base: Tree, current: Tree, work: Path) -> None:
    job = {"kind": "lexicon-book", "src": args.src, "tgt": args.tgt, "radius": args.radius,
           "shapes": SHAPES, "align": args.align}
    results = []
    for tree in (base, current):
        child(tree, {"kind": "warm"}, program=_CHILD)
        out = work / f"{tree.label}.npy"
        results.append((child(tree, dict(job, out=str(out)), program=_CHILD), np.load(out)))
    (base_result, base_scores), (current_result, current_scores) = results
    what = "links aligned" if args.align else "candidate links in the band"
    print(f"{base_result['size'][0]:,} × {base_result['size'][1]:,} paragraphs, "
          f"{base_result['links']:,} {what}")
    table = Table(base.label)
    if args.align:
        table.row("align_documents with the lexicon", base_result["aligned"],
                  current_result["aligned"], "s")
    table.row("build the signal (bags, expected counts)", base_result["build"],
              current_result["build"], "s")
    for shape in base_result["score"]:
        table.row(f"  score {shape}", base_result["score"][shape],
                  current_result["score"][shape], "s")
    table.row("score, all shapes", sum(base_result["score"].values()),
              sum(current_result["score"].values()), "s")
    table.row("peak memory before the signal", base_result["rss_before_mb"],
              current_result["rss_before_mb"], "MB", digits=0)
    table.row("peak memory", base_result["peak_mb"], current_result["peak_mb"], "MB",
              digits=0)
    if base_scores.shape != current_scores.shape and not args.align:
        raise BenchError("the trees priced different numbers of links")
    if args.align:
        same = base_scores.shape == current_scores.shape and np.array_equal(
            base_scores[:, :4], current_scores[:, :4])
        print(f"links {'the same' if same else 'DIFFERENT'}; largest confidence difference "
              f"{np.abs(base_scores[:, 4] - current_scores[:, 4]).max() if same else float('nan'):.2e}")
        return
    print(f"largest score difference: {np.abs(base_scores - current_scores).max():.2e} "
          f"(of scores up to {base_scores.max():.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF")
    parser.add_argument("--src", help="the original, one paragraph a block (default: made)")
    parser.add_argument("--tgt", help="its translation")
    parser.add_argument("--radius", type=int, default=40,
                        help="the band's half-width in target paragraphs (default 40)")
    parser.add_argument("--align", action="store_true",
                        help="align the whole pair with the lexicon instead (align_documents): "
                             "its time, the lexicon's share of it, peak memory, and whether "
                             "the links are the same")
    args = parser.parse_args()
    if bool(args.src) != bool(args.tgt):
        parser.error("--src and --tgt go together")
    return against_baseline("bench-lexicon", args.baseline,
                            lambda base, current, work: measure(args, base, current, work))


if __name__ == "__main__":
    sys.exit(main())
