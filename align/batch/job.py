"""One pair of a batch, as a worker does it: skip, protect, or align and write.

Runs inside worker processes (or Dask workers), so it takes and returns small picklable
values and never raises: any problem becomes a ``failed`` result with a one-line error,
so one bad pair cannot stop the others. Workers write the pair's ``.align.json`` and
``.tmx`` themselves (atomically), which keeps the parent process free and the results
small; on a cluster the workers must see the corpus and the output folder at the same
paths (a shared file system).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from align.batch.discover import BatchItem
from align.batch.state import HASH_KEY, fingerprint, reviewed_links, stored_fingerprint
from align.errors import SverkaError
from align.options import PairOptions
from align.review_policy import Counts

if TYPE_CHECKING:
    from align.model import Alignment
    from align.signals.lexicon import LexiconSignal

STATUSES: tuple[str, ...] = ("aligned", "unchanged", "reviewed", "failed", "interrupted")
"""``aligned`` now; ``unchanged`` skipped, same inputs and settings; ``reviewed`` kept
because a person confirmed or edited links; ``failed`` with its error; ``interrupted``
not finished because Ctrl-C stopped the run (running or still waiting: either way it
has no result, and a rerun does it)."""

HAS_PROJECT = ("aligned", "unchanged", "reviewed")
"""The statuses whose pair has a current project on disk."""


@dataclass(frozen=True)
class JobSettings:
    """What every pair of one run shares; sent once to each worker."""

    out: Path
    pair: PairOptions = field(default_factory=PairOptions)
    """Its languages are used for pairs whose folder or manifest row does not name theirs."""
    force: bool = False
    """Realign automatic projects even when nothing changed (reviewed ones stay)."""
    lexicon: "LexiconSignal | None" = None
    lexicon_digest: str = ""

    def project_path(self, pair_id: str) -> Path:
        return self.out / f"{pair_id}.align.json"

    def tmx_path(self, pair_id: str) -> Path:
        return self.out / f"{pair_id}.tmx"

    def hashed(self, item: BatchItem) -> dict[str, object]:
        """The settings that shape this pair's alignment (they go into its hash)."""
        pair = self.pair
        return {"level": pair.level, "segments": pair.segments, "max_link": pair.max_link,
                "src_lang": item.src_lang or pair.src_lang,
                "tgt_lang": item.tgt_lang or pair.tgt_lang, "lexicon": self.lexicon_digest,
                "lexicons": [os.path.abspath(path) for path in pair.lexicons],
                "no_lexicon": pair.no_lexicon}


@dataclass
class PairResult:
    """One row of the report."""

    id: str
    status: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    src_segments: int | None = None
    tgt_segments: int | None = None
    links: int | None = None
    link_types: dict[str, int] = field(default_factory=dict)
    mean_confidence: float | None = None
    min_confidence: float | None = None
    flagged: int | None = None
    reviewed_links: int | None = None
    seconds: float = 0.0
    error: str | None = None
    note: str | None = None


def describe(alignment: "Alignment", pair_id: str, status: str) -> PairResult:
    """The report row of an alignment: sizes, link types, confidence, flags.

    ``flagged`` counts the low-confidence links (:func:`align.review_policy.is_low`, as
    ``sverka check`` flags them and the review UI marks them), so a flag means the same
    in the report and there; the full QA checks are left to ``sverka check``, which costs
    about as much again as aligning."""
    scores = [link.score for link in alignment.links]
    counts = Counts.of(alignment.links)
    return PairResult(
        id=pair_id, status=status, src_lang=alignment.source.lang,
        tgt_lang=alignment.target.lang, src_segments=len(alignment.source),
        tgt_segments=len(alignment.target), links=len(alignment.links),
        link_types=dict(Counter(link.type for link in alignment.links)),
        mean_confidence=round(sum(scores) / len(scores), 4) if scores else None,
        min_confidence=min(scores) if scores else None,
        flagged=counts.low, reviewed_links=counts.reviewed)


