"""A bilingual lexicon learned from the confident links of a corpus (IBM Model 1), on disk
as parquet.

Why IBM Model 1: it needs nothing but the aligned pairs themselves, its EM steps are a few
vectorised sums, and its t(target | source) is exactly what the lexicon signal
(:mod:`align.signals.lexicon`) multiplies a source span with. Links a person confirmed or
edited are the best evidence and always count; automatic ones count when their
confidence is at least :data:`CONFIDENT`. One table is learned per language pair.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import numpy as np

from align.model import Alignment
from align.language import base_language
from align.signals.lexicon import LexiconSignal
from align.stemming import stems

if TYPE_CHECKING:
    import polars as pl

FORMAT = "sverka-lexicon"
VERSION = "2"
"""2: words are Snowball stems (1 held 5-letter cuts, which no longer meet the text)."""
CONFIDENT = 0.9
"""Automatic links at least this confident teach the lexicon."""
ITERATIONS = 5
MIN_PROBABILITY = 0.1
MIN_COUNT = 1.0
"""An entry must be seen about once in the expected counts: one-off pairings are noise."""
TOP_PER_WORD = 6
MAX_PAIRINGS = 8_000_000
"""Word pairings (links × source words × target words) EM holds at once; a larger corpus
is sampled down to it (with a fixed seed), which keeps memory bounded."""
COLUMNS = ("src_lang", "tgt_lang", "src", "tgt", "prob", "count")


@dataclass(frozen=True)
class Lexicon:
    """Entries (src_lang, tgt_lang, source word, target word, probability, count)."""

    entries: tuple[tuple[str, str, str, str, float, float], ...]
    links: int
    """How many links it was learned from."""
    corpus: str = ""
    """The digest of the corpus it was learned from (to tell when to learn again)."""

    @property
    def digest(self) -> str:
        """Content hash: pairs aligned with it are redone when it changes."""
        h = hashlib.sha256()
        for entry in self.entries:
            h.update(("\t".join(entry[:4]) + f"\t{entry[4]:.6f}\n").encode("utf-8"))
        return "sha256:" + h.hexdigest()

    def signal(self) -> LexiconSignal:
        return LexiconSignal.from_entries([entry[:5] for entry in self.entries])

    def __len__(self) -> int:
        return len(self.entries)


def confident_pairs(alignments: Iterable[Alignment], threshold: float = CONFIDENT
                    ) -> Iterator[tuple[tuple[str, str], list[str], list[str]]]:
    """(language pair, source words, target words) of each link worth learning from."""
    for alignment in alignments:
        key = (base_language(alignment.source.lang), base_language(alignment.target.lang))
        for link in alignment.links:
            if not link.two_sided:
                continue
            if not link.reviewed and link.score < threshold:
                continue
            src = stems(alignment.source_text(link), alignment.source.lang)
            tgt = stems(alignment.target_text(link), alignment.target.lang)
            if src and tgt:
                yield key, src, tgt


def learn(alignments: Iterable[Alignment], corpus: str = "", seed: int = 11) -> Lexicon:
    """IBM Model 1 per language pair over the confident links of ``alignments``."""
    by_pair: dict[tuple[str, str], list[tuple[list[str], list[str]]]] = defaultdict(list)
    for key, src, tgt in confident_pairs(alignments):
        by_pair[key].append((src, tgt))
    return learn_pairs(by_pair, corpus, seed)


def learn_pairs(by_pair: Mapping[tuple[str, str], list[tuple[list[str], list[str]]]],
                corpus: str = "", seed: int = 11) -> Lexicon:
    """IBM Model 1 per language pair over (source stems, target stems) of aligned units:
    a corpus's confident links, or a translator's memories."""
    entries: list[tuple[str, str, str, str, float, float]] = []
    links = 0
    for (src_lang, tgt_lang), pairs in sorted(by_pair.items()):
        links += len(pairs)
        pairs = _bounded(pairs, random.Random(seed))
        for src, tgt, prob, count in _ibm1(pairs):
            entries.append((src_lang, tgt_lang, src, tgt, prob, count))
    return Lexicon(tuple(entries), links, corpus)


def _bounded(pairs: list[tuple[list[str], list[str]]], rng: random.Random
             ) -> list[tuple[list[str], list[str]]]:
    """At most :data:`MAX_PAIRINGS` word pairings: a random sample of links beyond it."""
    sizes = [len(set(src)) * len(set(tgt)) for src, tgt in pairs]
    if sum(sizes) <= MAX_PAIRINGS:
        return pairs
    order = list(range(len(pairs)))
    rng.shuffle(order)
    kept, total = [], 0
    for index in order:
        if total + sizes[index] > MAX_PAIRINGS:
            continue
        kept.append(pairs[index])
        total += sizes[index]
    return kept


def _ibm1(pairs: list[tuple[list[str], list[str]]]
          ) -> list[tuple[str, str, float, float]]:
    """t(target word | source word) by EM; source word 0 is NULL (target words that
    translate nothing). Returns pruned (source, target, probability, expected count)."""
    src_vocab: dict[str, int] = {"": 0}
    tgt_vocab: dict[str, int] = {}
    trip_s, trip_t, trip_cs, trip_ct, trip_group = [], [], [], [], []
    group = 0
    for src, tgt in pairs:
        s_ids, s_counts = np.unique([0] + [src_vocab.setdefault(w, len(src_vocab)) for w in src],
                                    return_counts=True)
        t_ids, t_counts = np.unique([tgt_vocab.setdefault(w, len(tgt_vocab)) for w in tgt],
                                    return_counts=True)
        n_s, n_t = len(s_ids), len(t_ids)
        trip_s.append(np.tile(s_ids, n_t))
        trip_cs.append(np.tile(s_counts, n_t))
        trip_t.append(np.repeat(t_ids, n_s))
        trip_ct.append(np.repeat(t_counts, n_s))
        trip_group.append(np.repeat(np.arange(group, group + n_t), n_s))
        group += n_t
    if not pairs:
        return []
    s = np.concatenate(trip_s).astype(np.int64)
    t = np.concatenate(trip_t).astype(np.int64)
    cs = np.concatenate(trip_cs).astype(np.float64)
    ct = np.concatenate(trip_ct).astype(np.float64)
    g = np.concatenate(trip_group)
    del trip_s, trip_t, trip_cs, trip_ct, trip_group
    keys, pid = np.unique(s * len(tgt_vocab) + t, return_inverse=True)
    key_s, key_t = keys // len(tgt_vocab), keys % len(tgt_vocab)
    prob = np.ones(len(keys))
    counts = np.zeros(len(keys))
    for _ in range(ITERATIONS):
        weight = prob[pid] * cs
        denominator = np.bincount(g, weight, minlength=group)
        posterior = ct * weight / denominator[g]
        counts = np.bincount(pid, posterior, minlength=len(keys))
        totals = np.bincount(key_s, counts, minlength=len(src_vocab))
        prob = counts / totals[key_s]
    keep = (key_s > 0) & (prob >= MIN_PROBABILITY) & (counts >= MIN_COUNT)
    src_words = np.array(list(src_vocab), dtype=object)
    tgt_words = np.array(list(tgt_vocab), dtype=object)
    order = np.lexsort((-prob[keep], key_s[keep]))
    rows = []
    per_word: dict[int, int] = defaultdict(int)
    for k in np.flatnonzero(keep)[order]:
        source = int(key_s[k])
        if per_word[source] >= TOP_PER_WORD:
            continue
        per_word[source] += 1
        rows.append((str(src_words[source]), str(tgt_words[key_t[k]]),
                     round(float(prob[k]), 6), round(float(counts[k]), 3)))
    return rows


def _schema() -> dict:
    """The parquet columns (:data:`COLUMNS`) and their polars types."""
    import polars as pl

    return {"src_lang": pl.String, "tgt_lang": pl.String, "src": pl.String,
            "tgt": pl.String, "prob": pl.Float64, "count": pl.Float64}


def save(lexicon: Lexicon, path: str | os.PathLike[str]) -> None:
    """Write the lexicon as parquet, atomically; format, version and provenance go into
    the file's key-value metadata."""
    import polars as pl

    from align.fileio import atomic_writer

    frame = pl.DataFrame([list(column) for column in zip(*lexicon.entries)] if lexicon.entries
                         else [[] for _ in COLUMNS], schema=_schema(), orient="col")
    metadata = {"format": FORMAT, "version": VERSION, "links": str(lexicon.links),
                "corpus": lexicon.corpus, "digest": lexicon.digest}
    with atomic_writer(path, "wb") as handle:
        frame.write_parquet(handle, metadata=metadata)


