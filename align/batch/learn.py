"""``--learn``: align, learn a lexicon from the whole corpus's confident links, realign.

The lexicon is stored as ``lexicon.parquet`` in the output folder together with a digest
of the corpus it came from. A rerun on the same corpus reuses it (one pass, where every
pair is then unchanged); a changed corpus is aligned without it again, learned anew and
realigned, so the result equals that of a fresh run.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from align.batch.discover import BatchItem
from align.batch.job import JobSettings, PairResult, saved_projects
from align.batch.state import fingerprint
from align.errors import SverkaError
from align.lexicon import Lexicon, learn, load, save

LEXICON_FILE = "lexicon.parquet"

Runner = Callable[[Sequence[BatchItem], JobSettings, str], list[PairResult]]


def corpus_digest(items: Sequence[BatchItem], job: JobSettings) -> str:
    """One hash of every pair's inputs and settings (without a lexicon)."""
    plain = replace(job, lexicon=None, lexicon_digest="")
    digest = hashlib.sha256()
    for item in items:
        digest.update(item.id.encode("utf-8") + b"\0")
        if item.problem or item.original is None or item.translation is None:
            digest.update(b"problem\0")
            continue
        try:
            digest.update(fingerprint((item.original, item.translation),
                                      plain.hashed(item)).encode("ascii"))
        except OSError:
            digest.update(b"unreadable\0")
    return "sha256:" + digest.hexdigest()


def stored_lexicon(path: Path) -> Lexicon | None:
    """The lexicon of an earlier run, or None (a file that cannot be read is relearned)."""
    if not path.is_file():
        return None
    try:
        return load(path)
    except SverkaError:
        return None


def learn_and_realign(items: Sequence[BatchItem], job: JobSettings, run: Runner
                      ) -> tuple[list[PairResult], Lexicon, JobSettings, list[str]]:
    """The results of the final pass, the lexicon, the settings used, and what was done."""
    path = job.out / LEXICON_FILE
    digest = corpus_digest(items, job)
    lexicon = stored_lexicon(path)
    said: list[str] = []
    if lexicon is not None and lexicon.corpus == digest and not job.force:
        said.append(f"reused {path}: {len(lexicon)} entries (the corpus has not changed)")
    else:
        first = run(items, replace(job, lexicon=None, lexicon_digest=""),
                    "aligning (pass 1 of 2)")
        lexicon = learn(saved_projects(first, job), corpus=digest)
        save(lexicon, path)
        said.append(f"wrote {path}: {len(lexicon)} entries learned from {lexicon.links} "
                    "confident links")
        if not len(lexicon):
            said.append("the lexicon is empty (too few confident links): not realigned")
            return first, lexicon, job, said
    learned = replace(job, lexicon=lexicon.signal(), lexicon_digest=lexicon.digest)
    return run(items, learned, "aligning with the lexicon"), lexicon, learned, said
