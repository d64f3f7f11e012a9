"""Lexicon signal: how much of a target span a bilingual lexicon predicts from the source.

Optional (``Settings.lexicon``; ``sverka batch --learn`` learns one from a corpus). One
article has too little text to learn word translations from (DESIGN.md), but a corpus of
hundreds has enough. For a source span, the lexicon turns its words into the expected
counts of target words (Σ t(e | f)); the score is the share of words the two sides have
in common that way (2 · Σ min(expected, seen) / (source words + target words)). Like chrF
it is z-normalised per document pair against random pairs that cannot be translations.

Words are lowercased letter runs cut to their first :data:`STEM` letters, a crude stem
that works for any language and lets Russian case endings meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Sequence

import numpy as np
import scipy.sparse as sparse

from align.language import base_language
from align.model import Document
from align.signals.background import background_mean_spread, background_pairs

if TYPE_CHECKING:
    from align.aligner import Settings

STEM = 5
_WORD = re.compile(r"[^\W\d_]+")
_FALLBACK_BACKGROUND = (0.04, 0.04)  # score mean and spread of unrelated news paragraphs


def words(text: str) -> list[str]:
    """The words of ``text`` as the lexicon knows them: lowercase, cut to STEM letters."""
    return [word[:STEM] for word in _WORD.findall(text.lower())]


@dataclass(frozen=True)
class LexiconTable:
    """t(target word | source word) for one language pair, as a sparse matrix."""

    src_words: dict[str, int]
    tgt_words: dict[str, int]
    probabilities: sparse.csr_matrix  # (source words × target words)


class LexiconSignal:
    """Lexicon tables by language pair; picklable, so it travels to worker processes."""

    def __init__(self, tables: dict[tuple[str, str], LexiconTable]) -> None:
        self.tables = tables

    @classmethod
    def from_entries(cls, entries: Sequence[tuple[str, str, str, str, float]]
                     ) -> "LexiconSignal":
        """From rows (src_lang, tgt_lang, source word, target word, probability)."""
        grouped: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
        for src_lang, tgt_lang, src, tgt, prob in entries:
            grouped.setdefault((base_language(src_lang), base_language(tgt_lang)), []).append(
                (src, tgt, float(prob)))
        tables = {}
        for key, rows in grouped.items():
            src_words: dict[str, int] = {}
            tgt_words: dict[str, int] = {}
            i = [src_words.setdefault(src, len(src_words)) for src, _, _ in rows]
            j = [tgt_words.setdefault(tgt, len(tgt_words)) for _, tgt, _ in rows]
            matrix = sparse.csr_matrix(
                (np.array([p for _, _, p in rows], dtype=np.float32), (i, j)),
                shape=(len(src_words), len(tgt_words)))
            tables[key] = LexiconTable(src_words, tgt_words, matrix)
        return cls(tables)

    def similarity(self, source: Document, target: Document) -> "LexiconSimilarity | None":
        """The signal for one document pair, or None when no lexicon covers its languages."""
        table = self.tables.get((base_language(source.lang), base_language(target.lang)))
        if table is None:
            return None
        return LexiconSimilarity(source.texts, target.texts, table)


def _bags(texts: Sequence[str], vocabulary: dict[str, int]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Counts of known words per text, and each text's number of words (known or not)."""
    rows, columns, totals = [], [], np.zeros(len(texts))
    for row, text in enumerate(texts):
        tokens = words(text)
        totals[row] = len(tokens)
        for token in tokens:
            column = vocabulary.get(token)
            if column is not None:
                rows.append(row)
                columns.append(column)
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)),
                               shape=(len(texts), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix, totals


class LexiconSimilarity:
    """The lexicon score between source and target spans of one document pair, as z."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 table: LexiconTable) -> None:
        src_bags, src_totals = _bags(src_texts, table.src_words)
        tgt_bags, tgt_totals = _bags(tgt_texts, table.tgt_words)
        expected = (src_bags @ table.probabilities).tocsr()  # target words the source predicts
        self._src = {1: (expected, src_totals)}
        self._tgt = {1: (tgt_bags, tgt_totals)}
        i, j = background_pairs(len(src_texts), len(tgt_texts))
        self.mean, self.spread = background_mean_spread(self.score(1, 1, i, j),
                                                        _FALLBACK_BACKGROUND)

    @staticmethod
    def _spans(side: dict[int, tuple[sparse.csr_matrix, np.ndarray]], length: int
               ) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Every run of ``length`` consecutive texts, summed (small: word counts)."""
        if length not in side:
            matrix, totals = side[1]
            n = max(matrix.shape[0] - length + 1, 0)
            summed, total = matrix[0:n], totals[0:n].copy()
            for offset in range(1, length):
                summed = summed + matrix[offset:offset + n]
                total += totals[offset:offset + n]
            side[length] = (summed.tocsr(), total)
        return side[length]

    def score(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
              ) -> np.ndarray:
        """Share of words in [0, 1] the lexicon matches between the spans."""
        if len(src_starts) == 0:
            return np.zeros(0)
        expected, src_totals = self._spans(self._src, a)
        seen, tgt_totals = self._spans(self._tgt, b)
        common = expected[src_starts].minimum(seen[tgt_starts])
        matched = np.asarray(common.sum(axis=1)).ravel()
        size = src_totals[src_starts] + tgt_totals[tgt_starts]
        return np.where(size > 0, 2.0 * matched / np.maximum(size, 1.0), 0.0)

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.score(a, b, src_starts, tgt_starts) - self.mean) / self.spread


class LexiconCost:
    """The lexicon signal: minus the lexicon z-score, capped like chrF's (used only when
    ``Settings.lexicon`` covers the pair's languages)."""

    name: ClassVar[str] = "lexicon"

    def __init__(self, similarity: LexiconSimilarity, weight: float, cap: float) -> None:
        self.similarity = similarity
        self.weight = weight
        self._cap = cap

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings
              ) -> LexiconCost | None:
        if settings.lexicon is None:
            return None
        similarity = settings.lexicon.similarity(source, target)
        if similarity is None:
            return None
        return cls(similarity, settings.weights.lexicon, settings.weights.lexical_cap)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.clip(-self.similarity.z(a, b, i, j), -self._cap, self._cap)

    def proxy(self) -> None:
        return None
