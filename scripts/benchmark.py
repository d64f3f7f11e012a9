"""Speed and memory of the aligner against a baseline release, both measured in one run
(a benchmark, not a test): every figure is printed for the baseline, for this tree and as
the ratio current / baseline, with strict F1 on the long-book gold beside the speed so that
nothing is bought with accuracy.

    .venv/bin/python scripts/benchmark.py [--baseline GITREF] [--rounds 3]
                                          [--sizes 4000 16000] [--skip-large]
                                          [--book-dictionaries] [--dev-cases DIR]

The long book of the speed issue is ``--sizes 46000 --book-dictionaries`` (46,000
paragraphs a side, 34 MB, aligned with the installed dictionary as ``sverka pair`` does).

The baseline (default 6c31b81, the last commit before the speed issue's work, with the
lattice posteriors and the dictionaries) is checked out as a temporary detached git worktree, removed at the end (also
on an error or Ctrl-C). Every measurement runs in a child process of this venv's Python with
PYTHONPATH and cwd set to the tree being measured, so both trees share the installed
dependencies; baseline and current runs alternate, so load on the machine hits both alike,
and each figure is the best of its rounds. The input data is the same for both: this tree's
bundled pair and scripts/bench_data.py, read in place from ../shared/data.

Figures:
- article: the 40-paragraph WMT23 ru-en article aligned in-process (align_documents only,
  after one warm-up run), best of 5 runs per child;
- article + dictionary (current only; its ratio is against the baseline's plain article,
  the figure the engine issue limits to ×1.5): the same with the installed ru→en dictionary
  passed as Settings.lexicon, the lexicon built before the clock starts;
- dictionary load (current only): choose_lexicon([("ru", "en")]) in a fresh process, with
  an empty XDG_CACHE_HOME (cold: the dictd files parsed) and with the parsed cache present
  (warm);
- sverka pair: `python -m align.cli pair` on the bundled pair, wall time including start-up;
  for the current tree once with --no-lexicon and once with the installed dictionaries (their
  parsed cache warmed first), both against the baseline, which has no dictionaries;
- dev F1 (``--dev-cases DIR``): strict F1 of the dev cases' report split, paragraph and
  sentence level, with the installed dictionaries, as each tree's evaluate_dev.py scores;
- long pairs (Debian Handbook + WMT23 paragraphs, cycled and lightly restructured) at each
  --sizes, one fresh process each for its peak memory, with strict F1 against the gold and
  the growth of time between sizes. --skip-large leaves them out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
BUNDLED_PAIR = ROOT / "corpora" / "podrabinek-2022-01-10"
DEFAULT_BASELINE = "6c31b81"
LANGUAGES = ("ru", "en")

# Runs inside the child, with the measured tree first on sys.path; only bench_data comes
# from this tree's scripts/ so that both trees see the same input.
_CHILD = """
import json, resource, sys, time
job = json.loads(sys.argv[1])
sys.path.append(job["scripts"])
import align
from align.model import Document, Segment
from align.aligner import Settings, align_documents
result = {"align": align.__file__}

def documents(src, tgt):
    return (Document("ru", tuple(Segment(t) for t in src)),
            Document("en", tuple(Segment(t) for t in tgt)))

if job["kind"] == "article":
    from bench_data import wmt_paragraphs
    pairs = wmt_paragraphs()[:40]
    source, target = documents([ru for ru, _ in pairs], [en for _, en in pairs])
    settings = Settings()
    if job.get("lexicon"):
        from align.dictionaries.sources import choose_lexicon
        signal = choose_lexicon([("ru", "en")]).signal
        assert signal is not None, "no installed ru-en dictionary"
        settings = Settings(lexicon=signal)
    align_documents(source, target, settings)  # warm caches and imports
    runs = []
    for _ in range(job["runs"]):
        started = time.perf_counter()
        align_documents(source, target, settings)
        runs.append(time.perf_counter() - started)
    result["value"] = 1000 * min(runs)
elif job["kind"] == "lexicon":
    from align.dictionaries.sources import choose_lexicon
    started = time.perf_counter()
    choice = choose_lexicon([("ru", "en")])
    result["value"] = time.perf_counter() - started
    result["summary"] = choice.summary