def load(path: str | os.PathLike[str]) -> Lexicon:
    """Read a lexicon written by :func:`save`; anything else is an :class:`InputError`."""
    import polars as pl

    from align.errors import InputError

    try:
        metadata = pl.read_parquet_metadata(path)
        frame = pl.read_parquet(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except Exception as error:  # noqa: BLE001 - polars raises several kinds for a bad file
        raise InputError(path, f"not a readable parquet file: {error}") from None
    if metadata.get("format") != FORMAT or list(frame.columns) != list(COLUMNS):
        raise InputError(path, "not a sverka lexicon")
    if metadata.get("version") != VERSION:
        raise InputError(path, f"lexicon version {metadata.get('version')!r}; this sverka "
                         f"reads version {VERSION}")
    problem = _contract_problem(frame, metadata)
    if problem:
        raise InputError(path, f"not a valid sverka lexicon: {problem}")
    entries = tuple((a, b, c, d, round(float(e), 6), round(float(f), 3))
                    for a, b, c, d, e, f in frame.iter_rows())
    return Lexicon(entries, int(metadata.get("links") or 0), metadata.get("corpus", ""))


def _contract_problem(frame: "pl.DataFrame", metadata: dict[str, str]) -> str | None:
    """What breaks :func:`save`'s contract in a file that looks like a lexicon (a column's
    type, an empty cell, a count that is no number), or None: a file edited or written by
    another tool must be refused with a line, not fail later inside the aligner."""
    for column, dtype in _schema().items():
        if frame.schema[column] != dtype:
            return f"column {column} is {frame.schema[column]}, expected {dtype}"
        if frame[column].null_count():
            return f"column {column} has empty cells"
    if not (metadata.get("links") or "0").isdigit():
        return f"links {metadata.get('links')!r} is not a count"
    return None
