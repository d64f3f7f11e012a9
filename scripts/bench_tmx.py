"""Peak memory of writing and reading TMX at 20,000 and 200,000 units, in one run.

Each measurement runs in a fresh Python process that reports its own peak RSS, so the
figures compare like with like: if the writer and the reader stream, ten times the units
costs about the same memory (only the file grows). The alignments are generated lazily
(many small documents), as ``sverka batch`` feeds the writer.

    .venv/bin/python scripts/bench_tmx.py [--sizes 20000 200000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_DOCUMENT = 100

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from align.formats.tmx import write_tmx
from align.formats.tmx_reader import TmxReader
from align.model import Alignment, Document, Link, Segment

def documents(units):
    for d in range(units // {per}):
        src = tuple(Segment(f"Документ {{d}}, абзац {{i}}: съешь же ещё этих мягких французских булок." * 2)
                    for i in range({per}))
        tgt = tuple(Segment(f"Document {{d}}, paragraph {{i}}: the quick brown fox jumps over the lazy dog." * 2)
                    for i in range({per}))
        links = tuple(Link((i,), (i,), 0.9, "auto") for i in range({per}))
        yield Alignment(Document("ru", src), Document("en", tgt), links, {{"name": f"doc{{d}}"}})

mode, units, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
if mode == "baseline":
    count = 0
elif mode == "write":
    count = write_tmx(documents(units), path).units
else:
    count = sum(1 for _ in TmxReader(path))
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"units": count, "seconds": seconds, "peak_mb": peak_kb / 1024}}))
"""


def measure(mode: str, units: int, path: Path) -> dict:
    code = CHILD.format(root=str(ROOT), per=PER_DOCUMENT)
    done = subprocess.run([sys.executable, "-c", code, mode, str(units), str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = measure("baseline", 0, Path(folder) / "none.tmx")
        print(f"baseline (python + lxml + sverka imported): peak RSS {base['peak_mb']:.1f} MB")
        print(f"{'units':>8}  {'file MB':>8}  {'write peak MB':>13}  {'write s':>7}  "
              f"{'read peak MB':>12}  {'read s':>6}")
        rows = []
        for units in args.sizes:
            path = Path(folder) / f"{units}.tmx"
            wrote = measure("write", units, path)
            read = measure("read", units, path)
            assert wrote["units"] == read["units"] == units, (wrote, read)
            size = path.stat().st_size / 2**20
            rows.append((units, wrote["peak_mb"], read["peak_mb"]))
            print(f"{units:>8}  {size:>8.1f}  {wrote['peak_mb']:>13.1f}  "
                  f"{wrote['seconds']:>7.1f}  {read['peak_mb']:>12.1f}  {read['seconds']:>6.1f}")
            path.unlink()
        if len(rows) > 1:
            (small, w0, r0), (large, w1, r1) = rows[0], rows[-1]
            print(f"{large / small:.0f}x the units: write peak {w1 - w0:+.1f} MB, "
                  f"read peak {r1 - r0:+.1f} MB (above the baseline: write "
                  f"{w0 - base['peak_mb']:.1f} → {w1 - base['peak_mb']:.1f} MB, read "
                  f"{r0 - base['peak_mb']:.1f} → {r1 - base['peak_mb']:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
