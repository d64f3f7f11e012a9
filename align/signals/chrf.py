"""chrF (character n-gram F-score) between many span pairs at once.

sacrebleu's chrF (orders 1-6, beta 2, whitespace removed) is the lexical signal, but the
search asks for it on hundreds of thousands of span pairs, and calling sacrebleu per pair
takes minutes on a book. This kernel keeps each text's n-gram counts as sparse rows (one
matrix per order, n-grams encoded exactly as base-128 numbers of their ASCII skeleton) and
takes the sum of the per-n-gram minimum counts for a whole batch of pairs in one sparse
operation. ``tests/test_chrf.py`` checks that it equals sacrebleu's ``sentence_chrf`` on
many pairs.

A span of several segments is scored as the sum of its segments' counts: n-grams that
would straddle the boundary between two paragraphs are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sparse

CHAR_ORDER = 6
BETA = 2.0
_BASE = 128  # skeletons are ASCII, so an n-gram of up to 6 characters fits in 42 bits


def squeeze(text: str) -> str:
    """Remove all whitespace, as chrF does before taking character n-grams."""
    return "".join(text.split())


@dataclass(frozen=True)
class NgramCounts:
    """Counts of many texts, one (texts × keys) CSR per channel: ``orders[n-1]`` for n-grams
    of order n here, or a single channel of anchor keys (see ``align.signals.anchors``)."""

    orders: tuple[sparse.csr_matrix, ...]
    totals: np.ndarray  # (texts, channels): how many keys of each channel a text has

    @classmethod
    def of_texts(cls, texts: Sequence[str], order: int = CHAR_ORDER) -> "NgramCounts":
        """Count the n-grams of already transliterated (ASCII) texts."""
        squeezed = [squeeze(text) for text in texts]
        lengths = np.fromiter((len(text) for text in squeezed), dtype=np.int64,
                              count=len(squeezed))
        codes = np.frombuffer("".join(squeezed).encode("ascii", "replace"),
                              dtype=np.uint8).astype(np.int64)
        owner = np.repeat(np.arange(len(squeezed)), lengths)
        end_of_owner = np.cumsum(lengths)[owner] if len(owner) else owner
        key = np.zeros(len(codes), dtype=np.int64)
        matrices = []
        totals = np.zeros((len(squeezed), order), dtype=np.float64)
        width = _BASE ** order
        for n in range(1, order + 1):
            usable = len(codes) - n + 1
            if usable <= 0:
                matrices.append(sparse.csr_matrix((len(squeezed), width), dtype=np.float32))
                continue
            key = key[:usable] * _BASE + codes[n - 1:]
            inside = np.arange(usable) + n <= end_of_owner[:usable]
            rows = owner[:usable][inside]
            matrix = sparse.csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (rows, key[inside])),
                shape=(len(squeezed), width))
            matrix.sum_duplicates()
            matrices.append(matrix)
            totals[:, n - 1] = np.bincount(rows, minlength=len(squeezed))
        return cls(tuple(matrices), totals)

    @classmethod
    def of_keys(cls, keys_per_text: Sequence[Sequence[int]], width: int) -> "NgramCounts":
        """One channel of integer keys (e.g. anchors) per text, with multiplicity."""
        lengths = np.fromiter((len(keys) for keys in keys_per_text), dtype=np.int64,
                              count=len(keys_per_text))
        rows = np.repeat(np.arange(len(keys_per_text)), lengths)
        cols = np.fromiter((key for keys in keys_per_text for key in keys), dtype=np.int64,
                           count=int(lengths.sum()))
        matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                                   shape=(len(keys_per_text), max(width, 1)))
        matrix.sum_duplicates()
        return cls((matrix,), lengths.astype(np.float64)[:, None])

    def __len__(self) -> int:
        return self.totals.shape[0]

    def spans(self, length: int) -> "NgramCounts":
        """Counts of every run of ``length`` consecutive texts (row k = texts k..k+length-1)."""
        if length == 1:
            return self
        n_spans = max(len(self) - length + 1, 0)
        orders = []
        for matrix in self.orders:
            summed = matrix[0:n_spans]
            for offset in range(1, length):
                summed = summed + matrix[offset:offset + n_spans]
            orders.append(summed.tocsr())
        totals = sum(self.totals[offset:offset + n_spans] for offset in range(length))
        return NgramCounts(tuple(orders), totals)


def match_counts(hyp: NgramCounts, hyp_rows: np.ndarray,
                 ref: NgramCounts, ref_rows: np.ndarray) -> np.ndarray:
    """Per pair and order, the number of n-grams the two texts share (sum of minimum counts)."""
    matches = np.zeros((len(hyp_rows), len(hyp.orders)), dtype=np.float64)
    if len(hyp_rows) == 0:
        return matches
    for n, (hyp_matrix, ref_matrix) in enumerate(zip(hyp.orders, ref.orders)):
        common = hyp_matrix[hyp_rows].minimum(ref_matrix[ref_rows])
        matches[:, n] = np.asarray(common.sum(axis=1)).ravel()
    return matches


def chrf_scores(hyp_totals: np.ndarray, ref_totals: np.ndarray, matches: np.ndarray,
                beta: float = BETA) -> np.ndarray:
    """chrF in [0, 100] for each pair, from per-order statistics (sacrebleu's formula)."""
    eps = 1e-16
    factor = beta ** 2
    both = (hyp_totals > 0) & (ref_totals > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(hyp_totals > 0, matches / np.where(hyp_totals > 0, hyp_totals, 1), eps)
        recall = np.where(ref_totals > 0, matches / np.where(ref_totals > 0, ref_totals, 1), eps)
    effective = both.sum(axis=1)
    safe = np.maximum(effective, 1)
    avg_precision = np.where(effective > 0, (precision * both).sum(axis=1) / safe, 0.0)
    avg_recall = np.where(effective > 0, (recall * both).sum(axis=1) / safe, 0.0)
    denominator = factor * avg_precision + avg_recall
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(denominator > 0,
                         (1 + factor) * avg_precision * avg_recall / np.where(denominator > 0, denominator, 1),
                         0.0)
    return 100.0 * score


def pair_chrf(hyp: NgramCounts, hyp_rows: np.ndarray,
              ref: NgramCounts, ref_rows: np.ndarray) -> np.ndarray:
    """chrF of ``hyp[hyp_rows[k]]`` against ``ref[ref_rows[k]]`` for every k."""
    hyp_rows = np.asarray(hyp_rows, dtype=np.int64)
    ref_rows = np.asarray(ref_rows, dtype=np.int64)
    matches = match_counts(hyp, hyp_rows, ref, ref_rows)
    return chrf_scores(hyp.totals[hyp_rows], ref.totals[ref_rows], matches)
