"""Speed and memory of the aligner (a benchmark, not a test): prints each figure beside the
target from the engine issue, measured in the same run.

    .venv/bin/python scripts/benchmark.py [--sizes 4000 16000] [--skip-large]

- a 40-paragraph article in-process (WMT23 ru-en paragraphs), best of 5 runs;
- `sverka pair` on the bundled pair, wall time including start-up, best of 3;
- long pairs (Debian Handbook + WMT23 paragraphs, cycled and lightly restructured) at each
  size, each in a fresh process for its peak memory, and the growth ratio between sizes.
Data is read in place from ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

_LONG_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {scripts!r})
from bench_data import book
from align.model import Document, Segment
from align.aligner import align_documents
from align.evaluate import score
src, tgt, gold = book({n})
source = Document("ru", tuple(Segment(t) for t in src))
target = Document("en", tuple(Segment(t) for t in tgt))
started = time.perf_counter()
alignment = align_documents(source, target)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
f1 = score([gold], [[(l.src, l.tgt) for l in alignment.links]]).f1_strict
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "links": len(alignment.links),
                  "src": len(src), "tgt": len(tgt), "f1": f1}}))
"""


def article_ms() -> float:
    from bench_data import wmt_paragraphs

    from align.aligner import align_documents
    from align.model import Document, Segment

    pairs = wmt_paragraphs()[:40]
    source = Document("ru", tuple(Segment(ru) for ru, _ in pairs))
    target = Document("en", tuple(Segment(en) for _, en in pairs))
    align_documents(source, target)  # warm caches and imports
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        align_documents(source, target)
        runs.append(time.perf_counter() - started)
    return 1000 * min(runs)


def cli_seconds(tmp: Path) -> float:
    sverka = Path(sys.executable).with_name("sverka")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([str(sverka), "pair", str(ROOT / "corpora" / "podrabinek-2022-01-10"),
                        "-o", str(tmp / "bench.align.json"), "-q"], check=True)
        runs.append(time.perf_counter() - started)
    return min(runs)


def long_pair(n: int) -> dict:
    code = _LONG_CHILD.format(scripts=str(ROOT / "scripts"), n=n)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 16000])
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    import tempfile

    print(f"40-paragraph article, in-process: {article_ms():7.1f} ms   (target ≤ 20 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"sverka pair, bundled pair, wall:   {cli_seconds(Path(tmp)):7.2f} s    (target ≤ 1 s)")
    if args.skip_large:
        return 0
    results = {}
    for n in args.sizes:
        result = long_pair(n)
        results[n] = result
        print(f"{result['src']:6d} × {result['tgt']:6d} paragraphs: {result['seconds']:7.2f} s, "
              f"peak {result['peak_mb']:6.0f} MB, strict F1 {result['f1']:.3f}"
              f"   (target at 16,000: ≤ 10 s, ≤ 1024 MB)")
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:]):
        growth = results[large]["seconds"] / results[small]["seconds"]
        print(f"growth {small} → {large}: time ×{growth:.2f} for size ×{large / small:.1f}"
              f"   (target 4,000 → 16,000: ≤ ×5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
