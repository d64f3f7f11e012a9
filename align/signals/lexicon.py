"""Lexicon signal: how much of a target span a bilingual lexicon predicts from the source.

Optional (``Settings.lexicon``): bilingual dictionaries (:mod:`align.dictionaries`), a
translator's memories, or what ``sverka batch --learn`` learns from a corpus (one article
has too little text to learn word translations from; a corpus of hundreds has enough). For a source span, the lexicon turns its words into the expected
counts of target words (Σ t(e | f)); the score is the share of words the two sides have
in common that way (2 · Σ min(expected, seen) / (source words + target words + a few
more, :data:`SHORT_SPAN_WORDS`, so that one shared word does not make a three-word line
look like a translation)). Like chrF it is z-normalised per document pair against random
pairs that cannot be translations.

Words meet as stems (:func:`align.stemming.stems`: Snowball where the language has a
stemmer, else a cut to the first letters), the same stems the dictionaries are read into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Sequence

import numpy as np

from align.ingest.normalize import signal_texts
from align.language import base_language
from align.model import Document
from align.signals.background import background_mean_spread, background_pairs
from align.signals.csr import Csr
from align.signals.remembered import RememberedZ

if TYPE_CHECKING:
    import scipy.sparse as sparse

    from align.aligner import Settings

SHORT_SPAN_WORDS = 4.0
"""Added to a span pair's word count in the score's denominator: one shared word between
two three-word lines scores 2/10, not 2/6."""
_FALLBACK_BACKGROUND = (0.04, 0.04)  # score mean and spread of unrelated news paragraphs


@dataclass(frozen=True)
class LexiconTable:
    """t(target word | source word) for one language pair, as a sparse matrix (numpy
    arrays: a pair aligned with a dictionary never imports scipy)."""

    src_words: dict[str, int]
    tgt_words: dict[str, int]
    matrix: Csr  # (source words × target words)

    @property
    def probabilities(self) -> sparse.csr_matrix:
        """The table as scipy's matrix, for code that works in scipy anyway."""
        return self.matrix.to_scipy()


class LexiconSignal:
    """Lexicon tables by language pair; picklable, so it travels to worker processes."""

    def __init__(self, tables: dict[tuple[str, str], LexiconTable]) -> None:
        self.tables = tables
        self._last: tuple[Document, Document, RememberedZ | None] | None = None
        """The last document pair's similarity: the lexicon signal and the merge rule
        both ask for it, and it is the costliest part of building the signals."""

    def __getstate__(self) -> dict:
        return {"tables": self.tables, "_last": None}  # workers get the tables only

    @classmethod
    def from_entries(cls, entries: Sequence[tuple[str, str, str, str, float]]
                     ) -> "LexiconSignal":
        """From rows (src_lang, tgt_lang, source word, target word, probability)."""
        grouped: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
        # the group of each row's codes, found once: a dictionary has some 100,000 rows
        # and one or two language pairs (base_language per row was a fifth of the load)
        group_of: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
        for src_lang, tgt_lang, src, tgt, prob in entries:
            group = group_of.get((src_lang, tgt_lang))
            if group is None:
                group = group_of[(src_lang, tgt_lang)] = grouped.setdefault(
                    (base_language(src_lang), base_language(tgt_lang)), [])
            group.append((src, tgt, float(prob)))
        tables = {}
        for key, rows in grouped.items():
            src_words: dict[str, int] = {}
            tgt_words: dict[str, int] = {}
            i = [src_words.setdefault(src, len(src_words)) for src, _, _ in rows]
            j = [tgt_words.setdefault(tgt, len(tgt_words)) for _, tgt, _ in rows]
            matrix = Csr.from_triples(np.array(i, dtype=np.int64), np.array(j, dtype=np.int64),
                                      np.array([p for _, _, p in rows], dtype=np.float32),
                                      (len(src_words), len(tgt_words)))
            tables[key] = LexiconTable(src_words, tgt_words, matrix)
        return cls(tables)

    def entries(self) -> list[tuple[str, str, str, str, float]]:
        """Rows (src_lang, tgt_lang, source word, target word, probability)."""
        rows = []
        for (src_lang, tgt_lang), table in self.tables.items():
            src_of = list(table.src_words)
            tgt_of = list(table.tgt_words)
            matrix = table.matrix
            rows.extend((src_lang, tgt_lang, src_of[i], tgt_of[j], float(p))
                        for i, j, p in zip(matrix.row_of_entries().tolist(),
                                           matrix.indices.tolist(), matrix.data))
        return rows

    def joined(self, other: "LexiconSignal | None") -> "LexiconSignal":
        """This lexicon and ``other`` as one; a word pair in both keeps the higher
        probability (a dictionary's and a learned lexicon's evidence do not add up)."""
        if other is None or other is self:
            return self
        best: dict[tuple[str, str, str, str], float] = {}
        for *key, probability in [*self.entries(), *other.entries()]:
            best[tuple(key)] = max(best.get(tuple(key), 0.0), probability)
        return LexiconSignal.from_entries([(*key, p) for key, p in best.items()])

    def similarity(self, source: Document, target: Document) -> "LexiconSimilarity | None":
        """The signal for one document pair, or None when no lexicon covers its languages."""
        remembered = self.remembered(source, target)
        return None if remembered is None else remembered.similarity

    def remembered(self, source: Document, target: Document) -> "RememberedZ | None":
        """:meth:`similarity` with its z-scores remembered, one for both signals that read
        it: the merge rule asks for links the lexicon signal has just priced
        (:mod:`align.signals.remembered`)."""
        if self._last is not None and self._last[0] is source and self._last[1] is target:
            return self._last[2]
        table = self.tables.get((base_language(source.lang), base_language(target.lang)))
        remembered = (None if table is None else RememberedZ(
            LexiconSimilarity(source.texts, target.texts, table, source.lang, target.lang),
            len(target)))
        self._last = (source, target, remembered)
        return remembered


