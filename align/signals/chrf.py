"""chrF (character n-gram F-score) between many span pairs at once.

sacrebleu's chrF (orders 1-6, beta 2, whitespace removed) is the lexical signal, but the
search asks for it on hundreds of thousands of span pairs, and calling sacrebleu per pair
takes minutes on a book. This kernel keeps each text's n-gram counts as sparse rows (one
matrix per order, n-grams encoded exactly as base-128 numbers of their ASCII skeleton) and
takes the sum of the per-n-gram minimum counts for a whole batch of pairs in one sparse
operation. A short text's counts fit in a plain numpy array (:data:`DENSE_CELLS`): the same
operations then run in numpy, and an article never imports scipy.sparse, which cost more
than the article's whole alignment. ``tests/test_chrf.py`` checks that the kernel equals
sacrebleu's ``sentence_chrf`` on many pairs, and that numpy and sparse counts agree.

A span of several segments is scored as the sum of its segments' counts: n-grams that
would straddle the boundary between two paragraphs are not counted.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Sequence, Union

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sparse

CHAR_ORDER = 6
BETA = 2.0
_BASE = 128  # skeletons are ASCII, so an n-gram of up to 6 characters fits in 42 bits


def squeeze(text: str) -> str:
    """Remove all whitespace, as chrF does before taking character n-grams."""
    return "".join(text.split())


_ORDER_SHIFT = 45  # key = order << 45 | n-gram code: all orders in one column space
DENSE_CELLS = 1 << 21  # counts of up to this many (text, key) cells are a numpy array

Counts = Union[np.ndarray, "sparse.csr_matrix"]
"""A (texts × keys) count matrix: a numpy array when small, else scipy's CSR. Both answer
row selection, addition, column selection and :func:`entries` alike."""


def _is_dense(n_texts: int, width: int) -> bool:
    """Counts as a numpy array when small, and only while scipy.sparse is not loaded: the
    arrays spare a short pair its import, but sparse rows match faster once it is there
    (a batch worker, a lexicon pair)."""
    return n_texts * width <= DENSE_CELLS and not _sparse_loaded()


def _sparse_loaded() -> bool:
    return "scipy.sparse" in sys.modules


def entries(matrix: Counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero cells as (rows, columns, values), row by row, columns ascending."""
    if isinstance(matrix, np.ndarray):
        rows, columns = np.nonzero(matrix)
        return rows, columns, matrix[rows, columns]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return rows, matrix.indices, matrix.data


Cells = tuple[np.ndarray, np.ndarray, np.ndarray]
"""A count matrix's non-zero cells as CSR arrays: each row's start, then columns, values."""


