"""The pairs of a batch spread over worker processes, or over a Dask cluster.

Pairs travel in chunks (a few dozen small items per task) so the cost of a task hand-off
is paid once per chunk, not per pair; the shared settings (with the lexicon, the only
large part) go to each worker once: through the pool's initializer, or scattered to
every Dask worker. On Linux the pool forks a parent that has already imported the
engine, so no worker imports numpy and scipy again.
"""

from __future__ import annotations

import math
import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from align.batch.discover import BatchItem
from align.batch.job import JobSettings, PairResult, run_pair
from align.errors import SverkaError

MAX_CHUNK = 16
"""Largest number of pairs per task: bigger chunks cost less, smaller ones balance the
load and move the progress bar more often."""

CONNECT_TIMEOUT = "10s"
"""How long to try to reach a Dask scheduler before giving up."""

Report = Callable[[list[PairResult]], None]

_JOB: JobSettings | None = None  # the worker process's copy of the shared settings


def chunk_size(n_items: int, workers: int) -> int:
    """About eight chunks per worker, at most :data:`MAX_CHUNK` pairs each."""
    return max(1, min(MAX_CHUNK, math.ceil(n_items / (8 * max(workers, 1)))))


def chunks(items: Sequence[BatchItem], size: int) -> list[list[BatchItem]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def run_chunk(chunk: Sequence[BatchItem], job: JobSettings) -> list[PairResult]:
    """A task: its pairs one after another (each pair isolates its own failure)."""
    return [run_pair(item, job) for item in chunk]


def _init_worker(job: JobSettings) -> None:
    global _JOB
    _JOB = job


def _run_chunk_in_worker(chunk: Sequence[BatchItem]) -> list[PairResult]:
    assert _JOB is not None, "worker started without its settings"
    return run_chunk(chunk, _JOB)


def run_items(items: Sequence[BatchItem], job: JobSettings, *, jobs: int = 1,
              scheduler: str | None = None, report: Report = lambda results: None
              ) -> list[PairResult]:
    """One result per item, in the items' order; ``report`` hears of each finished task."""
    if not items:
        return []
    if scheduler:
        results = _run_dask(items, job, scheduler, report)
    elif jobs <= 1 or len(items) == 1:
        results = []
        for item in items:
            result = run_pair(item, job)
            report([result])
            results.append(result)
    else:
        results = _run_pool(items, job, jobs, report)
    order = {item.id: number for number, item in enumerate(items)}
    return sorted(results, key=lambda result: order[result.id])


def _failed(chunk: Sequence[BatchItem], why: str) -> list[PairResult]:
    return [PairResult(item.id, "failed", item.src_lang, item.tgt_lang, error=why)
            for item in chunk]


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _run_pool(items: Sequence[BatchItem], job: JobSettings, jobs: int, report: Report
              ) -> list[PairResult]:
    _preload()
    workers = min(jobs, len(items))
    parts = chunks(items, chunk_size(len(items), workers))
    results: list[PairResult] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_init_worker, initargs=(job,)) as pool:
        futures: dict[Future, list[BatchItem]] = {
            pool.submit(_run_chunk_in_worker, part): part for part in parts}
        for future in as_completed(futures):
            try:
                done = future.result()
            except BrokenProcessPool:
                done = _failed(futures[future], "the worker process died (out of memory?)")
            except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be pickled
                done = _failed(futures[future], f"worker error: {type(error).__name__}: {error}")
            report(done)
            results.extend(done)
    return results


def _preload() -> None:
    """Import the engine before forking, so workers start with it loaded."""
    import align.aligner  # noqa: F401
    import align.check.shape  # noqa: F401
    import align.formats.tmx  # noqa: F401
    import align.ingest  # noqa: F401
    import align.pairing  # noqa: F401
    import align.project  # noqa: F401
    import align.signals.translit as translit

    translit.latin_skeletons(["Ж"])  # loads unidecode's tables


def _run_dask(items: Sequence[BatchItem], job: JobSettings, scheduler: str, report: Report
              ) -> list[PairResult]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise SverkaError("--scheduler needs Dask: pip install 'sverka[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise SverkaError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    results: list[PairResult] = []
    with client:
        workers = max(sum(client.nthreads().values()), 1)
        parts = chunks(items, chunk_size(len(items), workers))
        shared = client.scatter(job, broadcast=True)
        futures = client.map(run_chunk, parts, job=shared, pure=False)
        part_of = {future.key: part for future, part in zip(futures, parts)}
        for future in dask_completed(futures):
            try:
                done = future.result()
            except Exception as error:  # noqa: BLE001 - a lost worker fails its pairs only
                done = _failed(part_of[future.key],
                               f"cluster task failed: {type(error).__name__}: {error}")
            report(done)
            results.extend(done)
    return results
