"""The pairs of a batch spread over worker processes, or over a Dask cluster.

Pairs travel in chunks (a few dozen small items per task) so the cost of a task hand-off
is paid once per chunk, not per pair; the shared settings (with the lexicon, the only
large part) go to each worker once: through the pool's initializer, or scattered to
every Dask worker. Workers come from a fork server that has already imported the engine,
so no worker imports numpy and scipy again.

Ctrl-C stops a run at once: workers ignore SIGINT (a terminal sends it to the whole
process group, and a worker interrupted inside the pool's queue machinery can deadlock
the pool), so only the parent hears it; it cancels the pending tasks, terminates the
workers and raises :class:`BatchInterrupted` with the results that had arrived, so the
caller can still write the report. A worker killed in the middle of writing may leave its
temporary file behind; :func:`align.batch.main.remove_stray_temp_files` sweeps them.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from align.batch.discover import BatchItem
from align.batch.job import JobSettings, PairResult, run_item
from align.errors import SverkaError

MAX_CHUNK = 16
"""Largest number of pairs per task: bigger chunks cost less, smaller ones balance the
load and move the progress bar more often."""

CONNECT_TIMEOUT = "10s"
"""How long to try to reach a Dask scheduler before giving up."""

Report = Callable[[list[PairResult]], None]

STOP_TIMEOUT = 5.0
"""Seconds a terminated worker gets to end before it is killed outright."""

_JOB: JobSettings | None = None  # the worker process's copy of the shared settings


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run: ``results`` holds the pairs that finished before it."""

    def __init__(self, results: list[PairResult]) -> None:
        super().__init__("interrupted")
        self.results = results


def chunk_size(n_items: int, workers: int) -> int:
    """About eight chunks per worker, at most :data:`MAX_CHUNK` pairs each."""
    return max(1, min(MAX_CHUNK, math.ceil(n_items / (8 * max(workers, 1)))))


def chunks(items: Sequence[BatchItem], size: int) -> list[list[BatchItem]]:
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def run_chunk(chunk: Sequence[BatchItem], job: JobSettings) -> list[PairResult]:
    """A task: its pairs one after another (each pair isolates its own failure), their
    files put in place together at the end (:func:`align.fileio.grouped_writes`: one
    sync for the task, not an fsync per file)."""
    from align.fileio import grouped_writes

    results: list[PairResult] = []
    try:
        with grouped_writes():
            results.extend(run_item(item, job) for item in chunk)
    except SverkaError as error:  # a file could not be put in place: the pairs aligned here fail
        why = " ".join(str(error).split())
        return [PairResult(result.id, "failed", result.src_lang, result.tgt_lang, error=why)
                if result.status == "aligned" else result for result in results]
    return results


def _init_worker(job: JobSettings) -> None:
    global _JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _JOB = job


def _run_chunk_in_worker(chunk: Sequence[BatchItem]) -> list[PairResult]:
    assert _JOB is not None, "worker started without its settings"
    return run_chunk(chunk, _JOB)


def run_items(items: Sequence[BatchItem], job: JobSettings, *, jobs: int = 1,
              scheduler: str | None = None, report: Report = lambda results: None
              ) -> list[PairResult]:
    """One result per item, in the items' order; ``report`` hears of each finished task.

    Ctrl-C raises :class:`BatchInterrupted` with the results so far (in the same order),
    once no worker runs any more."""
    if not items:
        return []
    order = {item.id: number for number, item in enumerate(items)}
    results: list[PairResult] = []
    try:
        if scheduler:
            _run_dask(items, job, scheduler, report, results)
        elif jobs <= 1 or len(items) == 1:
            for part in chunks(items, chunk_size(len(items), 1)):
                done = run_chunk(part, job)
                results.extend(done)
                report(done)
        else:
            _run_pool(items, job, jobs, report, results)
    except KeyboardInterrupt:
        raise BatchInterrupted(sorted(results, key=lambda result: order[result.id])) from None
    return sorted(results, key=lambda result: order[result.id])


def _failed(chunk: Sequence[BatchItem], why: str) -> list[PairResult]:
    return [PairResult(item.id, "failed", item.src_lang, item.tgt_lang, error=why)
            for item in chunk]


_WORKER_PRELOAD = ["align.aligner", "align.check.shape", "align.formats.tmx", "align.ingest",
                   "align.pairing", "align.project", "align.signals.translit"]
"""What the fork server imports once, so that every worker starts with the engine loaded."""


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server where there is one: forking this process itself
    copies whatever threads hold (a page fetch's, a dataframe library's pool) into a child
    that may then wait on a lock no thread will release."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_WORKER_PRELOAD)
        return context
    return multiprocessing.get_context()


def _run_pool(items: Sequence[BatchItem], job: JobSettings, jobs: int, report: Report,
              results: list[PairResult]) -> None:
    """Fill ``results`` as tasks finish (so an interrupted run keeps what it has)."""
    workers = min(jobs, len(items))
    parts = chunks(items, chunk_size(len(items), workers))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(job,))
    try:
        futures: dict[Future, list[BatchItem]] = {}
        with _sigint_deferred():  # the workers fork here: none may hear a Ctrl-C unprepared
            for part in parts:
                futures[pool.submit(_run_chunk_in_worker, part)] = part
        for future in as_completed(futures):
            try:
                done = future.result()
            except BrokenProcessPool:
                done = _failed(futures[future], "the worker process died (out of memory?)")
            except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be pickled
                done = _failed(futures[future], f"worker error: {type(error).__name__}: {error}")
            results.extend(done)
            report(done)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


class _sigint_deferred:
    """Hold back a Ctrl-C while the pool forks its workers, then deliver it.

    A worker inherits the parent's handler at the fork; until its initializer runs it must
    not raise KeyboardInterrupt inside the pool's machinery. This handler only notes the
    signal (in the parent, to re-raise it afterwards; in a young worker, harmlessly)."""

    def __enter__(self) -> "_sigint_deferred":
        self.heard = False
        self.previous = None
        if signal.getsignal(signal.SIGINT) in (signal.SIG_IGN, None):
            return self  # started with Ctrl-C ignored (nohup, a background job): keep it so
        try:
            self.previous = signal.signal(signal.SIGINT, self._note)
        except ValueError:  # not the main thread: signals are not ours to handle
            pass
        return self

    def _note(self, signum: int, frame: object) -> None:
        self.heard = True

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.heard:
            raise KeyboardInterrupt


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started, end the workers now, never wait on a task."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_TIMEOUT)
        if process.is_alive():
            process.kill()
            process.join(STOP_TIMEOUT)


def _run_dask(items: Sequence[BatchItem], job: JobSettings, scheduler: str, report: Report,
              results: list[PairResult]) -> None:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise SverkaError("--scheduler needs Dask: pip install 'sverka[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise SverkaError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        workers = max(sum(client.nthreads().values()), 1)
        parts = chunks(items, chunk_size(len(items), workers))
        shared = client.scatter(job, broadcast=True)
        futures = client.map(run_chunk, parts, job=shared, pure=False)
        part_of = {future.key: part for future, part in zip(futures, parts)}
        try:
            for future in dask_completed(futures):
                try:
                    done = future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker fails its pairs only
                    done = _failed(part_of[future.key],
                                   f"cluster task failed: {type(error).__name__}: {error}")
                results.extend(done)
                report(done)
        except BaseException:
            client.cancel(futures)  # the cluster stops working for a run that has ended
            raise