def _gathered(cells: Cells, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells of ``rows[k]`` for every k, in order: (k, column, value)."""
    starts, columns, values = cells
    first = starts[rows]
    lengths = starts[rows + 1] - first
    pair = np.repeat(np.arange(len(rows)), lengths)
    position = (np.arange(len(pair)) + np.repeat(first - (np.cumsum(lengths) - lengths),
                                                  lengths))
    return pair, columns[position], values[position]


def _common_cells(cells: Cells, rows: np.ndarray, dense: np.ndarray, dense_rows: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells both rows of each pair hold, with the smaller value (scipy's ``minimum``
    of the two row selections, in numpy): one side's cells, each looked up in the other
    side's array, so only the cells that are there are touched."""
    pair, columns, values = _gathered(cells, rows)
    common = np.minimum(values, dense[dense_rows[pair], columns])
    hit = common != 0
    return pair[hit], columns[hit], common[hit]


@dataclass(frozen=True)
class NgramCounts:
    """Counts of many texts as one sparse (texts × keys) matrix.

    Each column belongs to a channel (``channel_of_column``): the n-gram order here, or a
    kind of anchor. ``totals`` holds each text's count per channel over *all* its keys,
    which stays right after :func:`shared_columns` drops the keys the other side lacks.
    """

    matrix: Counts
    channel_of_column: np.ndarray
    totals: np.ndarray  # (texts, channels)
    key_of_column: np.ndarray  # the real key (n-gram code or anchor id) of each column

    @classmethod
    def of_texts(cls, texts: Sequence[str], order: int = CHAR_ORDER) -> "NgramCounts":
        """Count the character n-grams (orders 1..order) of transliterated (ASCII) texts."""
        rows, keys, totals = [], [], np.zeros((len(texts), order))
        walk = _NgramWalk(squeezed_codes(texts))
        for n in range(1, order + 1):
            if not walk.advance():
                break
            rows.append(walk.rows)
            keys.append(walk.keys.astype(np.int64) | (n << _ORDER_SHIFT))
            totals[:, n - 1] = walk.totals
            walk.keep(walk.keys)  # every n-gram grows, keeping its real key
        return cls._compact(np.concatenate(rows) if rows else np.zeros(0, np.int64),
                            np.concatenate(keys) if keys else np.zeros(0, np.int64),
                            len(texts), totals, lambda k: (k >> _ORDER_SHIFT) - 1)

    @classmethod
    def of_keys(cls, keys_per_text: Sequence[Sequence[int]], channels: int = 1) -> "NgramCounts":
        """Integer keys (e.g. anchors) per text, with multiplicity; a key's channel is
        ``key % channels``."""
        lengths = np.fromiter((len(keys) for keys in keys_per_text), dtype=np.int64,
                              count=len(keys_per_text))
        rows = np.repeat(np.arange(len(keys_per_text)), lengths)
        keys = np.fromiter((key for keys in keys_per_text for key in keys), dtype=np.int64,
                           count=int(lengths.sum()))
        totals = np.zeros((len(keys_per_text), channels))
        np.add.at(totals, (rows, keys % channels), 1.0)
        return cls._compact(rows, keys, len(keys_per_text), totals, lambda k: k % channels)

    @classmethod
    def _compact(cls, rows: np.ndarray, keys: np.ndarray, n_texts: int, totals: np.ndarray,
                 channel_of_key) -> "NgramCounts":
        """Counts with columns numbered 0..k-1; ``key_of_column`` remembers the real keys."""
        distinct, column = np.unique(keys, return_inverse=True)
        width = len(distinct)
        if _is_dense(n_texts, width):
            matrix = np.bincount(rows * width + column, minlength=n_texts * width
                                 ).reshape(n_texts, width).astype(np.float32)
        else:
            import scipy.sparse as sparse

            matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, column)),
                                       shape=(n_texts, width))
            matrix.sum_duplicates()
        return cls(matrix, channel_of_key(distinct).astype(np.int64), totals, distinct)

    def __len__(self) -> int:
        return self.totals.shape[0]

    @cached_property
    def cells(self) -> Cells:
        """The matrix's non-zero cells as CSR arrays (matched without scipy)."""
        if not isinstance(self.matrix, np.ndarray):
            return self.matrix.indptr, self.matrix.indices, self.matrix.data
        rows, columns, values = entries(self.matrix)
        starts = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(self)), out=starts[1:])
        return starts, columns, values

    def spans(self, length: int, starts: np.ndarray | None = None) -> "NgramCounts":
        """Counts of runs of ``length`` consecutive texts: row k is the run beginning at
        ``starts[k]``, or at text k when ``starts`` is not given (every run)."""
        if length == 1 and starts is None:
            return self
        n_spans = max(len(self) - length + 1, 0)

        def rows(offset: int) -> slice | np.ndarray:
            return slice(offset, offset + n_spans) if starts is None else starts + offset

        summed = self.matrix[rows(0)]
        for offset in range(1, length):
            summed = summed + self.matrix[rows(offset)]
        totals = sum(self.totals[rows(offset)] for offset in range(length))
        return NgramCounts(summed, self.channel_of_column, totals, self.key_of_column)


Codes = tuple[np.ndarray, np.ndarray]
"""Texts as one array of ASCII codes, whitespace removed, and each text's length in it."""


