"""The whole batch run as ``sverka batch`` performs it, callable from Python too."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from align.batch.discover import BatchItem, check_output, discover
from align.batch.job import JobSettings, PairResult
from align.batch.progress import ProgressBar
from align.batch.run import run_items

CORPUS_TMX = "corpus.tmx"


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
    level: str = "paragraph"
    segments: str = "paragraphs"
    max_link: int = 4
    src_lang: str | None = None
    tgt_lang: str | None = None
    progress: bool | None = None
    """Show the progress bar: None when stderr is a terminal."""


@dataclass
class BatchOutcome:
    out: Path
    results: list[PairResult]
    written: list[str] = field(default_factory=list)

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


def run_batch(options: BatchOptions) -> BatchOutcome:
    """Discover, check the output folder, align (and learn), write reports and the TMX.

    Problems with the corpus or the output folder raise :class:`InputError` before
    anything is written; problems with single pairs are in the results."""
    from align.batch.report import frame, write_corpus_tmx, write_report

    corpus = discover(options.corpus)
    out = options.out if options.out is not None else default_output(options.corpus)
    check_output(corpus, out)
    out.mkdir(parents=True, exist_ok=True)
    job = JobSettings(out=out, level=options.level, segments=options.segments,
                      max_link=options.max_link, src_lang=options.src_lang,
                      tgt_lang=options.tgt_lang, force=options.force)
    jobs = options.jobs or available_cores()

    def run(items: Sequence[BatchItem], settings: JobSettings, label: str) -> list[PairResult]:
        with ProgressBar(len(items), label, enabled=options.progress) as bar:
            return run_items(items, settings, jobs=jobs, scheduler=options.scheduler,
                             report=lambda done: bar.advance(
                                 len(done), sum(r.status == "failed" for r in done)))

    written: list[str] = []
    if options.learn:
        from align.batch.learn import learn_and_realign

        results, _, job, said = learn_and_realign(corpus.items, job, run)
        written.extend(said)
    else:
        results = run(corpus.items, job, "aligning")
    report = frame(results, options.max_link)
    parquet, csv = write_report(report, out)
    written.append(f"wrote {parquet} and {csv.name}")
    summary = write_corpus_tmx(results, job, out / CORPUS_TMX)
    written.append(f"wrote {out / CORPUS_TMX}: {summary.documents} pairs, {summary.describe()}")
    return BatchOutcome(out, results, written)
