"""What a batch leaves behind besides the per-pair files: the report (polars → parquet and
CSV), the summary on the terminal, and one TMX for the whole corpus.

The combined TMX is streamed from the projects on disk, one pair at a time, so it also
carries the reviewed projects a rerun kept, and its memory does not grow with the corpus.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator, Mapping, Sequence

from align.batch.job import HAS_PROJECT, JobSettings, PairResult, saved_projects
from align.options import MAX_LINK
from align.wording import plural
from align.model import link_type

if TYPE_CHECKING:
    import polars as pl

    from align.formats.tmx import TmxSummary
    from align.model import Alignment
    from align.multi import MultiSummary

REPORT_COLUMNS_HEAD = ("id", "status", "src_lang", "tgt_lang", "src_segments", "tgt_segments",
                       "links")
REPORT_COLUMNS_TAIL = ("mean_confidence", "min_confidence", "flagged", "reviewed_links",
                       "seconds", "error", "note")
SHOWN = 8
"""Rows shown per list in the terminal summary; the report has them all."""


def type_columns(results: Sequence[PairResult], max_link: int) -> list[str]:
    """``links_1-1``, ``links_1-0`` …: the shapes the search may use, then any other seen
    (a person's edit can make a 3-2)."""
    from align.search import link_shapes

    names = [link_type(a, b) for a, b in link_shapes(max_link)]
    seen = {name for result in results for name in result.link_types}
    extra = sorted(seen - set(names), key=lambda name: (sum(map(int, name.split("-"))), name))
    return [f"links_{name}" for name in names + extra]


def frame(results: Sequence[PairResult], max_link: int = MAX_LINK) -> "pl.DataFrame":
    """The report as a polars DataFrame: one row per pair, in corpus order."""
    import polars as pl

    columns = type_columns(results, max_link)
    schema: dict[str, pl.DataType] = {
        "id": pl.String, "status": pl.String, "src_lang": pl.String, "tgt_lang": pl.String,
        "src_segments": pl.Int64, "tgt_segments": pl.Int64, "links": pl.Int64,
        **{column: pl.Int64 for column in columns},
        "mean_confidence": pl.Float64, "min_confidence": pl.Float64, "flagged": pl.Int64,
        "reviewed_links": pl.Int64, "seconds": pl.Float64, "error": pl.String,
        "note": pl.String}
    rows = []
    for result in results:
        row = {key: getattr(result, key) for key in REPORT_COLUMNS_HEAD + REPORT_COLUMNS_TAIL}
        known = result.links is not None
        for column in columns:
            row[column] = result.link_types.get(column[len("links_"):], 0) if known else None
        rows.append(row)
    return pl.DataFrame(rows, schema=schema, orient="row")


def write_report(report: "pl.DataFrame", out: Path) -> tuple[Path, Path]:
    """``report.parquet`` and ``report.csv`` in ``out``, each written atomically."""
    from align.fileio import atomic_writer

    parquet, csv = out / "report.parquet", out / "report.csv"
    with atomic_writer(parquet, "wb") as handle:
        report.write_parquet(handle)
    with atomic_writer(csv, "wb") as handle:
        report.write_csv(handle)
    return parquet, csv


def write_corpus_tmx(results: Sequence[PairResult], job: JobSettings, path: Path,
                     originals: Mapping[str, str] | None = None
                     ) -> "TmxSummary | MultiSummary":
    """One TMX of every pair that has a project now (aligned, unchanged or reviewed; not
    the failed, nor those an interrupted run did not finish).

    ``originals`` maps a pair id to the article folder it shares an original with: when a
    corpus has such folders, the memory is multilingual, a unit per original segment with
    a variant per translation (``align.multi``), and every other pair is an original with
    one translation in it."""
    from align.formats.tmx import write_multilingual_tmx, write_tmx

    if not originals:
        return write_tmx(saved_projects(results, job), path, segtype=job.pair.level)
    return write_multilingual_tmx(_by_original(results, job, originals), path,
                                  segtype=job.pair.level)


class CorpusTmxStream:
    """``corpus.tmx`` written in a thread while the pairs are aligned, so that the parent's
    reading and writing overlaps the workers' aligning instead of following it (1,000
    articles: 1.3-1.8 s, all of it after the last pair).

    Results arrive in any order (:meth:`add`); the memory takes the projects in corpus
    order, each as soon as every pair before it has arrived, and after :meth:`finish` the
    pairs that never came (an interrupted run) are passed over: the same units as
    :func:`write_corpus_tmx` over the final results. For corpora of one translation per
    original (a multilingual memory needs every translation of an original first)."""

    def __init__(self, ids: Sequence[str], job: JobSettings, path: Path) -> None:
        import threading

        self._order = {pair_id: number for number, pair_id in enumerate(ids)}
        self._arrived: dict[int, PairResult] = {}
        self._changed = threading.Condition()
        self._closed = self._aborted = False
        self._outcome: "TmxSummary | BaseException | None" = None
        self._job, self._path = job, path
        self._thread = threading.Thread(target=self._write, name="corpus.tmx", daemon=True)
        self._thread.start()

    def add(self, results: Sequence[PairResult]) -> None:
        with self._changed:
            for result in results:
                self._arrived[self._order[result.id]] = result
            self._changed.notify()

    def finish(self) -> "TmxSummary":
        """Write the rest and wait for the file; its summary (or the writer's error)."""
        self._close(aborted=False)
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def abort(self) -> None:
        """Stop without writing (the run failed): no file is left, the old one stays."""
        self._close(aborted=True)

    def _close(self, aborted: bool) -> None:
        with self._changed:
            self._closed, self._aborted = True, aborted
            self._changed.notify()
        self._thread.join()

    def _results(self) -> Iterator[PairResult]:
        for number in range(len(self._order)):
            with self._changed:
                while number not in self._arrived and not self._closed:
                    self._changed.wait()
                if self._aborted:
                    raise _Aborted
                result = self._arrived.get(number)
            if result is not None:
                yield result

    def _write(self) -> None:
        from align.formats.tmx import write_tmx

        try:
            self._outcome = write_tmx(saved_projects(self._results(), self._job), self._path,
                                      segtype=self._job.pair.level)
        except _Aborted:
            pass
        except BaseException as error:  # noqa: BLE001 - handed to the caller by finish()
            self._outcome = error


class _Aborted(Exception):
    """Ends the stream's writer without a file."""


def _by_original(results: Sequence[PairResult], job: JobSettings,
                 originals: Mapping[str, str]) -> Iterator[tuple[str, list["Alignment"]]]:
    """The projects on disk grouped by original, in corpus order, one original loaded at
    a time. Translations whose originals no longer agree (one was edited in a review) are
    written as originals of their own rather than lost."""
    from align.errors import InputError
    from align.multi import check_one_original
    from align.project import load

    groups: dict[str, list[str]] = {}
    for result in results:
        if result.status in HAS_PROJECT:
            groups.setdefault(originals.get(result.id, result.id), []).append(result.id)
    for name, ids in groups.items():
        alignments = [load(job.project_path(pair_id)) for pair_id in ids]
        try:
            check_one_original(alignments, ids)
        except InputError:
            yield from ((pair_id, [alignment]) for pair_id, alignment in zip(ids, alignments))
            continue
        yield name, alignments


def _names(results: Sequence[PairResult]) -> str:
    names = ", ".join(result.id for result in results[:SHOWN])
    return names + (f" … and {len(results) - SHOWN} more" if len(results) > SHOWN else "")


def print_summary(results: Sequence[PairResult], written: Sequence[str],
                  stream: IO[str] | None = None) -> None:
    """The terminal summary: counts, link types, the pairs worth a look, what was skipped
    or kept, and every failure with its error."""
    from rich.console import Console
    from rich.table import Table

    stream = stream or sys.stdout
    console = Console(file=stream, highlight=False, soft_wrap=True, markup=False)
    by_status = Counter(result.status for result in results)
    done = [result for result in results if result.links is not None]
    types: Counter[str] = Counter()
    for result in done:
        types.update(result.link_types)
    scores = [(result.mean_confidence or 0.0, result.links or 0) for result in done]
    links = sum(n for _, n in scores)
    mean = sum(score * n for score, n in scores) / links if links else None

    table = Table(title=f"sverka batch: {plural(len(results), 'pair')}",
                  title_justify="left")
    for column in ("aligned", "unchanged", "reviewed", "failed", "links", "flagged",
                   "mean conf."):
        table.add_column(column, justify="right")
    table.add_row(*(str(by_status.get(status, 0)) for status in
                    ("aligned", "unchanged", "reviewed", "failed")),
                  str(links), str(sum(result.flagged or 0 for result in done)),
                  f"{mean:.3f}" if mean is not None else "—")
    console.print(table)
    if types:
        console.print("links by type: " + ", ".join(
            f"{kind} {count}" for kind, count in sorted(types.items(),
                                                        key=lambda kv: (-kv[1], kv[0]))))
    look = sorted((result for result in done if result.flagged),
                  key=lambda result: (-(result.flagged or 0), result.min_confidence or 0.0))
    if look:
        worth = Table(title="worth a look first (most flagged links)", title_justify="left")
        for column, justify in (("pair", "left"), ("status", "left"), ("links", "right"),
                                ("flagged", "right"), ("min conf.", "right")):
            worth.add_column(column, justify=justify)  # type: ignore[arg-type]
        for result in look[:SHOWN]:
            worth.add_row(result.id, result.status, str(result.links), str(result.flagged),
                          f"{result.min_confidence:.2f}")
        console.print(worth)
    unchanged = [result for result in results if result.status == "unchanged"]
    if unchanged:
        console.print(f"skipped {len(unchanged)} unchanged (same inputs and settings; "
                      f"--force realigns them): {_names(unchanged)}")
    reviewed = [result for result in results if result.status == "reviewed"]
    if reviewed:
        console.print(f"kept {plural(len(reviewed), 'reviewed project')} as they are: "
                      f"{_names(reviewed)}")
        for result in reviewed:
            if result.note:
                console.print(f"  {result.id}: {result.note}")
    for line in written:
        console.print(line)
    failed = [result for result in results if result.status == "failed"]
    if failed:
        console.print(f"{plural(len(failed), 'pair')} failed:")
        for result in failed:
            console.print(f"  {result.id}: {result.error}")
    interrupted = [result for result in results if result.status == "interrupted"]
    if interrupted:
        console.print(f"interrupted: {plural(len(interrupted), 'pair')} not finished (the report "
                      f"and the corpus TMX cover the finished ones; rerun the same "
                      f"command to do the rest): {_names(interrupted)}")