def squeezed_codes(texts: Sequence[str]) -> Codes:
    """ASCII texts (e.g. Latin skeletons) as :data:`Codes`."""
    squeezed = [squeeze(text) for text in texts]
    codes = np.frombuffer("".join(squeezed).encode("ascii", "replace"), dtype=np.uint8)
    return codes, np.fromiter(map(len, squeezed), dtype=np.int64, count=len(squeezed))


class _NgramWalk:
    """The character n-grams of some texts (whitespace removed), one order after another:
    ``starts`` are where they begin in the texts' joined ASCII codes, ``keys`` their
    base-128 codes. :meth:`keep` decides which n-grams grow into the next order: on a pair
    of sides an n-gram can only be shared if both of its (n-1)-grams are, so most long
    n-grams are never formed; renumbering the kept ones keeps the next order's keys small."""

    def __init__(self, texts: Codes) -> None:
        codes, self.lengths = texts
        # each text is followed by a separator, where every n-gram that reaches it stops
        ends = np.cumsum(self.lengths)
        self.codes = np.insert(codes, ends, 0)
        self.owner = np.repeat(np.arange(len(self.lengths), dtype=np.int32), self.lengths + 1)
        inside = np.ones(len(self.codes), dtype=bool)
        inside[ends + np.arange(len(ends))] = False
        self.n = 0
        # int32 where they fit: a book's walk is tens of millions of n-grams
        self.starts = np.flatnonzero(inside).astype(_index_dtype(len(self.codes)))
        self.keys = np.zeros(len(self.starts), dtype=np.int32)

    def advance(self) -> bool:
        """Move on to the next order; False when all texts together are shorter than it."""
        self.n += 1
        if self.lengths.sum() < self.n:
            return False
        self.keys *= _BASE  # (in place: the keys are the walk's own, see keep)
        self.keys += self.codes[self.starts + (self.n - 1)]
        return True

    @property
    def rows(self) -> np.ndarray:
        """The text each n-gram of this order belongs to."""
        return self.owner[self.starts]

    def rows_of(self, chosen: np.ndarray) -> np.ndarray:
        """``rows[chosen]`` (a mask), without the rows of the n-grams left out."""
        return self.owner[self.starts[chosen]]

    @property
    def totals(self) -> np.ndarray:
        """How many n-grams of this order each text has (kept or not)."""
        return np.maximum(self.lengths - self.n + 1, 0)

    def keep(self, numbers: np.ndarray) -> None:
        """Grow only the n-grams with a number (≥ 0; -1: dropped) whose next position's
        n-gram has one too (not the separator): the others cannot grow into a kept longer
        n-gram. The next order's keys are ``number * _BASE + last code``."""
        kept = numbers >= 0
        grows = np.zeros(len(kept), dtype=bool)  # the last n-gram has no next one here
        np.logical_and(kept[:-1], kept[1:], out=grows[:-1])
        grows[:-1] &= np.diff(self.starts) == 1  # (starts are sorted and distinct)
        numbers = numbers[grows]
        # the next keys, number * _BASE + code, must fit the dtype the numbers are kept in
        largest = int(numbers.max()) * _BASE + _BASE - 1 if len(numbers) else 0
        self.starts, self.keys = self.starts[grows], numbers.astype(_index_dtype(largest + 1))


def _index_dtype(size: int) -> type:
    """int32 for numbers below ``size`` if they fit, else int64."""
    return np.int32 if size <= np.iinfo(np.int32).max else np.int64


_DENSE_KEY_SPACE = 1 << 24  # orders whose codes fit are matched with flat tables, no sorting
_FLAT_PER_KEY = 32  # a flat table up to this many slots per key costs less than a sort
_HASH_BITS = 22


