"""The compiled passes of a long text's lattice must do what the numpy passes do: the
same best path, the same posteriors, the same unpaired posteriors."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numba", reason="numba is not installed")

from align import search  # noqa: E402
from align.search import Lattice, Window, link_shapes  # noqa: E402


def _costs(seed: int, ties: bool):
    rng = np.random.default_rng(seed)

    def cost(a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(i), 2.5)  # as the scorer: one-sided links pay a constant
        drift = np.abs(j - i * 0.97)
        noise = rng.integers(0, 4, len(i)) if ties else rng.uniform(0, 4, len(i))
        return drift * 0.3 + noise + (a + b - 2)
    return cost


@pytest.mark.parametrize("seed, n_src, n_tgt, radius, ties",
                         [(0, 300, 290, 12, False), (1, 200, 210, 3, True),
                          (2, 120, 100, 30, True), (3, 1, 5, 5, False)])
def test_compiled_passes_equal_numpy_passes(monkeypatch, seed, n_src, n_tgt, radius,
                                            ties) -> None:
    window = Window.band(n_src, n_tgt, radius)
    results = []
    for kernel_rows in (10**9, 0):  # numpy, then compiled
        monkeypatch.setattr(search, "KERNEL_ROWS", kernel_rows)
        lattice = Lattice(n_src, n_tgt, link_shapes(4), _costs(seed, ties), window)
        assert lattice._compiled == (kernel_rows == 0)
        steps = lattice.best_path()
        results.append((steps, lattice.posteriors(steps, 0.8),
                        lattice.unpaired_posteriors(0.8)))
    (numpy_steps, numpy_post, numpy_unpaired), (steps, post, unpaired) = results
    assert steps == numpy_steps  # ties (whole-number costs) broken alike
    assert np.allclose(post, numpy_post, rtol=0, atol=1e-12)
    assert np.allclose(unpaired, numpy_unpaired, rtol=0, atol=1e-12)
    assert 0 < post.min() < 1  # the costs leave doubt, so posteriors are really summed
