"""The lexicon's sparse rows in numpy (align.signals.csr) are scipy's: the same canonical
arrays from triples, the same products, column selections and sums of runs of rows, so
that dropping scipy changed no score."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sparse

from align.signals import csr
from align.signals.csr import Csr


def _ours(matrix: sparse.csr_matrix) -> Csr:
    return Csr(matrix.indptr, matrix.indices, matrix.data, matrix.shape)


def _same(found: Csr, wanted: sparse.csr_matrix, exact: bool = True) -> None:
    wanted = sparse.csr_matrix(wanted)
    wanted.sum_duplicates()
    wanted.eliminate_zeros()
    assert found.shape == wanted.shape
    assert np.array_equal(found.indptr, wanted.indptr)
    assert np.array_equal(found.indices, wanted.indices)
    if exact:  # bit for bit: the same sums, in the same order
        assert np.array_equal(found.data, wanted.data)
    else:
        assert np.allclose(found.data, wanted.data, rtol=1e-6)


def _random(rows: int, columns: int, density: float, seed: int) -> sparse.csr_matrix:
    matrix = sparse.random(rows, columns, density=density, random_state=seed,
                           dtype=np.float32).tocsr()
    matrix.data = np.round(matrix.data, 3).astype(np.float32) + np.float32(0.001)
    return matrix


def test_triples_sum_their_duplicates_as_scipy_does() -> None:
    """To float32 rounding: scipy sorts a row's duplicates unstably before adding them
    (the lexicon's triples have none but word counts, whose sums are exact)."""
    rng = np.random.default_rng(1)
    rows, columns = rng.integers(0, 9, 300), rng.integers(0, 7, 300)
    values = rng.random(300).astype(np.float32)
    found = Csr.from_triples(rows, columns, values, (10, 7))
    _same(found, sparse.csr_matrix((values, (rows, columns)), shape=(10, 7)), exact=False)
    assert found.indices.dtype == np.int32 and found.indptr.dtype == np.int32
    empty = Csr.from_triples(rows[:0], columns[:0], values[:0], (3, 0))
    assert empty.nnz == 0 and list(empty.indptr) == [0, 0, 0, 0]


@pytest.mark.parametrize("cells", [1 << 22, 30])
def test_the_product_is_scipys(monkeypatch, cells: int) -> None:
    """Bit for bit, also a row or two at a time."""
    monkeypatch.setattr(csr, "PRODUCT_CELLS", cells)
    left, right = _random(30, 20, 0.3, 2).tolil(), _random(20, 25, 0.2, 3)
    left[4, :] = 0  # a row with no entry
    left = left.tocsr()
    _same(_ours(left).dot(_ours(right)), left @ right)


def test_kept_columns_are_renumbered_in_order() -> None:
    matrix = _random(12, 15, 0.4, 4)
    kept = np.array([0, 3, 4, 9, 14])
    found = _ours(matrix).keep_columns(kept)
    _same(found, matrix[:, kept])


@pytest.mark.parametrize("length", [1, 2, 3])
def test_run_sums_and_dense_rows_are_scipys_shifted_sums(length: int) -> None:
    matrix = _random(11, 8, 0.3, 5)
    n = 11 - length + 1
    wanted = sum(matrix[offset:offset + n] for offset in range(length))
    _same(_ours(matrix).run_sums(length), wanted)
    assert np.array_equal(_ours(matrix).dense_rows(2, 9), matrix[2:9].toarray())
    assert np.array_equal(_ours(matrix).to_scipy().toarray(), matrix.toarray())
