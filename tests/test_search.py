import numpy as np

import pytest

from align.search import Lattice, Window, best_path, link_shapes


def _cost_from_gold(gold: set[tuple[int, int, int, int]]):
    """A cost that makes the gold links cheap and everything else dear."""
    def cost(a, b, i, j):
        return np.array([0.0 if (int(x), a, int(y), b) in gold else 5.0 + a + b
                         for x, y in zip(i, j)])
    return cost


def test_best_path_recovers_every_link_shape() -> None:
    gold = {(0, 1, 0, 1), (1, 2, 1, 1), (3, 0, 2, 1), (3, 1, 3, 2), (4, 1, 5, 0),
            (5, 2, 5, 2), (7, 3, 7, 1), (10, 1, 8, 3), (11, 1, 11, 0)}
    steps = best_path(12, 11, link_shapes(4), _cost_from_gold(gold), Window.band(12, 11, 12))
    assert {(s.i, s.a, s.j, s.b) for s in steps} == gold


def test_max_link_limits_shapes() -> None:
    assert link_shapes(2) == [(1, 1), (1, 0), (0, 1)]
    assert (2, 2) not in link_shapes(3) and (2, 1) in link_shapes(3)


def test_window_around_a_path_contains_it_and_stays_narrow() -> None:
    nodes = [(i, min(i + 3, 400)) for i in range(0, 401)]
    window = Window.around(nodes, 400, 400, radius=3)
    assert all(window.lo[i] <= j <= window.hi[i] for i, j in nodes)
    assert window.widths.max() <= 4 * 3 + 3
    assert window.lo[0] == 0 and window.hi[-1] == 400


def _all_paths(n_src: int, n_tgt: int, shapes, window: Window):
    """Every monotone path through the window, as lists of (i, j, a, b): brute force."""
    def inside(i: int, j: int) -> bool:
        return i <= n_src and j <= n_tgt and window.lo[i] <= j <= window.hi[i]

    def walk(i: int, j: int):
        if (i, j) == (n_src, n_tgt):
            yield []
            return
        for a, b in shapes:
            if inside(i + a, j + b):
                for rest in walk(i + a, j + b):
                    yield [(i, j, a, b), *rest]
    return list(walk(0, 0))


def _random_cost(seed: int):
    rng = np.random.default_rng(seed)
    table: dict[tuple[int, int, int, int], float] = {}

    def cost(a, b, i, j):
        return np.array([table.setdefault((int(x), int(y), a, b), float(rng.uniform(0, 4)))
                         for x, y in zip(i, j)])
    return cost, table


@pytest.mark.parametrize("seed, n_src, n_tgt, radius", [(0, 4, 4, 4), (1, 5, 3, 5),
                                                        (2, 3, 5, 1), (3, 6, 6, 2)])
def test_posteriors_equal_brute_force_over_every_path(seed, n_src, n_tgt, radius) -> None:
    shapes = link_shapes(4)
    window = Window.band(n_src, n_tgt, radius)
    cost, table = _random_cost(seed)
    lattice = Lattice(n_src, n_tgt, shapes, cost, window)
    steps = lattice.best_path()
    temperature = 0.7
    paths = _all_paths(n_src, n_tgt, shapes, window)
    weights = np.array([np.exp(-sum(np.float32(table[(i, j, a, b)]) for i, j, a, b in path)
                               / temperature) for path in paths])
    best = min(paths, key=lambda path: sum(np.float32(table[(i, j, a, b)])
                                           for i, j, a, b in path))
    assert [(s.i, s.j, s.a, s.b) for s in steps] == best
    expected = [weights[[(s.i, s.j, s.a, s.b) in path for path in paths]].sum() / weights.sum()
                for s in steps]
    assert np.allclose(lattice.posteriors(steps, temperature), expected, rtol=1e-4)


def test_a_link_with_an_equally_cheap_alternative_gets_half() -> None:
    # 2 × 2: the path 1-1, 1-1 against 2-2 at the same total cost; everything else dear
    def cost(a, b, i, j):
        table = {(1, 1): 1.0, (2, 2): 2.0}
        return np.array([table.get((a, b), 50.0) for _ in i])
    lattice = Lattice(2, 2, link_shapes(4), cost, Window.band(2, 2, 2))
    steps = lattice.best_path()
    assert np.allclose(lattice.posteriors(steps, 1.0), 0.5, atol=1e-6)
    assert np.all(lattice.posteriors(steps, 0.05) > 0.49)  # a tie stays a tie when cold


@pytest.mark.parametrize("seed, n_src, n_tgt, radius", [(4, 4, 3, 4), (5, 5, 5, 2), (6, 3, 4, 3)])
def test_unpaired_posteriors_equal_brute_force_over_every_path(seed, n_src, n_tgt,
                                                               radius) -> None:
    shapes = link_shapes(4)
    window = Window.band(n_src, n_tgt, radius)
    cost, table = _random_cost(seed)
    lattice = Lattice(n_src, n_tgt, shapes, cost, window)
    temperature = 0.7
    paths = _all_paths(n_src, n_tgt, shapes, window)
    weights = np.array([np.exp(-sum(np.float32(table[(i, j, a, b)]) for i, j, a, b in path)
                               / temperature) for path in paths])
    expected = [weights[[any(i == row and (a, b) == (1, 0) for i, _, a, b in path)
                         for path in paths]].sum() / weights.sum() for row in range(n_src)]
    found = lattice.unpaired_posteriors(temperature)
    assert np.allclose(found, expected, rtol=1e-4, atol=1e-12)
    assert 0 < max(expected) < 1  # the random costs leave some doubt: the test can fail


@pytest.mark.parametrize("radius", [0, 1, 2, 5])
def test_spread_equals_scipys_running_filters(radius) -> None:
    """The corridor's running minimum/maximum (numpy, to keep scipy out of start-up) is
    scipy.ndimage's with mode "nearest"."""
    from scipy.ndimage import maximum_filter1d, minimum_filter1d

    from align.search import _spread

    rng = np.random.default_rng(radius)
    for n in (1, 2, 3, 7, 40):
        values = rng.integers(0, 30, n).astype(np.int64)
        size = 2 * radius + 1
        assert np.array_equal(_spread(values, radius, np.minimum),
                              minimum_filter1d(values, size, mode="nearest"))
        assert np.array_equal(_spread(values, radius, np.maximum),
                              maximum_filter1d(values, size, mode="nearest"))