def _shared_columns_of(src_keys: np.ndarray, tgt_keys: np.ndarray, space: int
                       ) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """The column of each key (all in [0, space)) among the keys both sides have (-1
    where only one side has it), and those shared keys in column order. A small key space
    is matched in a flat table; keys of a larger one are first thinned by a hash table, so
    only candidates get sorted."""
    n_keys = len(src_keys) + len(tgt_keys)
    if space <= min(_DENSE_KEY_SPACE, _FLAT_PER_KEY * n_keys):
        # a byte a slot (a count a slot cost eight): a book's 5- and 6-grams fit too,
        # where sorting the hashed candidates took seconds
        shared = np.zeros(space, dtype=bool)
        shared[src_keys] = True
        on_tgt = np.zeros(space, dtype=bool)
        on_tgt[tgt_keys] = True
        shared &= on_tgt
        del on_tgt
        column_of = np.cumsum(shared, dtype=np.int32)
        column_of -= 1
        column_of[~shared] = -1
        return (column_of[src_keys], column_of[tgt_keys]), np.flatnonzero(shared)

    # a hash table about four times the number of keys (at most 2**_HASH_BITS) thins out
    # the keys only one side has, so only likely shared ones get sorted
    bits = int(min(_HASH_BITS, max(10, np.ceil(np.log2(4 * max(n_keys, 1))))))

    def bucket(keys: np.ndarray) -> np.ndarray:
        mixed = keys.astype(np.uint64)
        mixed *= np.uint64(0x9E3779B97F4A7C15)
        mixed >>= np.uint64(64 - bits)
        return mixed.view(np.int64)

    src_buckets, tgt_buckets = bucket(src_keys), bucket(tgt_keys)
    both = ((np.bincount(src_buckets, minlength=1 << bits) > 0)
            & (np.bincount(tgt_buckets, minlength=1 << bits) > 0))
    src_candidate, tgt_candidate = both[src_buckets], both[tgt_buckets]
    n_src = int(src_candidate.sum())
    distinct, inverse = np.unique(np.concatenate([src_keys[src_candidate],
                                                  tgt_keys[tgt_candidate]]), return_inverse=True)
    on_src = np.bincount(inverse[:n_src], minlength=len(distinct)) > 0
    shared = on_src & (np.bincount(inverse[n_src:], minlength=len(distinct)) > 0)
    column_of = np.cumsum(shared, dtype=np.int32) - 1
    column_of[~shared] = -1
    columns = []
    for keys_candidate, part in ((src_candidate, inverse[:n_src]), (tgt_candidate, inverse[n_src:])):
        side = np.full(len(keys_candidate), -1, dtype=np.int32)
        side[keys_candidate] = column_of[part]
        columns.append(side)
    return (columns[0], columns[1]), distinct[shared]


def _count_matrix(rows: np.ndarray, columns: np.ndarray, n_texts: int, width: int
                  ) -> Counts:
    """(texts × width) counts of the (row, column) entries, ``rows`` in increasing order:
    a numpy array when small (a flat count of the cells), else a CSC matrix in canonical
    form, which :func:`_joined` stacks by concatenation. The entries, already grouped by
    row, are bucketed by column in one linear pass (scipy's transpose), which leaves each
    column's rows in order and their repeats side by side for sum_duplicates: sorting the
    cells took most of a book's build."""
    if _is_dense(n_texts, width):
        return _cell_table(rows, columns, n_texts, width)
    import scipy.sparse as sparse

    if n_texts * width <= 2 * len(rows):  # a table of every cell costs less than buckets
        return sparse.csc_matrix(_cell_table(rows, columns, n_texts, width))
    indptr = np.zeros(n_texts + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_texts), out=indptr[1:])
    ordered = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32),
                                 columns.astype(np.int32, copy=False), indptr),
                                shape=(n_texts, width)).tocsc()
    ordered.sum_duplicates()
    # copies: summed in place, the cells may still sit in the arrays of all the entries
    return sparse.csc_matrix((ordered.data.copy(), ordered.indices.copy(),
                              ordered.indptr.copy()), shape=(n_texts, width))


def _cell_table(rows: np.ndarray, columns: np.ndarray, n_texts: int, width: int
                ) -> np.ndarray:
    """Counts of the (row, column) entries as a (texts × width) int32 array."""
    cells = rows.astype(np.int64) * width + columns
    return np.bincount(cells, minlength=n_texts * width).astype(np.int32).reshape(n_texts, width)


