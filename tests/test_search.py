import numpy as np

from align.search import Window, best_path, link_shapes


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