elif job["kind"] == "book":
    from bench_data import book
    from align.evaluate import score
    src, tgt, gold = book(job["n"])
    source, target = documents(src, tgt)
    settings = Settings()
    if job.get("lexicon"):
        try:
            from align.dictionaries.sources import choose_lexicon
        except ImportError:  # a release before the dictionaries
            result["lexicon"] = False
        else:
            settings = Settings(lexicon=choose_lexicon([("ru", "en")]).signal)
            result["lexicon"] = settings.lexicon is not None
    started = time.perf_counter()
    alignment = align_documents(source, target, settings)
    result["value"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["f1"] = score([gold], [[(l.src, l.tgt) for l in alignment.links]]).f1_strict
    result["src"], result["tgt"] = len(src), len(tgt)
print(json.dumps(result))
"""


class BenchError(Exception):
    """A benchmark that cannot run (bad ref, failing child): one line for the user."""


@dataclass(frozen=True)
class Tree:
    """A source tree to measure: its label, its root and the cache folder its runs use."""

    label: str
    root: Path
    cache: Path

    def env(self, cache: Path | None = None) -> dict[str, str]:
        env = dict(os.environ, PYTHONPATH=str(self.root),
                   XDG_CACHE_HOME=str(cache or self.cache))
        return env


def child(tree: Tree, job: dict, cache: Path | None = None, program: str = _CHILD) -> dict:
    """One job in a fresh process of this venv's Python, measuring ``tree``: ``program``
    reads the job from its first argument and prints a JSON result naming the ``align``
    package it imported (checked to be ``tree``'s)."""
    job = dict(job, scripts=str(SCRIPTS))
    done = subprocess.run([sys.executable, "-c", program, json.dumps(job)], cwd=tree.root,
                          env=tree.env(cache), capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"{tree.label}: {job['kind']} failed: {last}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(result["align"]).resolve().parent.parent != tree.root.resolve():
        raise BenchError(f"{tree.label}: measured {result['align']}, not its own tree")
    return result


def pair_seconds(tree: Tree, out: Path, extra: tuple[str, ...] = ()) -> float:
    """Wall time of ``sverka pair`` on the bundled pair, start-up included."""
    command = [sys.executable, "-m", "align.cli", "pair", str(BUNDLED_PAIR),
               "-o", str(out), "-q", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=tree.root, env=tree.env(), capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"{tree.label}: sverka pair failed: {last}")
    return seconds


def dev_f1(tree: Tree, cases: Path, work: Path) -> dict[str, float]:
    """Strict F1 of the dev cases' report split at both levels, with the installed
    dictionaries, as ``tree``'s own scripts/evaluate_dev.py scores them."""
    out = work / f"dev-{tree.label}.json"
    command = [sys.executable, str(tree.root / "scripts" / "evaluate_dev.py"), str(cases),
               "--dictionaries", "--split", "report", "--no-unrelated", "--json", str(out)]
    done = subprocess.run(command, cwd=tree.root, env=tree.env(), capture_output=True,
                          text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"{tree.label}: evaluate_dev failed: {last}")
    levels = json.loads(out.read_text(encoding="utf-8"))["levels"]
    return {level: figures["all signals"]["families"]["report"]["all"]["scores"]["f1_strict"]
            for level, figures in levels.items()}


def interleaved(rounds: int, measures: list[Callable[[], float]],
                pick: Callable[[list[float]], float] = min) -> list[float]:
    """Best (or ``pick``, e.g. the median) of ``rounds`` for each measure, the measures
    taking turns within a round and the order reversed every other round."""
    values: list[list[float]] = [[] for _ in measures]
    for round_number in range(rounds):
        order = list(range(len(measures)))
        if round_number % 2:
            order.reverse()
        for index in order:
            values[index].append(measures[index]())
    return [pick(runs) for runs in values]


@contextmanager
def baseline_worktree(ref: str) -> Iterator[Path]:
    """A detached worktree of ``ref``, removed afterwards whatever happens."""
    resolved = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                              cwd=ROOT, capture_output=True, text=True)
    if resolved.returncode != 0:
        raise BenchError(f"--baseline {ref}: not a commit in {ROOT}")
    folder = Path(tempfile.mkdtemp(prefix="sverka-baseline-"))
    path = folder / "tree"
    try:
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(path), ref],
                       cwd=ROOT, check=True, capture_output=True, text=True)
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT,
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


class Table:
    """Rows of baseline / current / ratio, printed as they are measured."""

    def __init__(self, baseline: str) -> None:
        print(f"{'figure':44s} {baseline[:10]:>10s} {'current':>10s} {'ratio':>7s}  target")

    def row(self, name: str, base: float | None, current: float | None, unit: str,
            target: str = "", digits: int = 2) -> None:
        def shown(value: float | None) -> str:
            return "—" if value is None else f"{value:.{digits}f}"

        ratio = f"×{current / base:.2f}" if base and current is not None else ""
        print(f"{name + ' (' + unit + ')':44s} {shown(base):>10s} {shown(current):>10s} "
              f"{ratio:>7s}  {target}".rstrip(), flush=True)


