"""Sparse rows as scipy's three CSR arrays (indptr, indices, data), kept in plain numpy.

Why: the lexicon signal needs only a handful of operations on its sparse tables (build
from triples, keep some columns, a product, sums of runs of rows, dense blocks of rows),
each a few vectorised numpy calls, while importing scipy.sparse took longer (0.25 s,
numpy.f2py included) than aligning an article with a dictionary. The arrays are
scipy's canonical form (each row's columns sorted, no duplicates, int32 indices while
they fit), so a table cached as three arrays reads the same either way, and sums are
taken in float32 in the order scipy takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sparse

PRODUCT_CELLS = 1 << 22
"""Cells of the dense block :meth:`Csr.dot` adds a run of rows' products into (16 MB of
float32): bounds its memory on a book."""


@dataclass(frozen=True, eq=False)
class Csr:
    """A (rows × columns) sparse matrix in compressed rows."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_triples(cls, rows: np.ndarray, columns: np.ndarray, values: np.ndarray,
                     shape: tuple[int, int]) -> Csr:
        """The matrix whose cell (r, c) is the sum of the values given for it, added in
        the order given (scipy's coo → csr)."""
        n_rows, n_cols = shape
        values = np.asarray(values)
        key = np.asarray(rows, dtype=np.int64) * max(n_cols, 1) + np.asarray(columns,
                                                                             dtype=np.int64)
        order = np.argsort(key, kind="stable")
        key = key[order]
        starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]])) \
            if len(key) else np.zeros(0, dtype=np.int64)
        return cls.from_cells(key[starts], _sums_in_order(values[order], starts), shape)

    @classmethod
    def from_cells(cls, cells: np.ndarray, data: np.ndarray, shape: tuple[int, int]) -> Csr:
        """The matrix holding ``data`` at ``cells`` (row · columns + column, ascending)."""
        n_rows, n_cols = shape
        per_row = np.bincount(cells // max(n_cols, 1), minlength=n_rows)
        return cls(_index(np.concatenate([[0], np.cumsum(per_row)]), len(cells)),
                   _index(cells % max(n_cols, 1), max(n_cols, len(cells))), data, shape)

    @classmethod
    def stacked(cls, parts: list[Csr], n_cols: int, dtype: type = np.float32) -> Csr:
        """The parts' rows one after another."""
        if not parts:
            return cls(np.zeros(1, dtype=np.int32), np.zeros(0, dtype=np.int32),
                       np.zeros(0, dtype=dtype), (0, n_cols))
        offsets = np.cumsum([0] + [part.nnz for part in parts])
        indptr = np.concatenate([[0]] + [part.indptr[1:].astype(np.int64) + offset
                                         for part, offset in zip(parts, offsets)])
        return cls(_index(indptr, int(offsets[-1])),
                   _index(np.concatenate([part.indices for part in parts]),
                          max(n_cols, int(offsets[-1]))),
                   np.concatenate([part.data for part in parts]),
                   (sum(part.shape[0] for part in parts), n_cols))

    @property
    def nnz(self) -> int:
        return len(self.data)

    def row_of_entries(self) -> np.ndarray:
        """The row of each stored entry."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def keep_columns(self, kept: np.ndarray) -> Csr:
        """Only the columns ``kept`` (sorted, distinct), numbered 0, 1, … in that order."""
        new = np.full(self.shape[1], -1, dtype=np.int64)
        new[kept] = np.arange(len(kept))
        columns = new[self.indices]
        keep = columns >= 0
        per_row = np.bincount(self.row_of_entries()[keep], minlength=self.shape[0])
        return Csr(_index(np.concatenate([[0], np.cumsum(per_row)]), int(keep.sum())),
                   _index(columns[keep], len(kept)), self.data[keep],
                   (self.shape[0], len(kept)))

    def dot(self, other: Csr) -> Csr:
        """The product ``self @ other``, each cell summed over this row's entries in
        order (as scipy's product does), into dense blocks of :data:`PRODUCT_CELLS` cells
        whose touched cells are read back (sorting a book's 15 million partial products
        by cell took three times as long)."""
        width = max(other.shape[1], 1)
        step = max(1, PRODUCT_CELLS // width)
        dtype = np.result_type(self.data.dtype, other.data.dtype)
        lengths = np.diff(other.indptr)[self.indices]
        rows = self.row_of_entries()
        parts = []
        for first in range(0, self.shape[0], step):
            last = min(first + step, self.shape[0])
            lo, hi = self.indptr[first], self.indptr[last]
            taken = lengths[lo:hi]
            at = runs(other.indptr[self.indices[lo:hi]], taken)
            cells = (np.repeat((rows[lo:hi] - first) * width, taken)
                     + other.indices[at])
            block = np.zeros((last - first) * width, dtype=dtype)
            np.add.at(block, cells, np.repeat(self.data[lo:hi], taken) * other.data[at])
            touched = np.zeros(len(block), dtype=bool)
            touched[cells] = True
            cells = np.flatnonzero(touched)
            parts.append(Csr.from_cells(cells, block[cells], (last - first, other.shape[1])))
        return Csr.stacked(parts, other.shape[1], dtype)

    def run_sums(self, length: int) -> Csr:
        """Row k is the sum of rows k … k + length − 1, added in that order."""
        if length == 1:
            return self
        n = max(self.shape[0] - length + 1, 0)
        starts = self.indptr[:n].astype(np.int64)
        taken = self.indptr[length:length + n] - starts
        at = runs(starts, taken)
        return Csr.from_triples(np.repeat(np.arange(n), taken), self.indices[at],
                                self.data[at], (n, self.shape[1]))

    def dense_rows(self, start: int, stop: int) -> np.ndarray:
        """Rows ``start`` … ``stop`` − 1 as a dense array."""
        dense = np.zeros((stop - start, self.shape[1]), dtype=self.data.dtype)
        lo, hi = self.indptr[start], self.indptr[stop]
        dense[np.repeat(np.arange(stop - start), np.diff(self.indptr[start:stop + 1])),
              self.indices[lo:hi]] = self.data[lo:hi]
        return dense

    def to_scipy(self) -> sparse.csr_matrix:
        """As scipy's matrix (for code that works in scipy anyway: matching, tests)."""
        import scipy.sparse as sparse

        return sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start, start + 1, … (length of them) of each run, one after another."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.repeat(starts.astype(np.int64) - (ends - lengths), lengths) + np.arange(total)


def _sums_in_order(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of each run of ``values`` beginning at ``starts``, added one after another
    as scipy adds (``np.add.reduceat`` reorders a run's additions)."""
    sums = np.zeros(len(starts), dtype=values.dtype)
    if len(values):
        run = np.zeros(len(values), dtype=np.int64)
        run[starts[1:]] = 1
        np.add.at(sums, np.cumsum(run), values)
    return sums


def _index(values: np.ndarray, largest: int) -> np.ndarray:
    """Index values as int32 while they fit (as scipy keeps them), else int64."""
    return np.asarray(values, dtype=np.int32 if largest < 2**31 - 1 else np.int64)