def shared_ngram_counts(src_texts: Sequence[str], tgt_texts: Sequence[str],
                        order: int = CHAR_ORDER) -> tuple[NgramCounts, NgramCounts]:
    """N-gram counts of both sides of ASCII texts, keeping only the n-grams found on both;
    totals still count every n-gram."""
    return shared_counts_of_codes(squeezed_codes(src_texts), squeezed_codes(tgt_texts), order)


def shared_counts_of_codes(src: Codes, tgt: Codes, order: int = CHAR_ORDER
                           ) -> tuple[NgramCounts, NgramCounts]:
    """:func:`shared_ngram_counts` of texts given as :data:`Codes` (order by order, so a
    book never holds all its n-grams at once)."""
    totals = (np.zeros((len(src[1]), order)), np.zeros((len(tgt[1]), order)))
    blocks, channel_of_column, key_of_column = _shared_blocks(src, tgt, totals, order)
    counts = []
    for side_totals, side_blocks in zip(totals, blocks):
        _one_dtype(side_blocks)
        matrix = _joined(side_blocks, len(side_totals))  # (empties side_blocks)
        counts.append(NgramCounts(matrix, channel_of_column, side_totals, key_of_column))
    return counts[0], counts[1]


def _shared_blocks(src: Codes, tgt: Codes, totals: tuple[np.ndarray, np.ndarray], order: int
                   ) -> tuple[tuple[list[Counts], list[Counts]], np.ndarray, np.ndarray]:
    """Each side's count block of each order, the columns' channels and their keys; fills
    in ``totals``. A function of its own, so that the walks are gone before the blocks
    are joined (their last order held a hundred megabytes of a book)."""
    walks = (_NgramWalk(src), _NgramWalk(tgt))
    blocks: tuple[list[Counts], list[Counts]] = ([], [])
    channels, keys = [], []
    shared_keys = np.zeros(1, dtype=np.int64)  # the empty 0-gram
    for n in range(1, order + 1):
        if not (walks[0].advance() and walks[1].advance()):
            break
        # keys are (column of the first n-1 characters) * _BASE + last code: see keep()
        columns, shared = _shared_columns_of(walks[0].keys, walks[1].keys,
                                             len(shared_keys) * _BASE)
        shared_keys = shared_keys[shared // _BASE] * _BASE + shared % _BASE
        width = len(shared_keys)
        columns = list(columns)
        for side, (side_totals, block, walk) in enumerate(zip(totals, blocks, walks)):
            side_totals[:, n - 1] = walk.totals
            kept = columns[side] >= 0
            block.append(_narrowed(_count_matrix(walk.rows_of(kept), columns[side][kept],
                                                 len(side_totals), width)))
            if n < order:
                walk.keep(columns[side])
            columns[side] = kept = None  # gone before the other side is counted
        channels.append(np.full(width, n - 1))
        keys.append(shared_keys | (n << _ORDER_SHIFT))
    channel_of_column = np.concatenate(channels) if channels else np.zeros(0, np.int64)
    key_of_column = np.concatenate(keys) if keys else np.zeros(0, np.int64)
    return blocks, channel_of_column, key_of_column


def _narrowed(block: Counts) -> Counts:
    """One order's block as uint16 if its counts allow (see :func:`_one_dtype`): narrowed
    as soon as it is built, a book's blocks take a quarter less memory while the next
    orders are counted."""
    if block.size == 0 or block.max() * 3 < np.iinfo(np.uint16).max:  # spans of 3 fit
        return block.astype(np.uint16)
    return block


def _one_dtype(blocks: list[Counts]) -> None:
    """The blocks of a side in one dtype: uint16 if every block could be narrowed and one
    holds a count, else int32 (a side is narrowed whole or not at all)."""
    if any(block.size for block in blocks) and all(block.dtype == np.uint16 for block in blocks):
        return
    for k, block in enumerate(blocks):
        blocks[k] = block.astype(np.int32, copy=False)


def _joined(blocks: list[Counts], n_texts: int) -> Counts:
    """The orders' count blocks side by side; small blocks of a large whole become sparse.
    Sparse blocks are stacked as CSC (their arrays end to end) and the whole turned to
    CSR once: scipy's hstack of CSR blocks cost a second on a book. Empties ``blocks``,
    so that they are gone before the CSR copy is made."""
    width = sum(block.shape[1] for block in blocks)
    if _is_dense(n_texts, width):
        joined = np.hstack(blocks) if blocks else np.zeros((n_texts, 0), dtype=np.int32)
        blocks.clear()
        return joined
    import scipy.sparse as sparse

    if not blocks:  # no n-gram both sides share (empty texts)
        return sparse.csr_matrix((n_texts, 0), dtype=np.int32)
    parts = [block if sparse.issparse(block) else sparse.csc_matrix(block) for block in blocks]
    blocks.clear()
    offsets = np.cumsum([0] + [part.nnz for part in parts])
    indptr = np.concatenate([np.zeros(1, dtype=np.int64)]
                            + [part.indptr[1:] + offset for part, offset in zip(parts, offsets)])
    stacked = sparse.csc_matrix((np.concatenate([part.data for part in parts]),
                                 np.concatenate([part.indices for part in parts]), indptr),
                                shape=(n_texts, width))
    del parts
    return stacked.tocsr()  # columns ascending in every row, each cell once


def shared_columns(a: NgramCounts, b: NgramCounts) -> tuple[NgramCounts, NgramCounts]:
    """Both sides restricted to the keys that occur on both: only those can match, and on
    a ru-en pair they are a fraction of all n-grams, which makes every match cheaper."""
    shared, in_a, in_b = np.intersect1d(a.key_of_column, b.key_of_column, assume_unique=True,
                                        return_indices=True)
    return (NgramCounts(a.matrix[:, in_a], a.channel_of_column[in_a], a.totals, shared),
            NgramCounts(b.matrix[:, in_b], b.channel_of_column[in_b], b.totals, shared))


def match_counts(hyp: NgramCounts, hyp_rows: np.ndarray,
                 ref: NgramCounts, ref_rows: np.ndarray, compiled: bool = False) -> np.ndarray:
    """Per pair and channel, how many keys the two texts share (sum of minimum counts).
    ``hyp`` and ``ref`` must share their columns (see :func:`shared_columns`).
    ``compiled``: two sparse sides are merged by :mod:`align.signals.chrf_kernel` (for a
    long text, where numba's import pays)."""
    channels, width = hyp.totals.shape[1], hyp.matrix.shape[1]
    n_pairs = len(hyp_rows)
    if n_pairs == 0 or width == 0:
        return np.zeros((n_pairs, channels))
    hyp_rows = np.asarray(hyp_rows, dtype=np.int64)
    ref_rows = np.asarray(ref_rows, dtype=np.int64)
    if isinstance(ref.matrix, np.ndarray):
        pair, columns, data = _common_cells(hyp.cells, hyp_rows, ref.matrix, ref_rows)
    elif isinstance(hyp.matrix, np.ndarray):
        pair, columns, data = _common_cells(ref.cells, ref_rows, hyp.matrix, hyp_rows)
    elif compiled:
        from align.signals.chrf_kernel import merged_match_counts

        return merged_match_counts(hyp.matrix.indptr, hyp.matrix.indices, hyp.matrix.data,
                                   hyp_rows, ref.matrix.indptr, ref.matrix.indices,
                                   ref.matrix.data, ref_rows, hyp.channel_of_column, channels,
                                   width)
    else:
        pair, columns, data = entries(hyp.matrix[hyp_rows].minimum(ref.matrix[ref_rows]))
    # summed channel by channel: a bincount costs less than a product with an indicator
    return np.bincount(pair * channels + hyp.channel_of_column[columns], weights=data,
                       minlength=n_pairs * channels).reshape(n_pairs, channels)


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
    hyp, ref = shared_columns(hyp, ref)
    hyp_rows = np.asarray(hyp_rows, dtype=np.int64)
    ref_rows = np.asarray(ref_rows, dtype=np.int64)
    matches = match_counts(hyp, hyp_rows, ref, ref_rows)
    return chrf_scores(hyp.totals[hyp_rows], ref.totals[ref_rows], matches)