def measure(args: argparse.Namespace, base: Tree, current: Tree, work: Path) -> None:
    table = Table(args.baseline)
    rounds = args.rounds
    article = {"kind": "article", "runs": 5}
    # Warm current's parsed dictionary cache before anything with dictionaries is timed.
    child(current, {"kind": "lexicon"})
    base_ms, current_ms, lexicon_ms = interleaved(rounds, [
        lambda: child(base, article)["value"],
        lambda: child(current, article)["value"],
        lambda: child(current, dict(article, lexicon=True))["value"],
    ])
    table.row("40-paragraph article, in-process", base_ms, current_ms, "ms", "≤ 20 ms", 1)
    table.row("  current with ru→en dictionary", base_ms, lexicon_ms, "ms",
              "≤ ×1.5 the baseline", 1)

    def cold_load() -> float:
        with tempfile.TemporaryDirectory(dir=work) as empty:
            return child(current, {"kind": "lexicon"}, cache=Path(empty))["value"]

    cold, warm = interleaved(rounds, [cold_load,
                                      lambda: child(current, {"kind": "lexicon"})["value"]])
    table.row("dictionary load, cold cache", None, cold, "s")
    table.row("dictionary load, warm cache", None, warm, "s")

    out = work / "bench.align.json"
    base_s, plain_s, dict_s = interleaved(rounds, [
        lambda: pair_seconds(base, out),
        lambda: pair_seconds(current, out, ("--no-lexicon",)),
        lambda: pair_seconds(current, out),
    ])
    table.row("sverka pair, bundled pair, no dictionary", base_s, plain_s, "s", "≤ 0.35 s")
    table.row("  current with installed dictionaries", base_s, dict_s, "s", "≤ 0.35 s")
    if args.dev_cases:
        base_f1, current_f1 = dev_f1(base, args.dev_cases, work), dev_f1(current, args.dev_cases,
                                                                           work)
        for level in current_f1:
            table.row(f"dev cases (report split), {level} strict F1", base_f1.get(level),
                      current_f1[level], "F1", "no lower", 3)
    if args.skip_large:
        return
    books: dict[int, tuple[dict, dict]] = {}
    for n in args.sizes:
        runs: dict[str, dict] = {}

        def book(tree: Tree, n: int = n) -> float:
            result = child(tree, {"kind": "book", "n": n, "lexicon": args.book_dictionaries})
            kept = runs.get(tree.label)
            if kept is None or result["value"] < kept["value"]:
                runs[tree.label] = result
            return result["value"]

        interleaved(args.book_rounds, [lambda: book(base), lambda: book(current)])
        b, c = runs[base.label], runs[current.label]
        books[n] = (b, c)
        name = f"{c['src']} × {c['tgt']} paragraphs"
        if args.book_dictionaries:
            with_dictionary = {True: "with", False: "without"}
            name += (f" (ru→en dictionary: baseline {with_dictionary[b.get('lexicon', False)]},"
                     f" current {with_dictionary[c.get('lexicon', False)]})")
        book = n >= 46000  # the speed issue's long book
        table.row(name + ", time", b["value"], c["value"], "s", "≤ 12 s" if book else "")
        table.row("  peak memory", b["peak_mb"], c["peak_mb"], "MB",
                  "≤ 1024 MB" if book else "", 0)
        table.row("  strict F1 on its gold", b["f1"], c["f1"], "F1", "", 3)
    sizes = sorted(books)
    for small, large in zip(sizes, sizes[1:]):
        growth = [books[large][k]["value"] / books[small][k]["value"] for k in (0, 1)]
        table.row(f"time growth {small} → {large}, size ×{large / small:.1f}", growth[0],
                  growth[1], "×", "≤ ×4.2" if large == 4 * small else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="GITREF",
                        help=f"the release to compare against (default {DEFAULT_BASELINE}, "
                             "the last commit before the speed issue's work)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds per short figure, best taken (default 3)")
    parser.add_argument("--book-rounds", type=int, default=1,
                        help="rounds per long pair, best taken (default 1)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 16000])
    parser.add_argument("--skip-large", action="store_true",
                        help="leave out the long pairs")
    parser.add_argument("--book-dictionaries", action="store_true",
                        help="align the long pairs with the installed ru→en dictionary, as "
                             "`sverka pair` does (a baseline without dictionaries runs "
                             "without; the table says which)")
    parser.add_argument("--dev-cases", type=Path, metavar="DIR",
                        help="also score the dev cases (scripts/build_dev_cases.py) with "
                             "each tree, so the speed is shown beside the accuracy it keeps")
    args = parser.parse_args()
    return against_baseline("benchmark", args.baseline,
                            lambda base, current, work: measure(args, base, current, work))


def against_baseline(name: str, baseline: str,
                     measure_trees: Callable[[Tree, Tree, Path], None],
                     baseline_tree: Path | None = None) -> int:
    """Run ``measure_trees(baseline tree, this tree, work folder)`` with the baseline checked
    out as a temporary worktree (removed at the end, on Ctrl-C or SIGTERM too), or with
    ``baseline_tree``, a baseline already on disk (``git archive REF | tar -x -C DIR``);
    a :class:`BenchError` is one line and exit status 2."""
    # Ctrl-C already unwinds through the worktree's clean-up; make SIGTERM do the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with tempfile.TemporaryDirectory(prefix=f"sverka-{name}-") as tmp, \
                (nullcontext(baseline_tree) if baseline_tree is not None
                 else baseline_worktree(baseline)) as base_root:
            work = Path(tmp)
            label = baseline if baseline_tree is None else baseline_tree.name
            base = Tree(label, base_root, work / "cache-baseline")
            current = Tree("current", ROOT, work / "cache-current")
            print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            started = time.perf_counter()
            measure_trees(base, current, work)
            print(f"load average at end:   {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
                  f"   ({time.perf_counter() - started:.0f} s in all)")
    except BenchError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0

if __name__ == "__main__":
    sys.exit(main())
