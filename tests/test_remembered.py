"""Remembered z-scores: the same values as asking the similarity, without asking twice."""

from __future__ import annotations

import numpy as np

from align.signals.remembered import RememberedZ


class CountingSimilarity:
    """z = a hash of the link, and how many links it was asked for."""

    def __init__(self) -> None:
        self.asked = 0

    def z(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        self.asked += len(i)
        return np.sin(1.0 + i * 7.1 + j * 3.3 + a * 0.5 + b * 0.25)


def test_links_asked_again_are_read_back_not_priced_again() -> None:
    inner = CountingSimilarity()
    remembered = RememberedZ(inner, n_tgt=50)
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, 40, 300), rng.integers(0, 50, 300)
    first = remembered.z(1, 1, i, j)
    assert np.array_equal(first, inner.z(1, 1, i, j))
    inner.asked = 0
    # the parts of a merge: the same 1-1 links, shifted by one row for half of them
    again = remembered.z(1, 1, i[:200], j[:200])
    shifted = remembered.z(1, 1, np.r_[i[:100], i[:10] + 41], np.r_[j[:100], j[:10]])
    assert inner.asked == 10  # only the links never priced
    assert np.array_equal(again, first[:200])
    assert np.array_equal(shifted, CountingSimilarity().z(1, 1, np.r_[i[:100], i[:10] + 41],
                                                          np.r_[j[:100], j[:10]]))


def test_each_shape_is_remembered_apart_and_a_new_batch_replaces_the_last() -> None:
    inner = CountingSimilarity()
    remembered = RememberedZ(inner, n_tgt=9)
    i, j = np.arange(5), np.arange(5)
    remembered.z(1, 1, i, j)
    remembered.z(2, 1, i, j)  # another shape: priced, not read from the 1-1 links
    assert inner.asked == 10
    remembered.z(1, 1, i + 5, j)  # a new batch of 1-1 links ...
    inner.asked = 0
    remembered.z(1, 1, i + 5, j)  # ... is what is remembered now
    assert inner.asked == 0
    remembered.z(1, 1, i, j)
    assert inner.asked == 5
