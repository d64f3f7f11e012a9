"""Lexical similarity between spans, z-normalised per document pair.

chrF between the Latin skeletons of the two sides is the strongest signal we have, but
its raw level depends on the language pair and the texts (ru-en shares fewer n-grams than
de-fr). So each document pair's scores are turned into z-scores against random pairs that
cannot be translations of each other (far from the diagonal): "how much more alike than
chance". A cheap proxy (cosine of hashed trigram vectors) finds the corridor of a long
pair before exact chrF is computed inside it.

Two signals read these z-scores: :class:`ChrfCost` (the main one) and :class:`MergeGain`
(a merge must bring evidence for each of its parts; it reads the dictionaries' z-scores
when they cover the pair, and is off without them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterator, Sequence

import numpy as np

from align.ingest.normalize import signal_texts
from align.model import Document
from align.options import MAX_LINK
from align.signals.background import background_mean_spread, background_pairs
from align.signals.chrf import (Codes, NgramCounts, chrf_scores, match_counts,
                                shared_counts_of_codes)
from align.signals.translit import skeleton_codes

if TYPE_CHECKING:
    from align.aligner import Settings, Weights
    from align.signals.remembered import RememberedZ

_FALLBACK_BACKGROUND = (12.0, 4.0)  # chrF mean and spread of unrelated ru-en paragraphs
_PROXY_DIMENSIONS = 128
_BATCH = 8192  # pairs per sparse batch: bounds memory on a book (rows × shared n-grams)


class ChrfSimilarity:
    """Exact chrF (sacrebleu's definition) between source and target spans, as z-scores.

    A pair of up to :data:`WHOLE_PAIR_CODES` characters keeps the n-gram counts of all its
    texts. A longer one (a book) counts one stretch of both sides at a time, the stretch
    the search is pricing (``align.search.PRICING_ROWS``), and scattered pairs (the
    background, the translation fit: fewer pairs than rows) a few thousand texts at a
    time: a 46,000-paragraph book's counts took 1.4 GB, its span sums as much again. A
    pair's chrF does not depend on which other texts were counted with it: an n-gram both
    of its sides hold is shared in any set of texts that holds them."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> None:
        src_texts, tgt_texts = signal_texts(src_texts), signal_texts(tgt_texts)
        self._codes = (_skeleton_codes(src_texts), _skeleton_codes(tgt_texts))
        self._sizes = (len(src_texts), len(tgt_texts))
        self._whole = sum(len(codes) for codes, _ in self._codes) <= WHOLE_PAIR_CODES
        self._stretch: tuple[int, int, int, int] | None = None
        """The source rows s0..s1 and target rows t0..t1 (ends excluded) now counted."""
        if self._whole:
            self._count(np.arange(len(src_texts)), np.arange(len(tgt_texts)))
        i, j = background_pairs(len(src_texts), len(tgt_texts))
        self.mean, self.spread = background_mean_spread(self._pairs_once(i, j),
                                                        _FALLBACK_BACKGROUND)

    def _count(self, src_rows: np.ndarray, tgt_rows: np.ndarray) -> None:
        """Count the n-grams of these texts only (rows in increasing order)."""
        src, tgt = shared_counts_of_codes(_subset(self._codes[0], src_rows),
                                          _subset(self._codes[1], tgt_rows))
        self._src, self._tgt = {1: src}, {1: tgt}

    @property
    def codes(self) -> tuple[Codes, Codes]:
        """Both sides' texts as chrF reads them (Latin skeletons, whitespace removed)."""
        return self._codes

    def _pairs_once(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """chrF of the 1-1 pairs (i[k], j[k]), each distinct pair computed once: in a short
        document many of the random background pairs repeat."""
        n_tgt = max(self._sizes[1], 1)
        distinct, back = np.unique(i * n_tgt + j, return_inverse=True)
        return self.chrf(1, 1, distinct // n_tgt, distinct % n_tgt)[back]

    @staticmethod
    def _span_rows(side: dict[int, NgramCounts], length: int, starts: np.ndarray
                   ) -> tuple[NgramCounts, np.ndarray]:
        """Counts for spans of ``length`` segments beginning at ``starts``, and their rows.

        For a few spans (the links of a path) only those rows are summed. For many (a
        search) the whole span matrix is built once; a side keeps one such matrix at a
        time, since on a book each holds hundreds of megabytes."""
        if length in side:
            return side[length], starts
        base = side[1]
        if len(starts) * 8 < len(base):
            return base.spans(length, starts), np.arange(len(starts))
        for other in [key for key in side if key > 1]:
            del side[other]
        side[length] = base.spans(length)
        return side[length], starts

    def chrf(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        """chrF in [0, 100] of source span (start, a segments) against target span."""
        src_starts, tgt_starts = np.asarray(src_starts), np.asarray(tgt_starts)
        if len(src_starts) == 0:
            return np.zeros(0)
        if self._whole:
            return self._counted(a, b, src_starts, tgt_starts)
        s0, s1 = int(src_starts.min()), int(src_starts.max()) + a
        t0, t1 = int(tgt_starts.min()), int(tgt_starts.max()) + b
        stretch = self._stretch
        if stretch is None or not (stretch[0] <= s0 and s1 <= stretch[1]
                                   and stretch[2] <= t0 and t1 <= stretch[3]):
            if (s1 - s0) + (t1 - t0) > max(2 * len(src_starts), 2 * _STRETCH_LEAST):
                return self._scattered(a, b, src_starts, tgt_starts)  # too few for a stretch
            # the block's other link shapes reach a few rows further either way
            stretch = (max(s0 - MAX_LINK, 0), min(max(s1, s0 + _STRETCH_LEAST) + MAX_LINK,
                                                   self._sizes[0]),
                       max(t0 - MAX_LINK, 0), min(max(t1, t0 + _STRETCH_LEAST) + MAX_LINK,
                                                   self._sizes[1]))
            self._count(np.arange(stretch[0], stretch[1]), np.arange(stretch[2], stretch[3]))
            self._stretch = stretch
        return self._counted(a, b, src_starts - stretch[0], tgt_starts - stretch[2])

    def _scattered(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
                   ) -> np.ndarray:
        """chrF of pairs spread over a long text: the texts of a few thousand pairs at a
        time are counted, and forgotten after."""
        self._stretch = None
        out = np.empty(len(src_starts))
        order = np.argsort(src_starts, kind="stable")
        for begin in range(0, len(order), _SCATTERED_PAIRS):
            group = order[begin:begin + _SCATTERED_PAIRS]
            src_rows = np.unique(src_starts[group, None] + np.arange(a))
            tgt_rows = np.unique(tgt_starts[group, None] + np.arange(b))
            self._count(src_rows, tgt_rows)
            # a span's rows are consecutive numbers, so they stay neighbours among the rows
            out[group] = self._counted(a, b, np.searchsorted(src_rows, src_starts[group]),
                                       np.searchsorted(tgt_rows, tgt_starts[group]))
        return out

    def _counted(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
                 ) -> np.ndarray:
        """chrF of spans given by their rows among the texts counted now."""
        hyp, src_rows = self._span_rows(self._src, a, src_starts)
        ref, tgt_rows = self._span_rows(self._tgt, b, tgt_starts)
        out = np.empty(len(src_rows))
        for begin in range(0, len(src_rows), _BATCH):
            rows = slice(begin, begin + _BATCH)
            matches = match_counts(hyp, src_rows[rows], ref, tgt_rows[rows],
                                   compiled=not self._whole)
            out[rows] = chrf_scores(hyp.totals[src_rows[rows]], ref.totals[tgt_rows[rows]],
                                    matches)
        return out

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.chrf(a, b, src_starts, tgt_starts) - self.mean) / self.spread


WHOLE_PAIR_CODES = 1 << 22
"""Characters (of both sides' skeletons) up to which a pair's n-grams are counted whole
(4 M: a 4,000-paragraph book has 2.5 M)."""
_STRETCH_LEAST = 2048  # texts a side's stretch counts at least, so the next call fits too
_SCATTERED_PAIRS = 2048
_PROXY_ORDER = 3  # the proxy reads n-grams of orders 2 and 3
_TEXTS_AT_A_TIME = 4096


def _skeleton_codes(texts: Sequence[str]) -> Codes:
    """:func:`~align.signals.translit.skeleton_codes` of a few thousand texts at a time:
    its tables take some 40 bytes a character, 1 GB for a 46,000-paragraph book at once."""
    if len(texts) <= _TEXTS_AT_A_TIME:
        return skeleton_codes(texts)
    parts = [skeleton_codes(texts[first:first + _TEXTS_AT_A_TIME])
             for first in range(0, len(texts), _TEXTS_AT_A_TIME)]
    return (np.concatenate([codes for codes, _ in parts]),
            np.concatenate([lengths for _, lengths in parts]))


_VECTOR_CHUNK = 1 << 20  # characters read at a time for the proxy's vectors


def corridor_vectors(src: Codes, tgt: Codes) -> tuple[np.ndarray, np.ndarray]:
    """Each text's character 2- and 3-grams that both sides hold, counted into
    :data:`_PROXY_DIMENSIONS` buckets (square roots of the counts): the proxy's vectors.

    A bucket is a hash of the n-gram's column among the counts
    :func:`~align.signals.chrf.shared_counts_of_codes` would make (orders 1, 2, 3, each in
    the n-grams' alphabetical order), found from flat tables of the codes (128³ entries at
    most), a stretch of text at a time: counting all n-grams of a book at once took more
    memory than its whole alignment may."""
    columns, offset = [], 0
    for n in range(1, _PROXY_ORDER + 1):
        shared = _present(src, n) & _present(tgt, n)
        column = np.cumsum(shared, dtype=np.int64) - 1 + offset
        offset += int(shared.sum())
        columns.append(np.where(shared, column, -1))
    vectors = []
    for codes in (src, tgt):
        hashed = np.zeros((len(codes[1]), _PROXY_DIMENSIONS))
        for rows, ngram_codes, n in _ngram_chunks(codes, (2, 3)):
            column = columns[n - 1][ngram_codes]
            kept = column >= 0
            buckets = (column[kept] * 2654435761) % _PROXY_DIMENSIONS
            hashed += np.bincount(rows[kept] * _PROXY_DIMENSIONS + buckets,
                                  minlength=hashed.size).reshape(hashed.shape)
        vectors.append(np.sqrt(hashed.astype(np.float32)))
    return vectors[0], vectors[1]


def _present(codes: Codes, n: int) -> np.ndarray:
    """Which of the 128**n possible n-grams occur in the texts."""
    present = np.zeros(128 ** n, dtype=bool)
    for _, ngram_codes, _ in _ngram_chunks(codes, (n,)):
        present[ngram_codes] = True
    return present


def _ngram_chunks(codes: Codes, orders: Sequence[int]
                  ) -> Iterator[tuple[np.ndarray, np.ndarray, int]]:
    """(text of each n-gram, its base-128 code, n) for runs of whole texts of about
    :data:`_VECTOR_CHUNK` characters; an n-gram never reaches across two texts."""
    joined, lengths = codes
    ends = np.cumsum(lengths)
    first = 0
    while first < len(lengths):
        last = int(np.searchsorted(ends, ends[first] - lengths[first] + _VECTOR_CHUNK,
                                   side="right"))
        last = max(last, first + 1)
        begin, stop = int(ends[first] - lengths[first]), int(ends[last - 1])
        text_of = np.repeat(np.arange(first, last), lengths[first:last])
        chunk = joined[begin:stop].astype(np.int64)
        for n in orders:
            if len(chunk) < n:
                continue
            code = chunk[:len(chunk) - n + 1].copy()
            for k in range(1, n):
                code = code * 128 + chunk[k:len(chunk) - n + 1 + k]
            inside = text_of[:len(code)] == text_of[n - 1:]
            yield text_of[:len(code)][inside], code[inside], n
        first = last


def _subset(codes: Codes, rows: np.ndarray) -> Codes:
    """The texts ``rows`` (in increasing order) of :data:`Codes`."""
    joined, lengths = codes
    if len(rows) == len(lengths):
        return codes
    ends = np.cumsum(lengths)
    kept = lengths[rows]
    starts = np.repeat(ends[rows] - kept - (np.cumsum(kept) - kept), kept)
    return joined[starts + np.arange(int(kept.sum()))], kept


class ProxySimilarity:
    """Cosine of hashed character-trigram vectors: cheap, only good enough to find the
    corridor in which the exact search then runs."""

    def __init__(self, exact: ChrfSimilarity) -> None:
        src, tgt = corridor_vectors(*exact.codes)
        self._src = {1: (src, np.linalg.norm(src, axis=1))}
        self._tgt = {1: (tgt, np.linalg.norm(tgt, axis=1))}
        i, j = background_pairs(len(src), len(tgt))
        self.mean, self.spread = background_mean_spread(self.cosine(1, 1, i, j), (0.3, 0.1))

    @staticmethod
    def _span_vectors(side: dict[int, tuple[np.ndarray, np.ndarray]], length: int
                      ) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of every run of ``length`` texts, and their norms (found once, not
        once a pair: on a book the proxy pass weighs some 10 million pairs)."""
        if length not in side:
            base = side[1][0]
            n = max(len(base) - length + 1, 0)
            vectors = sum(base[k:k + n] for k in range(length))
            side[length] = vectors, np.linalg.norm(vectors, axis=1)
        return side[length]

    def cosine(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        src, src_norms = self._span_vectors(self._src, a)
        tgt, tgt_norms = self._span_vectors(self._tgt, b)
        out = np.empty(len(src_starts), dtype=np.float64)
        for begin in range(0, len(src_starts), _BATCH):
            rows = slice(begin, begin + _BATCH)
            i, j = src_starts[rows], tgt_starts[rows]
            norms = src_norms[i] * tgt_norms[j]
            out[rows] = np.einsum("ij,ij->i", src[i], tgt[j]) / np.maximum(norms, 1e-9)
        return out

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.cosine(a, b, src_starts, tgt_starts) - self.mean) / self.spread


Similarity = ChrfSimilarity | ProxySimilarity


def _proxy_of(similarity: Similarity | RememberedZ) -> ProxySimilarity | None:
    return ProxySimilarity(similarity) if isinstance(similarity, ChrfSimilarity) else None


class ChrfCost:
    """The chrF signal: how little more alike a link's sides are than chance (minus the
    z-score, capped so that one signal cannot outvote all others)."""

    name: ClassVar[str] = "chrf"

    def __init__(self, similarity: Similarity, weights: Weights) -> None:
        self.similarity = similarity
        self.weight = weights.lexical
        self._weights = weights

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> ChrfCost:
        return cls(ChrfSimilarity(source.texts, target.texts), settings.weights)

    def z(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """chrF as a z-score against unrelated pairs."""
        return self.similarity.z(a, b, i, j)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        w = self._weights
        return np.clip(w.lexical_centre - self.z(a, b, i, j), -w.lexical_cap, w.lexical_cap)

    def proxy(self) -> ChrfCost | None:
        """The same cost over hashed-trigram cosines (None if this is that stand-in)."""
        stand_in = _proxy_of(self.similarity)
        return ChrfCost(stand_in, self._weights) if stand_in is not None else None


_SUB_LINKS: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {
    # shape → its contiguous sub-links (a, b, source offset, target offset)
    (2, 1): [(1, 1, 0, 0), (1, 1, 1, 0)],
    (1, 2): [(1, 1, 0, 0), (1, 1, 0, 1)],
    (2, 2): [(2, 1, 0, 0), (2, 1, 0, 1), (1, 2, 0, 0), (1, 2, 1, 0)],
    (3, 1): [(2, 1, 0, 0), (2, 1, 1, 0)],
    (1, 3): [(1, 2, 0, 0), (1, 2, 0, 1)],
}


class MergeGain:
    """The rule "a merge must raise the similarity with each part": 1 when a merge's
    z-score is not above its best part's by ``Weights.merge_margin``, so a line with no
    counterpart glued onto a neighbour pays against the one-sided alternative. The
    z-score is the dictionaries' (``Settings.lexicon``): a dictionary sees a short
    part's words, where chrF (beta = 2) drops for a short part even when it belongs.
    Off without a dictionary for the pair or when ``Weights.merge_penalty`` is 0; it
    still prices chrF z-scores when given a chrF similarity (the experiment it was)."""

    name: ClassVar[str] = "merge_gain"

    def __init__(self, similarity: Similarity | RememberedZ, weights: Weights) -> None:
        self.similarity = similarity
        self.weight = weights.merge_penalty
        self._weights = weights

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> MergeGain | None:
        """Only where a dictionary covers the pair: on chrF alone the rule needs a second
        chrF table of the pair (twice the memory on a book) for +0.001 paragraph F1."""
        if not settings.weights.merge_penalty or settings.lexicon is None:
            return None
        by_lexicon = settings.lexicon.remembered(source, target)
        return cls(by_lexicon, settings.weights) if by_lexicon is not None else None

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if (a, b) not in _SUB_LINKS:
            return np.zeros(len(i))
        z = self.similarity.z(a, b, i, j)
        best_part = np.max([self.similarity.z(sa, sb, i + di, j + dj)
                            for sa, sb, di, dj in _SUB_LINKS[(a, b)]], axis=0)
        return z < best_part + self._weights.merge_margin

    def proxy(self) -> MergeGain | None:
        stand_in = _proxy_of(self.similarity)
        return MergeGain(stand_in, self._weights) if stand_in is not None else None
