"""The whole batch run as ``sverka batch`` performs it, callable from Python too."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from align.batch.discover import BatchItem, Corpus, check_output, discover
from align.batch.job import JobSettings, PairResult
from align.batch.progress import ProgressBar
from align.batch.run import BatchInterrupted, run_items
from align.errors import InputError
from align.options import PairOptions

if TYPE_CHECKING:
    from align.web.fetch import Fetcher

CORPUS_TMX = "corpus.tmx"

_STRAY_TEMP = re.compile(r"\..+\.(?:align\.json|tmx|parquet|csv)\.[a-z0-9_]{8}\.tmp")
"""The temporary files :func:`align.fileio.atomic_writer` makes for what a batch writes
(``.NAME.align.json.XXXXXXXX.tmp`` …): a worker killed mid-write leaves one behind."""


@dataclass(frozen=True)
class BatchOptions:
    """What the user asked for (the command's arguments)."""

    corpus: Path
    out: Path | None = None
    jobs: int = 0
    """Worker processes; 0: one per core."""
    scheduler: str | None = None
    force: bool = False
    learn: bool = False
    pair: PairOptions = field(default_factory=PairOptions)
    """How to read and align each pair; its languages serve pairs whose folder or manifest
    row does not name theirs."""
    progress: bool | None = None
    """Show the progress bar: None when stderr is a terminal."""
    cache: Path | None = None
    """Where pages a manifest names by address are kept (None: the default page cache)."""
    fetcher: "Fetcher | None" = None
    """Fetches those pages (its rate and timeout); None: the shared one at the defaults."""


@dataclass
class BatchOutcome:
    out: Path
    results: list[PairResult]
    written: list[str] = field(default_factory=list)
    interrupted: bool = False
    """Ctrl-C stopped the run: the pairs it did not finish have status ``interrupted``."""

    @property
    def failed(self) -> list[PairResult]:
        return [result for result in self.results if result.status == "failed"]


def available_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def default_output(corpus: Path) -> Path:
    """``CORPUS.aligned`` beside the corpus folder (or the manifest)."""
    corpus = corpus.resolve()
    name = corpus.stem if corpus.is_file() else corpus.name
    return corpus.parent / f"{name}.aligned"


def prepare_output(corpus: Corpus, out: Path) -> None:
    """The output folder, created if need be and writable, or one :class:`InputError`
    naming it (before any pair is read or any file written)."""
    check_output(corpus, out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(out, "cannot create the output folder: a file is in the way "
                         "(it or one of its parents is a file)") from None
    except OSError as error:
        raise InputError(out, "cannot create the output folder: "
                         f"{error.strerror or error}") from None
    if not out.is_dir():
        raise InputError(out, "cannot create the output folder: a file is in the way")
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError(out, "cannot write into the output folder: permission denied")


def remove_stray_temp_files(out: Path, writing: Sequence[str] = ()) -> list[Path]:
    """Delete the temporary files a killed writer left in ``out`` (only sverka's own
    pattern for the files a batch writes), but those of the files named in ``writing``,
    which are still being written; the removed paths."""
    removed = []
    try:
        entries = list(out.iterdir())
    except OSError:
        return removed
    for path in entries:
        if any(path.name.startswith(f".{name}.") for name in writing):
            continue
        if _STRAY_TEMP.fullmatch(path.name) and path.is_file():
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def interrupted_results(items: Sequence[BatchItem], done: Sequence[PairResult]
                        ) -> list[PairResult]:
    """Every item in order: its result if it finished, else an ``interrupted`` row."""
    finished = {result.id: result for result in done}
    return [finished.get(item.id) or PairResult(
        item.id, "interrupted", item.src_lang, item.tgt_lang,
        error="not finished: the run was interrupted (rerun to finish it)")
        for item in items]


def run_batch(options: BatchOptions) -> BatchOutcome:
    """Discover, check the output folder, align (and learn), write reports and the TMX.

    Problems with the corpus or the output folder raise :class:`InputError` before
    anything is written; problems with single pairs are in the results. Ctrl-C stops the
    workers at once; the report and the corpus TMX are still written, for the pairs that
    finished, and the outcome says ``interrupted``."""
    from align.batch.report import CorpusTmxStream, frame, write_corpus_tmx, write_report

    from align.dictionaries.sources import check_lexicon_files

    corpus = discover(options.corpus, options.cache, options.fetcher, options.pair.src_lang)
    check_lexicon_files(options.pair.lexicons)
    out = options.out if options.out is not None else default_output(options.corpus)
    prepare_output(corpus, out)
    remove_stray_temp_files(out)  # left by an earlier run that was killed
    job = JobSettings(out=out, pair=options.pair, force=options.force)
    jobs = options.jobs or available_cores()

    originals = {item.id: item.original_id for item in corpus.items if item.original_id}
    stream = (None if options.learn or originals else  # those need every pair first
              CorpusTmxStream([item.id for item in corpus.items], job, out / CORPUS_TMX))

    def run(items: Sequence[BatchItem], settings: JobSettings, label: str) -> list[PairResult]:
        def heard(done: list[PairResult]) -> None:
            bar.advance(len(done), sum(r.status == "failed" for r in done))
            if stream is not None:
                stream.add(done)

        with ProgressBar(len(items), label, enabled=options.progress) as bar:
            return run_items(items, settings, jobs=jobs, scheduler=options.scheduler,
                             report=heard)

    written: list[str] = []
    interrupted = False
    try:
        if options.learn:
            from align.batch.learn import learn_and_realign

            results, _, job, said = learn_and_realign(corpus.items, job, run)
            written.extend(said)
        else:
            results = run(corpus.items, job, "aligning")
    except BatchInterrupted as stop:
        interrupted = True
        results = interrupted_results(corpus.items, stop.results)
    except BaseException:
        if stream is not None:
            stream.abort()
        raise
    finally:  # the workers are gone: nothing of theirs is in flight (the stream's may be)
        remove_stray_temp_files(out, [CORPUS_TMX] if stream is not None else [])
    try:
        report = frame(results, options.pair.max_link)
        parquet, csv = write_report(report, out)
    except BaseException:
        if stream is not None:
            stream.abort()
        raise
    written.append(f"wrote {parquet} and {csv.name}")
    if stream is not None:
        stream.add(results)  # any the progress report did not hear of (an interrupt)
        summary = stream.finish()
    else:
        summary = write_corpus_tmx(results, job, out / CORPUS_TMX, originals)
    written.append(f"wrote {out / CORPUS_TMX}: {summary.documents} pairs, {summary.describe()}")
    return BatchOutcome(out, results, written, interrupted)
