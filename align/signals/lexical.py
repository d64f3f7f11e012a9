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

from typing import TYPE_CHECKING, ClassVar, Sequence

import numpy as np

from align.ingest.normalize import signal_texts
from align.model import Document
from align.signals.background import background_mean_spread, background_pairs
from align.signals.chrf import (NgramCounts, chrf_scores, entries, match_counts,
                                shared_counts_of_codes)
from align.signals.translit import skeleton_codes

if TYPE_CHECKING:
    from align.aligner import Settings, Weights
    from align.signals.lexicon import LexiconSimilarity

_FALLBACK_BACKGROUND = (12.0, 4.0)  # chrF mean and spread of unrelated ru-en paragraphs
_PROXY_DIMENSIONS = 128
_BATCH = 8192  # pairs per sparse batch: bounds memory on a book (rows × shared n-grams)


class ChrfSimilarity:
    """Exact chrF (sacrebleu's definition) between source and target spans, as z-scores."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> None:
        src_texts, tgt_texts = signal_texts(src_texts), signal_texts(tgt_texts)
        src, tgt = shared_counts_of_codes(skeleton_codes(src_texts), skeleton_codes(tgt_texts))
        self._src, self._tgt = {1: src}, {1: tgt}
        i, j = background_pairs(len(src_texts), len(tgt_texts))
        self.mean, self.spread = background_mean_spread(self._pairs_once(i, j),
                                                        _FALLBACK_BACKGROUND)

    def _pairs_once(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """chrF of the 1-1 pairs (i[k], j[k]), each distinct pair computed once: in a short
        document many of the random background pairs repeat."""
        n_tgt = max(len(self._tgt[1]), 1)
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
        if len(src_starts) == 0:
            return np.zeros(0)
        hyp, src_rows = self._span_rows(self._src, a, src_starts)
        ref, tgt_rows = self._span_rows(self._tgt, b, tgt_starts)
        out = np.empty(len(src_rows))
        for begin in range(0, len(src_rows), _BATCH):
            rows = slice(begin, begin + _BATCH)
            matches = match_counts(hyp, src_rows[rows], ref, tgt_rows[rows])
            out[rows] = chrf_scores(hyp.totals[src_rows[rows]], ref.totals[tgt_rows[rows]],
                                    matches)
        return out

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.chrf(a, b, src_starts, tgt_starts) - self.mean) / self.spread


class ProxySimilarity:
    """Cosine of hashed character-trigram vectors: cheap, only good enough to find the
    corridor in which the exact search then runs."""

    def __init__(self, exact: ChrfSimilarity) -> None:
        self._src = {1: self._dense(exact._src[1])}
        self._tgt = {1: self._dense(exact._tgt[1])}
        i, j = background_pairs(len(self._src[1]), len(self._tgt[1]))
        self.mean, self.spread = background_mean_spread(self.cosine(1, 1, i, j), (0.3, 0.1))

    @staticmethod
    def _dense(counts: NgramCounts) -> np.ndarray:
        # shared n-grams of orders 2 and 3, hashed into a few buckets (summed by a bincount:
        # cheaper than a product with a folding matrix; the sums are whole numbers either way)
        n_texts, n_columns = counts.matrix.shape
        buckets = (np.arange(n_columns, dtype=np.int64) * 2654435761) % _PROXY_DIMENSIONS
        rows, columns, data = entries(counts.matrix)
        keep = np.isin(counts.channel_of_column, (1, 2))[columns]
        hashed = np.bincount(rows[keep] * _PROXY_DIMENSIONS + buckets[columns[keep]],
                             weights=data[keep], minlength=n_texts * _PROXY_DIMENSIONS)
        return np.sqrt(hashed.reshape(n_texts, _PROXY_DIMENSIONS).astype(np.float32))

    @staticmethod
    def _span_vectors(side: dict[int, np.ndarray], length: int) -> np.ndarray:
        if length not in side:
            base = side[1]
            n = max(len(base) - length + 1, 0)
            side[length] = sum(base[k:k + n] for k in range(length))
        return side[length]

    def cosine(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        src = self._span_vectors(self._src, a)
        tgt = self._span_vectors(self._tgt, b)
        out = np.empty(len(src_starts), dtype=np.float64)
        for begin in range(0, len(src_starts), _BATCH):
            rows = slice(begin, begin + _BATCH)
            x, y = src[src_starts[rows]], tgt[tgt_starts[rows]]
            norms = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
            out[rows] = np.einsum("ij,ij->i", x, y) / np.maximum(norms, 1e-9)
        return out

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.cosine(a, b, src_starts, tgt_starts) - self.mean) / self.spread


Similarity = ChrfSimilarity | ProxySimilarity


def _proxy_of(similarity: Similarity | LexiconSimilarity) -> ProxySimilarity | None:
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

    def __init__(self, similarity: Similarity | LexiconSimilarity, weights: Weights) -> None:
        self.similarity = similarity
        self.weight = weights.merge_penalty
        self._weights = weights

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings) -> MergeGain | None:
        """Only where a dictionary covers the pair: on chrF alone the rule needs a second
        chrF table of the pair (twice the memory on a book) for +0.001 paragraph F1."""
        if not settings.weights.merge_penalty or settings.lexicon is None:
            return None
        by_lexicon = settings.lexicon.similarity(source, target)
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
