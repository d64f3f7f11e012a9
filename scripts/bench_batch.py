#!/usr/bin/env python3
"""Benchmarks of ``sverka batch`` (not tests): speed and memory, and what ``--learn`` gains.

    python scripts/bench_batch.py speed [--pairs 250 1000] [--jobs 1 2] [--dask 1 2]
                                        [--baseline DIR] [--workdir DIR]
    python scripts/bench_batch.py learn-gain [--levels paragraph sentence] [--workdir DIR]

``speed`` builds article pairs from WMT23 ru-en (../shared/data, read in place): the
paragraphs of scripts/bench_data.py cut into articles of 3-8 paragraphs, each article
lightly restructured as a translation desk would (two English paragraphs merged, one
dropped, a credit line added) with a fixed seed, and its gold links written beside the
corpus. Each (pairs, jobs) run is its own process, so its peak memory (parent and
workers, ru_maxrss) is its own; a run reports pairs per second over the whole
``run_batch`` (discovery, aligning, writing every project and TMX, the report and the
combined TMX), then the same again as a rerun where every pair is unchanged, and the
batch's strict F1 against the gold (``align.evaluate``), so that no speed is bought with
accuracy. The installed dictionaries are used, as ``sverka batch`` does.

``--baseline DIR`` names a checkout of the previous code (``git worktree add
/tmp/base-batch COMMIT``); every run is then made with it too, in the same session and
with this virtualenv (its code first on PYTHONPATH), alternating with the new code, and
the figures are printed side by side as ratios, with whether every pair's links and
scores are the same. ``--dask W …`` also runs the batch through ``--scheduler`` on a
``distributed.LocalCluster`` of W worker processes (one thread each) started in the
measuring process; the cluster's start is timed apart, the batch's pairs/s counts from
connecting to the scheduler (each worker imports the engine on its first task).

``learn-gain`` builds the dev cases (scripts/build_dev_cases.py) into the work folder,
runs the batch on them once without and once with ``--learn`` (the lexicon is learned
from the dev cases' own confident links, no gold is used), and scores both against the
gold (strict and lax F1, as scripts/evaluate_dev.py does). ``--weights`` also tries other
lexicon weights (tuned on the same cases: optimistic, for orientation only). ``--extra N``
puts N WMT articles (built as for ``speed``) into the same corpus, as an editor's larger
corpus would be: the lexicon learns from them too; only the dev cases are scored. (They
share WMT23 text with the dev cases, so that figure is the optimistic one.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_data import DATA, wmt_paragraphs  # noqa: E402

CREDITS = ("Translated by Anna Petrova.", "Source: Kommersant",
           "Editor's note: this article has been updated.", "Photo: Reuters")


# ------------------------------------------------------------------- the corpus

def build_corpus(folder: Path, n_pairs: int, seed: int = 3, gold: Path | None = None) -> Path:
    """``n_pairs`` article folders (ru.txt, en.txt) from WMT23 paragraphs; with ``gold``,
    each article's links as built (``{"links": [[[ru…], [en…]], …]}``) in ``gold/ID.json``."""
    bank = wmt_paragraphs(DATA)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if gold is not None:
        gold.mkdir(parents=True, exist_ok=True)
    start = 0
    for k in range(n_pairs):
        size = 3 + k % 6
        paragraphs = [bank[(start + m) % len(bank)] for m in range(size)]
        start += size + (1 if (start // len(bank)) % 2 else 0)
        ru = [p[0] for p in paragraphs]
        en = [p[1] for p in paragraphs]
        sources = [[i] for i in range(len(en))]  # the ru paragraphs of each en paragraph
        dropped: list[int] = []
        roll = rng.random()
        if roll < 0.2 and len(en) > 2:
            at = rng.randrange(len(en) - 1)
            en[at:at + 2] = [en[at] + " " + en[at + 1]]
            sources[at:at + 2] = [sources[at] + sources[at + 1]]
        elif roll < 0.3 and len(en) > 2:
            at = rng.randrange(len(en))
            del en[at]
            dropped.extend(sources.pop(at))
        credit = rng.random() < 0.15
        if credit:
            en.append(rng.choice(CREDITS))
        article = folder / f"wmt-{k:05d}"
        article.mkdir(exist_ok=True)
        (article / "ru.txt").write_text("\n\n".join(ru) + "\n", encoding="utf-8")
        (article / "en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
        if gold is not None:
            links = [[src, [j]] for j, src in enumerate(sources)]
            links += [[[i], []] for i in dropped]
            links += [[[], [len(en) - 1]]] if credit else []
            (gold / f"{article.name}.json").write_text(json.dumps({"links": links}),
                                                       encoding="utf-8")
    return folder


# ------------------------------------------------------------------------ speed

def _peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def one_run(corpus: Path, out: Path, jobs: int, dask_workers: int = 0) -> dict:
    """One batch (fresh output), then a rerun with nothing changed; timings and memory.
    With ``dask_workers``, through a LocalCluster of that many worker processes."""
    started = time.perf_counter()
    from align.batch.main import BatchOptions, run_batch

    imported = time.perf_counter() - started
    cluster = None
    scheduler = None
    extra: dict = {}
    if dask_workers:
        import distributed

        started = time.perf_counter()
        cluster = distributed.LocalCluster(
            n_workers=dask_workers, threads_per_worker=1, processes=True, protocol="tcp",
            host="127.0.0.1", dashboard_address=None)
        scheduler = cluster.scheduler_address
        extra["cluster_start_s"] = time.perf_counter() - started
    try:
        options = BatchOptions(corpus, out, jobs=jobs, scheduler=scheduler, progress=False)
        started, cpu = time.perf_counter(), time.process_time()
        outcome = run_batch(options)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        again = run_batch(options)
        rerun = time.perf_counter() - started
    finally:
        if cluster is not None:
            cluster.close()
    n = len(outcome.results)
    in_pairs = sum(result.seconds for result in outcome.results)
    own, children = _peak_mb()
    import align

    row = {"code": str(Path(align.__file__).parents[1]), "pairs": n, "jobs": jobs,
           "dask": dask_workers, "failed": len(outcome.failed),
           "seconds": seconds, "pairs_per_s": n / seconds, "parent_cpu_s": cpu, "pair_seconds_sum": in_pairs,
           "import_s": imported, "rerun_seconds": rerun, "rerun_pairs_per_s": n / rerun,
           "rerun_unchanged": sum(r.status == "unchanged" for r in again.results),
           "peak_parent_mb": own, "peak_worker_mb": children, **extra}
    if not dask_workers:
        row.update(breakdown(corpus, out, outcome.results, jobs))
    return row


def breakdown(corpus: Path, out: Path, results, jobs: int) -> dict:
    """Where the time of a run goes, each part timed again on its own (the corpus TMX is
    written after the last pair by the previous code, during the run by the new one)."""
    from align.batch.discover import discover
    from align.batch.job import JobSettings
    from align.batch.report import frame, write_corpus_tmx, write_report
    from align.batch.run import run_items

    parts = {}
    probe = ("import importlib, time; t = time.perf_counter(); "
             "from align.batch.run import _WORKER_PRELOAD; "
             "[importlib.import_module(name) for name in _WORKER_PRELOAD]; "
             "print(time.perf_counter() - t)")
    parts["engine_import_s"] = float(subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True,
        cwd=out).stdout)
    started = time.perf_counter()
    discover(corpus)
    parts["discover_s"] = time.perf_counter() - started
    started = time.perf_counter()
    write_report(frame(results), out)
    parts["report_s"] = time.perf_counter() - started
    started = time.perf_counter()
    write_corpus_tmx(results, JobSettings(out=out), out / "corpus.tmx")
    parts["corpus_tmx_s"] = time.perf_counter() - started
    if jobs > 1:  # a pool's start-up and hand-offs: every pair is unchanged here
        started = time.perf_counter()
        run_items(discover(corpus).items, JobSettings(out=out), jobs=jobs)
        parts["pool_rerun_s"] = time.perf_counter() - started
    return parts


def _measure(code: Path, corpus: Path, out: Path, jobs: int, dask_workers: int) -> dict:
    """One ``_one`` run in its own process, importing ``align`` from ``code``."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(code), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, __file__, "_one", str(corpus), str(out), str(jobs),
               "--dask", str(dask_workers), "--code", str(code)]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"bench_batch: the run in {code} failed:\n{done.stderr[-3000:]}")
    row = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(row["code"]) != code:
        raise SystemExit(f"bench_batch: the run meant for {code} imported {row['code']}")
    return row


def _outputs(out: Path) -> dict[str, list]:
    """Every project's links with their scores, by pair id (what must not change)."""
    projects = {}
    for path in sorted(out.glob("*.align.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        projects[path.name] = [(link["src"], link["tgt"], link.get("score"))
                               for link in data["links"]]
    return projects


def _strict_f1(out: Path, gold: Path, corpus: Path) -> float:
    """Strict F1 of the batch's links against the gold; a failed pair predicts nothing."""
    from align.evaluate import read_gold, read_links, score

    golds, preds = [], []
    for article in sorted(path for path in corpus.iterdir() if path.is_dir()):
        golds.append(read_gold(gold / f"{article.name}.json"))
        project = out / f"{article.name}.align.json"
        preds.append(read_links(project) if project.exists() else [])
    return score(golds, preds).f1_strict


def speed(args: argparse.Namespace) -> int:
    work = args.workdir or Path(tempfile.mkdtemp(prefix="sverka-bench-batch-"))
    largest = max(args.pairs)
    gold = work / "gold"
    corpus_all = work / f"corpus-{largest}"
    if not (corpus_all.is_dir() and gold.is_dir()):
        build_corpus(corpus_all, largest, gold=gold)
    codes = [("new", ROOT)] + ([("previous", args.baseline.resolve())] if args.baseline else [])
    print(f"corpus: {largest} pairs in {corpus_all} (cpus: {os.cpu_count()}, load "
          f"{os.getloadavg()[0]:.2f}); code: " + ", ".join(f"{label} {path}"
                                                       for label, path in codes), flush=True)
    runs = [(n, jobs, 0) for n in sorted(args.pairs) for jobs in args.jobs]
    runs += [(min(args.pairs), 1, workers) for workers in args.dask]
    for n, jobs, workers in runs:
        corpus = corpus_all
        if n != largest:
            corpus = work / f"corpus-{n}"
            if not corpus.exists():
                corpus.mkdir()
                for folder in sorted(corpus_all.iterdir())[:n]:
                    shutil.copytree(folder, corpus / folder.name)
        how = f"Dask, {workers} worker(s)" if workers else f"{jobs} job(s)"
        rows, outputs = {}, {}
        for label, code in (codes if len(codes) == 1 else [codes[1], codes[0]]):
            out = work / f"out-{label}-{n}-{jobs}-{workers}"
            rows[label] = row = _measure(code, corpus, out, jobs, workers)
            outputs[label] = _outputs(out)
            row["f1"] = _strict_f1(out, gold, corpus)
        for label, _ in codes:
            row = rows[label]
            print(f"{row['pairs']:5d} pairs, {how:18s} {label:8s}: {row['pairs_per_s']:6.1f} "
                  f"pairs/s ({row['seconds']:.2f} s; inside pairs "
                  f"{row['pair_seconds_sum']:.2f} s summed), rerun "
                  f"{row['rerun_pairs_per_s']:6.1f} pairs/s; strict F1 {row['f1']:.4f}; peak "
                  f"memory parent {row['peak_parent_mb']:.0f} MB, largest worker "
                  f"{row['peak_worker_mb']:.0f} MB; failed {row['failed']}", flush=True)
            parts = [f"{key[:-2]} {row[key]:.2f} s" for key in
                     ("engine_import_s", "discover_s", "report_s", "corpus_tmx_s",
                      "pool_rerun_s", "cluster_start_s") if key in row]
            if jobs == 1 and not workers:  # all the work is this process's: load-proof
                parts.append(f"CPU {1000 * row['parent_cpu_s'] / row['pairs']:.1f} ms a pair")
            print("      serial parts: " + ", ".join(parts), flush=True)
        if len(codes) > 1:
            new, old = rows["new"], rows["previous"]
            differ = sum(outputs["new"].get(name) != links
                         for name, links in outputs["previous"].items())
            differ += len(set(outputs["new"]) - set(outputs["previous"]))
            cpu = (f"CPU a pair x{new['parent_cpu_s'] / old['parent_cpu_s']:.2f}, "
                   if jobs == 1 and not workers else "")
            print(f"      new / previous: {cpu}pairs/s x{new['pairs_per_s'] / old['pairs_per_s']:.2f}, "
                  f"rerun x{new['rerun_pairs_per_s'] / old['rerun_pairs_per_s']:.2f}, "
                  f"time inside pairs x{new['pair_seconds_sum'] / old['pair_seconds_sum']:.2f}; "
                  f"strict F1 {new['f1']:.4f} vs {old['f1']:.4f}; links and scores "
                  + ("the same in every pair" if not differ else f"differ in {differ} pairs"),
                  flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f} (the machine is shared: figures are noisy)")
    return 0


# ------------------------------------------------------------------- learn gain

def _score(out: Path, cases: Path, results) -> tuple:
    from align.evaluate import read_gold, read_links, score

    golds, preds = [], []
    for result in results:
        if result.status == "failed":
            raise SystemExit(f"{result.id} failed: {result.error}")
        if result.id.startswith("x-"):
            continue  # extra text to learn from, no gold
        golds.append(read_gold(cases / result.id / "gold.json"))
        preds.append(read_links(out / f"{result.id}.align.json"))
    return score(golds, preds)


def _manifest(cases: Path, extra: int = 0) -> Path:
    """The dev cases (and ``extra`` WMT articles to learn from, under ``extra/``)."""
    manifest = cases / "manifest.csv"
    rows = ["id,original,translation,src_lang,tgt_lang"]
    for case in sorted(path for path in cases.iterdir() if (path / "gold.json").is_file()):
        meta = json.loads((case / "case.json").read_text(encoding="utf-8")) if (
            case / "case.json").is_file() else {}
        langs = f"{meta.get('src_lang', 'ru')},{meta.get('tgt_lang', 'en')}"  # each case's own
        rows.append(f"{case.name},{case.name}/src.txt,{case.name}/tgt.txt,{langs}")
    if extra:
        build_corpus(cases / "extra", extra)
        for article in sorted((cases / "extra").iterdir()):
            rows.append(f"x-{article.name},extra/{article.name}/ru.txt,"
                        f"extra/{article.name}/en.txt,ru,en")
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def _line(label: str, result) -> str:
    return (f"  {label:30s} strict P/R/F1 {result.precision_strict:.3f} "
            f"{result.recall_strict:.3f} {result.f1_strict:.3f}   lax F1 {result.f1_lax:.3f}"
            f"   ({result.pred_strict}/{result.n_pred} links exact, "
            f"{result.gold_strict}/{result.n_gold} gold found)")


def learn_gain(args: argparse.Namespace) -> int:
    import build_dev_cases

    from align.aligner import Settings, Weights
    from align.batch.main import BatchOptions, run_batch
    from align.evaluate import read_gold, score
    from align.lexicon import load
    from align.options import PairOptions
    from align.pairing import PairRequest, align_request

    work = args.workdir or Path(tempfile.mkdtemp(prefix="sverka-learn-gain-"))
    shutil.rmtree(work / "dev-cases", ignore_errors=True)
    build_dev_cases.build(DATA, work / "dev-cases", args.seed)
    for level in args.levels:
        cases = work / "dev-cases" / level
        manifest = _manifest(cases, args.extra)
        options = BatchOptions(manifest, work / f"plain-{level}", jobs=args.jobs,
                               pair=PairOptions(level=level, segments="lines", no_lexicon=True),
                               progress=False)
        plain = run_batch(options)
        learned_out = work / f"learn-{level}"
        learned = run_batch(replace(options, out=learned_out, learn=True))
        lexicon = load(learned_out / "lexicon.parquet")
        print(f"{level}: {len(plain.results)} pairs ({args.extra} extra); lexicon of {len(lexicon)} entries from "
              f"{lexicon.links} confident links")
        print(_line("no lexicon", _score(options.out, cases, plain.results)))
        print(_line(f"--learn (weight {Weights().lexicon})", _score(learned_out, cases,
                                                                   learned.results)))
        signal = lexicon.signal()
        for weight in args.weights:
            golds, preds = [], []
            settings = Settings(lexicon=signal, weights=Weights(lexicon=weight))
            for result in plain.results:
                if result.id.startswith("x-"):
                    continue
                request = PairRequest(cases / result.id / "src.txt", cases / result.id / "tgt.txt",
                                      PairOptions(result.src_lang, result.tgt_lang, level,
                                                  "lines", no_lexicon=True))
                alignment = align_request(request, settings)
                golds.append(read_gold(cases / result.id / "gold.json"))
                preds.append([(link.src, link.tgt) for link in alignment.links])
            print(_line(f"lexicon weight {weight} (sweep)", score(golds, preds)))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("speed", help="pairs per second and peak memory")
    run.add_argument("--pairs", type=int, nargs="+", default=[250, 1000])
    run.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    run.add_argument("--dask", type=int, nargs="*", default=[], metavar="WORKERS",
                     help="also run through a Dask LocalCluster of this many workers "
                     "(on the smallest --pairs)")
    run.add_argument("--baseline", type=Path, metavar="DIR",
                     help="a checkout of the previous code to measure in the same run")
    run.add_argument("--workdir", type=Path)
    gain = commands.add_parser("learn-gain", help="F1 on the dev cases with and without --learn")
    gain.add_argument("--levels", nargs="+", default=["paragraph", "sentence"])
    gain.add_argument("--weights", type=float, nargs="*", default=[])
    gain.add_argument("--seed", type=int, default=13)
    gain.add_argument("--extra", type=int, default=0, metavar="N",
                      help="add N WMT articles (as for speed) to the corpus to learn from; "
                      "scored are the dev cases only")
    gain.add_argument("--jobs", type=int, default=1)
    gain.add_argument("--workdir", type=Path)
    one = commands.add_parser("_one")  # internal: one measured run in its own process
    one.add_argument("corpus", type=Path)
    one.add_argument("out", type=Path)
    one.add_argument("jobs", type=int)
    one.add_argument("--dask", type=int, default=0)
    one.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    if args.command == "_one":
        sys.path.insert(0, str(args.code))  # ahead of this checkout's: the code measured
        print(json.dumps(one_run(args.corpus, args.out, args.jobs, args.dask)))
        return 0
    if not (DATA / "wmt23-ru-en").is_dir():
        print(f"bench_batch: shared data not found at {DATA}", file=sys.stderr)
        return 2
    return speed(args) if args.command == "speed" else learn_gain(args)


if __name__ == "__main__":
    sys.exit(main())
