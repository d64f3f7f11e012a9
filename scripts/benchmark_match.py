#!/usr/bin/env python3
"""Speed and memory of ``sverka match`` on news-length collections (a benchmark, not a
test): N originals × N translations at each size, the time of each step, the peak
memory, accuracy beside the speed (so that nothing is bought with it), and the growth
from the smallest size to the largest.

    .venv/bin/python scripts/benchmark_match.py [--sizes 1000 5000] [--given-langs]
                                                [--no-lexicon] [--keep DIR]

The collections are WMT23 ru-en sentences (read in place from ../shared/data) reshuffled
into documents of 20 sentences in 5 paragraphs (about 2,500 characters of Russian, a news
article's length); a tenth of the translations have their original left out and a tenth
of the originals have no translation, so the decision does real work. Each size runs in
a fresh process (``python -m align.cli match … -o pairs.csv -q`` through the library, timed
per step), with the installed dictionaries unless --no-lexicon; languages are detected
per document unless --given-langs. Peak memory: the matching process's own peak and its
largest reading worker's (they run at the same time, so their sum bounds the total).
CPU-seconds (process and workers) are printed beside the wall time, with the load average:
on a shared machine the wall time says as much about the other work as about the match.
The target (issue 16): 5,000 × 5,000 in ≤ 60 s and ≤ 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

DATA = REPO.parent / "shared" / "data"
SENTENCES = 20
PARAGRAPHS = 5
MISSING = 0.1
"""Share of translations without their original, and of originals without a translation."""

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from align.matching.collection import read_collection
from align.matching.manifest import write_manifest
from align.matching.matcher import MatchSettings, match
from evaluate_match import evaluate
job = json.loads(sys.argv[1])
root = Path(job["root"])
clock = time.perf_counter()
originals = read_collection(root / "originals", job["src_lang"])
translations = read_collection(root / "translations", job["tgt_lang"])
read = time.perf_counter() - clock
clock = time.perf_counter()
result = match(originals, translations, MatchSettings(no_lexicon=job["no_lexicon"]))
matched = time.perf_counter() - clock
clock = time.perf_counter()
write_manifest(result, root / "pairs.csv")
written = time.perf_counter() - clock
figures = evaluate(result, json.loads((root / "gold.json").read_text()))
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"read": read, "match": matched, "write": written,
                  "cpu": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
                  "checked": len(result.checked),
                  "peak_mb": own.ru_maxrss / 1024,
                  "worker_peak_mb": workers.ru_maxrss / 1024,
                  "accuracy": figures["accuracy"], "unmatched_ok": figures["unmatched_ok"]}))
"""


def sentence_pairs() -> list[tuple[str, str]]:
    from devcases.wmt import WMT_FILE, read_wmt, untranslated

    return [pair for doc in read_wmt(DATA / WMT_FILE) if not untranslated(doc)
            for paragraph in doc.paragraphs for pair in paragraph]


def build(root: Path, size: int, pairs: list[tuple[str, str]], seed: int = 11) -> None:
    """``size`` originals and ``size`` translations, with gold.json as
    scripts/build_match_cases.py writes it (translation → original name, or null)."""
    rng = random.Random(seed)
    (root / "originals").mkdir(parents=True)
    (root / "translations").mkdir(parents=True)
    missing = round(MISSING * size)
    gold: dict[str, str | None] = {}
    # documents 0 … size+missing-1: the first `missing` have no translation, the last
    # `missing` no original; names are shuffled so that order tells nothing
    documents = size + missing
    o_names = rng.sample(range(documents), documents)
    t_names = rng.sample(range(documents), documents)
    for k in range(documents):
        picked = rng.sample(pairs, SENTENCES)
        per = SENTENCES // PARAGRAPHS
        ru = "\n\n".join(" ".join(s for s, _ in picked[p:p + per]) for p in range(0, SENTENCES, per))
        en = "\n\n".join(" ".join(t for _, t in picked[p:p + per]) for p in range(0, SENTENCES, per))
        original = f"o-{o_names[k]:05d}.txt"
        translation = f"t-{t_names[k]:05d}.txt"
        if k < size:
            (root / "originals" / original).write_text(ru + "\n", encoding="utf-8")
        if k >= missing:
            (root / "translations" / translation).write_text(en + "\n", encoding="utf-8")
            gold[translation] = original if k < size else None
    (root / "gold.json").write_text(json.dumps({"translations": gold, "roles": {}}),
                                    encoding="utf-8")


def measure(root: Path, args: argparse.Namespace) -> dict:
    job = {"root": str(root), "src_lang": "ru" if args.given_langs else None,
           "tgt_lang": "en" if args.given_langs else None, "no_lexicon": args.no_lexicon}
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(job)], cwd=REPO,
                          capture_output=True, text=True, env=_env())
    if done.returncode != 0:
        raise SystemExit(f"the match failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> float:
    """The machine's one-minute load average: other work on the two cores slows the run."""
    import os

    return os.getloadavg()[0]


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": os.pathsep.join((str(REPO), str(REPO / "scripts")))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--given-langs", action="store_true",
                        help="give --src-lang ru --tgt-lang en instead of detecting")
    parser.add_argument("--no-lexicon", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the collections here and keep them")
    args = parser.parse_args(argv)
    pairs = sentence_pairs()
    base = args.keep or Path(tempfile.mkdtemp(prefix="sverka-match-bench-"))
    rows = []
    try:
        for size in args.sizes:
            root = base / f"n{size}"
            if not (root / "gold.json").exists():
                build(root, size, pairs)
            load = _load()
            result = measure(root, args)
            total = result["read"] + result["match"] + result["write"]
            rows.append((size, total))
            print(f"{size:>6} × {size:<6} {total:6.1f} s (reading {result['read']:.1f} s, "
                  f"matching {result['match']:.1f} s incl. {result['checked']} pairs the "
                  f"aligner checked, manifest {result['write']:.2f} s; {result['cpu']:.0f} "
                  f"CPU-seconds in all, load average {load:.1f} before); "
                  f"peak {result['peak_mb']:.0f} MB, largest reading worker "
                  f"{result['worker_peak_mb']:.0f} MB; accuracy {result['accuracy']:.1%}, "
                  f"unmatched correctly {result['unmatched_ok']:.1%}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if len(rows) > 1:
        (small, small_time), (large, large_time) = rows[0], rows[-1]
        print(f"growth {small} → {large} documents a side (×{large / small:g}): time "
              f"×{large_time / small_time:.1f} (linear would be ×{large / small:g}, all "
              f"pairs ×{(large / small) ** 2:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