def _bags(texts: Sequence[str], vocabulary: dict[str, int], lang: str
          ) -> tuple[Csr, np.ndarray]:
    """Counts of known words per text, and each text's number of words (known or not)."""
    from align.stemming import stems_of_texts

    stems, words, lengths = stems_of_texts(texts, lang)
    column_of = np.array([vocabulary.get(stem, -1) for stem in stems], dtype=np.int64)
    columns = column_of[words] if len(words) else words
    known = columns >= 0
    bags = Csr.from_triples(np.repeat(np.arange(len(texts)), lengths)[known], columns[known],
                            np.ones(int(known.sum()), dtype=np.float32),
                            (len(texts), len(vocabulary)))
    return bags, lengths.astype(np.float64)


class LexiconSimilarity:
    """The lexicon score between source and target spans of one document pair, as z."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 table: LexiconTable, src_lang: str, tgt_lang: str) -> None:
        src_texts, tgt_texts = signal_texts(src_texts), signal_texts(tgt_texts)
        src_bags, src_totals = _bags(src_texts, table.src_words, src_lang)
        tgt_bags, tgt_totals = _bags(tgt_texts, table.tgt_words, tgt_lang)
        # only target words this document holds can match: predictions of any other word
        # would widen every row (a dictionary lists dozens of translations a word)
        # (np.unique would import numpy.ma, a tenth of an article's start-up)
        present = np.flatnonzero(np.bincount(tgt_bags.indices)).astype(tgt_bags.indices.dtype)
        self._expected = src_bags.dot(table.matrix.keep_columns(present))
        """Expected target word counts of each source text; a span's are summed from
        them a block at a time when it is priced (a book's spans of two and three,
        kept, held 50 million entries)."""
        self._seen = {1: tgt_bags.keep_columns(present)}
        self._src_totals = {1: src_totals}
        self._tgt_totals = {1: tgt_totals}
        i, j = background_pairs(len(src_texts), len(tgt_texts))
        self.mean, self.spread = background_mean_spread(self.score(1, 1, i, j),
                                                        _FALLBACK_BACKGROUND, sparse_scores=True)

    def _seen_spans(self, length: int) -> Csr:
        """The target words of every run of ``length`` texts (small: a paragraph's two
        dozen known words)."""
        if length not in self._seen:
            self._seen[length] = self._seen[1].run_sums(length)
        return self._seen[length]

    @staticmethod
    def _span_totals(totals: dict[int, np.ndarray], length: int) -> np.ndarray:
        """Words in every run of ``length`` consecutive texts."""
        if length not in totals:
            single = totals[1]
            n = max(len(single) - length + 1, 0)
            total = single[0:n].copy()
            for offset in range(1, length):
                total += single[offset:offset + n]
            totals[length] = total
        return totals[length]

    def score(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
              ) -> np.ndarray:
        """Share of words in [0, 1] the lexicon matches between the spans."""
        if len(src_starts) == 0:
            return np.zeros(0)
        src_starts, tgt_starts = np.asarray(src_starts), np.asarray(tgt_starts)
        matched = _common_counts(self._expected, a, self._seen_spans(b), src_starts,
                                 tgt_starts)
        size = (self._span_totals(self._src_totals, a)[src_starts]
                + self._span_totals(self._tgt_totals, b)[tgt_starts])
        return 2.0 * matched / (size + SHORT_SPAN_WORDS)

    def z(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        return (self.score(a, b, src_starts, tgt_starts) - self.mean) / self.spread


DENSE_BLOCK_CELLS = 1 << 22
"""Cells of the expected-count rows made dense at a time (16 MB of float32)."""


def _common_counts(expected: Csr, length: int, seen: Csr, rows: np.ndarray,
                   columns: np.ndarray) -> np.ndarray:
    """Σ_w min(E[r, w], seen[c, w]) for each pair (r, c) of ``rows`` × ``columns``, where
    E[r] is the sum of ``expected``'s rows r … r + length − 1.

    Read from the seen row's few words (a paragraph's two dozen), against expected spans
    made dense a block at a time (summed there from the texts' rows, in the order scipy's
    sums of shifted rows took): a dictionary predicts hundreds of target words for a
    paragraph, and taking the minimum of whole sparse rows (scipy's ``minimum``) was most
    of a book's alignment time (125 s of 190 profiled on 46,000 paragraphs, and 16 GB)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if len(rows) == 0:
        return out
    width = max(expected.shape[1], 1)
    block = max(1, DENSE_BLOCK_CELLS // width)
    order = np.argsort(rows, kind="stable")
    sorted_rows = rows[order]
    # positions in int32 (a block's cells and the seen rows' entries fit): the gathers
    # below run over every word of every pair, and halving their indices saves a fifth
    counts = np.diff(seen.indptr).astype(np.int32)
    row_starts = seen.indptr[:-1].astype(np.int32)
    n_spans = expected.shape[0] - length + 1
    for first in range(int(sorted_rows[0]), int(sorted_rows[-1]) + 1, block):
        lo, hi = np.searchsorted(sorted_rows, (first, first + block))
        if lo == hi:
            continue
        pairs = order[lo:hi]
        seen_rows = columns[pairs]
        words_of = counts[seen_rows]
        ends = np.cumsum(words_of, dtype=np.int32)
        total = int(ends[-1])
        if total == 0:
            continue
        dense = _dense_spans(expected, first, min(first + block, n_spans), length).ravel()
        begins = ends - words_of
        at = np.repeat(row_starts[seen_rows] - begins, words_of)
        at += np.arange(total, dtype=np.int32)
        cells = np.repeat(((sorted_rows[lo:hi] - first) * width).astype(np.int32), words_of)
        cells += seen.indices[at]
        common = dense[cells]
        np.minimum(common, seen.data[at], out=common)
        # summed in float32, as scipy's row sums were (in another order: the counts agree
        # to about 1e-6, and the links were the same on every dev case and the book)
        has_words = words_of > 0
        out[pairs[has_words]] = np.add.reduceat(common, begins[has_words])
    return out


def _dense_spans(expected: Csr, first: int, stop: int, length: int) -> np.ndarray:
    """Rows ``first`` … ``stop`` − 1 of the span sums of ``length`` rows, dense."""
    dense = expected.dense_rows(first, stop + length - 1)
    summed = dense[0:stop - first]
    for offset in range(1, length):
        summed = summed + dense[offset:offset + stop - first]
    return summed


class LexiconCost:
    """The lexicon signal: minus the lexicon z-score, capped like chrF's (used only when
    ``Settings.lexicon`` covers the pair's languages)."""

    name: ClassVar[str] = "lexicon"

    def __init__(self, similarity: RememberedZ, weight: float, cap: float) -> None:
        self.similarity = similarity
        self.weight = weight
        self._cap = cap

    @classmethod
    def build(cls, source: Document, target: Document, settings: Settings
              ) -> LexiconCost | None:
        if settings.lexicon is None:
            return None
        similarity = settings.lexicon.remembered(source, target)
        if similarity is None:
            return None
        return cls(similarity, settings.weights.lexicon, settings.weights.lexical_cap)

    def costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.clip(-self.similarity.z(a, b, i, j), -self._cap, self._cap)

    def proxy(self) -> None:
        return None