def saved_projects(results: Iterable[PairResult], job: JobSettings) -> Iterator["Alignment"]:
    """The project on disk of each pair that has one now (aligned, unchanged or reviewed
    in this run), in order, one at a time: the combined TMX and the lexicon read the
    corpus this way."""
    from align.project import load

    for result in results:
        if result.status in HAS_PROJECT:
            yield load(job.project_path(result.id))


def run_item(item: BatchItem, job: JobSettings) -> PairResult:
    """Do one pair; never raises (a failure is a result)."""
    started = time.perf_counter()
    try:
        result = _run(item, job)
    except SverkaError as error:
        result = PairResult(item.id, "failed", item.src_lang, item.tgt_lang, error=_one_line(error))
    except Exception as error:  # noqa: BLE001 - isolate any bug or bad input to its pair
        result = PairResult(item.id, "failed", item.src_lang, item.tgt_lang,
                            error=_one_line(f"{type(error).__name__}: {error}"))
    result.seconds = round(time.perf_counter() - started, 4)
    return result


def _one_line(error: object) -> str:
    return " ".join(str(error).split())


def _run(item: BatchItem, job: JobSettings) -> PairResult:
    from align.project import load

    if item.problem or item.original is None or item.translation is None:
        return PairResult(item.id, "failed", item.src_lang, item.tgt_lang,
                          error=item.problem or "no input files")
    project, tmx = job.project_path(item.id), job.tmx_path(item.id)
    digest = fingerprint((item.original, item.translation), job.hashed(item))
    if project.exists():
        try:
            existing = load(project)
        except SverkaError as error:
            raise SverkaError(f"{error} (the existing project was left as it is; move it away "
                              "to realign this pair)") from None
        if reviewed_links(existing):
            _export_if_stale(existing, project, tmx)
            result = describe(existing, item.id, "reviewed")
            if stored_fingerprint(existing) != digest:
                result.note = "inputs or settings changed since the review; not realigned"
            return result
        if not job.force and stored_fingerprint(existing) == digest and tmx.exists():
            return describe(existing, item.id, "unchanged")
    alignment = _align(item, job, digest)
    _write(alignment, project, tmx)
    return describe(alignment, item.id, "aligned")


def _align(item: BatchItem, job: JobSettings, digest: str) -> "Alignment":
    from dataclasses import replace

    from align.aligner import Settings
    from align.model import Alignment
    from align.pairing import PairRequest, align_request

    options = replace(job.pair, src_lang=item.src_lang or job.pair.src_lang,
                      tgt_lang=item.tgt_lang or job.pair.tgt_lang)
    request = PairRequest(item.original, item.translation,  # type: ignore[arg-type]
                          options, item.id,
                          item.src_origin if item.src_lang else None,
                          item.tgt_origin if item.tgt_lang else None)
    settings = Settings(max_link=options.max_link, lexicon=job.lexicon)
    web = item.web_pair()
    if web is None:
        alignment = align_request(request, settings)
    else:  # a manifest's addresses: recorded in the project, named by errors
        alignment = web.aligned(lambda: align_request(request, settings))
    meta = dict(alignment.meta)
    meta[HASH_KEY] = digest
    if job.lexicon_digest:
        meta["lexicon"] = job.lexicon_digest
    return Alignment(alignment.source, alignment.target, alignment.links, meta)


def _write(alignment: "Alignment", project: Path, tmx: Path) -> None:
    """The project first, then its TMX: a TMX never describes a project that is not there."""
    from align.formats.tmx import write_tmx
    from align.project import save

    save(alignment, project)
    write_tmx(alignment, tmx)


def _export_if_stale(alignment: "Alignment", project: Path, tmx: Path) -> None:
    """A reviewed project's own TMX follows the review (the project itself is untouched)."""
    from align.formats.tmx import write_tmx

    if not tmx.exists() or os.stat(tmx).st_mtime < os.stat(project).st_mtime:
        write_tmx(alignment, tmx)
