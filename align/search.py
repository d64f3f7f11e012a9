"""Dynamic programming over link types inside a window of the (source × target) grid.

A node (i, j) means "the first i source and j target segments are aligned". Only nodes
inside a window (for each row i a contiguous range of j) are visited, so time and memory
grow with rows × window width, not with rows × columns: linear in document length for a
fixed width. Link costs come from a callback that scores whole batches of candidate links
at once, which is where the vectorised signals pay off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

LinkShape = tuple[int, int]
CostFunction = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""cost(a, b, src_starts, tgt_starts) → cost of each link of a source and b target segments."""


def link_shapes(max_link: int) -> list[LinkShape]:
    """The link shapes the search may use: 0-1, 1-0, 1-1, 2-1, 1-2, 2-2, 3-1, 1-3, with
    a + b ≤ ``max_link``."""
    shapes = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)]
    return [shape for shape in shapes if sum(shape) <= max(max_link, 2)]


@dataclass(frozen=True)
class Window:
    """For each row i (0..n_src) the allowed target positions lo[i]..hi[i] inclusive."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def widths(self) -> np.ndarray:
        return self.hi - self.lo + 1

    @property
    def cells(self) -> int:
        return int(self.widths.sum())

    @classmethod
    def band(cls, n_src: int, n_tgt: int, radius: int) -> "Window":
        """A band around the straight diagonal from (0, 0) to (n_src, n_tgt)."""
        rows = np.arange(n_src + 1)
        centre = rows * (n_tgt / max(n_src, 1))
        lo = np.clip(np.floor(centre - radius), 0, n_tgt).astype(np.int64)
        hi = np.clip(np.ceil(centre + radius), 0, n_tgt).astype(np.int64)
        lo[0], hi[-1] = 0, n_tgt
        return cls(np.minimum.accumulate(lo[::-1])[::-1], np.maximum.accumulate(hi))

    @classmethod
    def around(cls, path_nodes: Sequence[tuple[int, int]], n_src: int, n_tgt: int,
               radius: int) -> "Window":
        """Every node within ``radius`` rows and columns of a path's nodes."""
        lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
        hi = np.zeros(n_src + 1, dtype=np.int64)
        for (i0, j0), (i1, j1) in zip(path_nodes, path_nodes[1:]):
            for i in range(i0, i1 + 1):
                lo[i] = min(lo[i], min(j0, j1))
                hi[i] = max(hi[i], max(j0, j1))
        if len(path_nodes) == 1:
            i, j = path_nodes[0]
            lo[i], hi[i] = j, j
        lo = _spread(lo, radius, np.minimum) - radius
        hi = _spread(hi, radius, np.maximum) + radius
        lo, hi = np.clip(lo, 0, n_tgt), np.clip(hi, 0, n_tgt)
        lo[0], hi[-1] = 0, n_tgt
        return cls(np.minimum.accumulate(lo[::-1])[::-1], np.maximum.accumulate(hi))

    def touches_edge(self, path_nodes: Sequence[tuple[int, int]], n_tgt: int) -> bool:
        """Whether a path runs along a window edge that is not the grid's edge (the window
        may have cut off a better path)."""
        for i, j in path_nodes:
            if (j == self.lo[i] and j > 0) or (j == self.hi[i] and j < n_tgt):
                return True
        return False


def _spread(values: np.ndarray, radius: int, pick: np.ufunc) -> np.ndarray:
    """Each value replaced by ``pick`` over the values within ``radius`` of it, the ends
    repeated beyond the edges (scipy.ndimage's running filters, mode "nearest"): a few
    shifted passes of numpy, since importing scipy.ndimage cost more than a short
    article's whole alignment."""
    padded = np.pad(values, radius, mode="edge")
    spread = padded[: len(values)].copy()
    for shift in range(1, 2 * radius + 1):
        pick(spread, padded[shift: shift + len(values)], out=spread)
    return spread


def _link_starts(shapes: Sequence[LinkShape], rows: np.ndarray, cols: np.ndarray,
                 window: Window, offsets: np.ndarray) -> np.ndarray:
    """For each shape and window node (i, j), the node (i - a, j - b) where a link of that
    shape into it starts; ``len(rows)`` where there is none (outside the window, or a
    0-1 link, which the search follows along its row). Computed once for all rows, so
    the search loop only gathers."""
    total = len(rows)
    starts = np.full((len(shapes), total), total, dtype=np.int32 if total < 2**31 else np.int64)
    for k, (a, b) in enumerate(shapes):
        if a == 0:
            continue
        nodes = np.flatnonzero(rows >= a)
        i, j = rows[nodes] - a, cols[nodes] - b
        inside = (j >= window.lo[i]) & (j <= window.hi[i])
        i, j = i[inside], j[inside]
        starts[k, nodes[inside]] = offsets[i] + j - window.lo[i]
    return starts


KERNEL_ROWS = 5000
"""From this many source segments the lattice's passes run compiled: numba's import
(about 0.4 s) then costs less than a dozen numpy calls a row in each of three passes."""
PRICING_ROWS = 2048
"""Rows of window nodes priced at a time, every link shape of one block before the next:
a signal then reads one stretch of the text at a time (chrF counts only that stretch's
n-grams on a long text), and a text of up to this many source segments is one block,
priced as one batch a shape."""


@dataclass(frozen=True)
class Step:
    """One link of the best path: source i..i+a-1, target j..j+b-1, and what it cost."""

    i: int
    j: int
    a: int
    b: int
    cost: float


class Lattice:
    """Every link that starts at a window node and ends inside the window, with its cost.

    Built once; :meth:`best_path` finds the cheapest path through it (min-sum) and
    :meth:`posteriors` the probability of each of its links among all paths (sum-product
    in log space, costs divided by a temperature). Both see the same links at the same
    costs, so a link's posterior says how much better it is than its alternatives."""

    def __init__(self, n_src: int, n_tgt: int, shapes: Sequence[LinkShape],
                 cost: CostFunction, window: Window) -> None:
        if any(a == 0 and b != 1 for a, b in shapes):
            raise ValueError("only 0-1 insertions are supported")
        self.n_src, self.n_tgt, self.shapes, self.window = n_src, n_tgt, list(shapes), window
        lo, widths = window.lo, window.widths
        self.offsets = offsets = np.concatenate([[0], np.cumsum(widths)])
        self.total = total = int(offsets[-1])
        self.rows = rows = np.repeat(np.arange(n_src + 1), widths)
        self.cols = cols = lo[rows] + np.arange(total) - offsets[rows]
        self.link_cost = {shape: np.full(total, np.inf, dtype=np.float32)  # halves memory
                          for shape in shapes}                                # on a book
        ends = {shape: self._end_nodes(*shape) < total for shape in shapes}
        for row in range(0, n_src + 1, PRICING_ROWS):
            block = slice(int(offsets[row]), int(offsets[min(row + PRICING_ROWS, n_src + 1)]))
            for (a, b), costs in self.link_cost.items():
                ok = ends[(a, b)][block]
                if ok.any():
                    costs[block][ok] = cost(a, b, rows[block][ok], cols[block][ok])
        # per shape and node: where a link of that shape into the node starts, and its cost
        self.start_of = _link_starts(self.shapes, rows, cols, window, offsets)
        self.inserts = [k for k, shape in enumerate(self.shapes) if shape == (0, 1)]

    def node(self, i: int, j: int) -> int:
        return int(self.offsets[i] + j - self.window.lo[i])

    def _end_nodes(self, a: int, b: int) -> np.ndarray:
        """For each node, the node a link of a source and b target segments from it ends
        at; ``total`` where that end is outside the grid or the window."""
        lo, hi = self.window.lo, self.window.hi
        end_rows, end_cols = self.rows + a, self.cols + b
        ok = (end_rows <= self.n_src) & (end_cols <= self.n_tgt)
        ok[ok] = (end_cols[ok] >= lo[end_rows[ok]]) & (end_cols[ok] <= hi[end_rows[ok]])
        end = np.full(self.total, self.total, dtype=np.int64)
        end[ok] = self.offsets[end_rows[ok]] + end_cols[ok] - lo[end_rows[ok]]
        return end

    def _arrival(self) -> np.ndarray:
        """Per shape and node, the cost of the link of that shape into it (inf: none)."""
        return np.stack([np.append(self.link_cost[shape], np.float32(np.inf))[self.start_of[k]]
                         for k, shape in enumerate(self.shapes)])

    @property
    def _compiled(self) -> bool:
        """Whether the passes run compiled (align.lattice_kernels): on a long text only,
        where importing numba costs less than the rows would in numpy."""
        return self.n_src >= KERNEL_ROWS

    def _costs_by_start(self) -> np.ndarray:
        """Each shape's link costs by start node, with inf after the last node."""
        return np.stack([np.append(self.link_cost[shape], np.float32(np.inf))
                         for shape in self.shapes])

    def _insert_shape(self) -> int:
        return self.shapes.index((0, 1)) if (0, 1) in self.link_cost else -1

    def best_path(self) -> list[Step]:
        """The cheapest monotone path from (0, 0) to (n_src, n_tgt)."""
        shapes, link_cost = self.shapes, self.link_cost
        if self._compiled:
            from align.lattice_kernels import best_path_rows

            best, choice = best_path_rows(self.offsets, self.start_of, self._costs_by_start(),
                                          self._insert_shape())
        else:
            best, choice = self._best_in_numpy()
        if not np.isfinite(best[self.node(self.n_src, self.n_tgt)]):
            raise RuntimeError("no path through the search window")
        steps: list[Step] = []
        i, j = self.n_src, self.n_tgt
        while i > 0 or j > 0:
            k = int(choice[self.node(i, j)])
            a, b = shapes[k]
            i0, j0 = i - a, j - b
            steps.append(Step(i0, j0, a, b, float(link_cost[(a, b)][self.node(i0, j0)])))
            i, j = i0, j0
        steps.reverse()
        return steps

    def _best_in_numpy(self) -> tuple[np.ndarray, np.ndarray]:
        """The cheapest cost into each node and the shape that brings it, row by row."""
        shapes, link_cost, start_of = self.shapes, self.link_cost, self.start_of
        arrival = self._arrival()
        best = np.full(self.total + 1, np.inf)  # the last node stands for "no start": inf
        choice = np.full(self.total, -1, dtype=np.int8)
        offsets_ = self.offsets.tolist()  # plain ints: a hot loop
        for i in range(self.n_src + 1):
            start, stop = offsets_[i], offsets_[i + 1]
            width = stop - start
            # one row of candidates per link shape; the cheapest wins (first shape on ties)
            candidates = best[start_of[:, start:stop]]
            candidates += arrival[:, start:stop]
            here_choice = candidates.argmin(axis=0)
            here = candidates.min(axis=0)
            if i == 0:
                here[0], here_choice[0] = 0.0, -1
            for k in self.inserts:  # a 0-1 link stays in its row: a running minimum along it
                if width > 1:
                    prefix = np.zeros(width)
                    np.cumsum(link_cost[shapes[k]][start:start + width - 1], out=prefix[1:])
                    through = np.minimum.accumulate(here - prefix) + prefix
                    better = through < here - 1e-12
                    here = np.where(better, through, here)
                    here_choice = np.where(better, k, here_choice)
            best[start:stop] = here
            choice[start:stop] = here_choice
        return best, choice

    def posteriors(self, steps: Sequence[Step], temperature: float) -> np.ndarray:
        """For each given link, the probability that a path drawn with probability
        ∝ exp(−cost / temperature) uses it: near 1 when every alternative costs much
        more, about 0.5 when one alternative is as cheap."""
        forward = self._forward(temperature)
        backward = self._backward(temperature)
        total = forward[self.node(self.n_src, self.n_tgt)]
        out = np.zeros(len(steps))
        for position, step in enumerate(steps):
            start = self.node(step.i, step.j)
            end = self.node(step.i + step.a, step.j + step.b)
            cost = float(self.link_cost[(step.a, step.b)][start]) / temperature
            out[position] = forward[start] - cost + backward[end] - total
        return np.exp(np.minimum(out, 0.0))

    def unpaired_posteriors(self, temperature: float) -> np.ndarray:
        """For each source segment, the probability that a path drawn as for
        :meth:`posteriors` leaves it unpaired (a 1-0 link): how sure the lattice is that
        this segment, and not one beside it, has no counterpart."""
        out = np.zeros(self.n_src)
        costs = self.link_cost.get((1, 0))
        if costs is None:
            return out
        forward = self._forward(temperature)
        backward = self._backward(temperature)
        total = forward[self.node(self.n_src, self.n_tgt)]
        ends = self._end_nodes(1, 0)
        ok = ends < self.total
        log_p = forward[:-1][ok] - costs[ok] / temperature + backward[ends[ok]] - total
        np.add.at(out, self.rows[ok], np.exp(np.minimum(log_p, 0.0)))
        return np.minimum(out, 1.0)

    def _forward(self, temperature: float) -> np.ndarray:
        """log Σ over paths from (0, 0) to each node of exp(−cost / T)."""
        if self._compiled:
            from align.lattice_kernels import forward_rows

            return forward_rows(self.offsets, self.start_of, self._costs_by_start(),
                                float(temperature), self._insert_shape())
        start_of = self.start_of
        arrival = self._arrival().astype(np.float64) / temperature
        forward = np.full(self.total + 1, -np.inf)
        offsets_ = self.offsets.tolist()
        row_step = self._row_steps(temperature)
        for i in range(self.n_src + 1):
            start, stop = offsets_[i], offsets_[i + 1]
            here = _logsumexp_rows(forward[start_of[:, start:stop]] - arrival[:, start:stop])
            if i == 0:
                here[0] = 0.0
            if row_step is not None and stop - start > 1:
                # a 0-1 link stays in its row: node j is reached from j - 1 at step[j - 1]
                prefix = np.zeros(stop - start)
                np.cumsum(-row_step[start:stop - 1], out=prefix[1:])
                here = np.logaddexp.accumulate(here - prefix) + prefix
            forward[start:stop] = here
        return forward

    def _backward(self, temperature: float) -> np.ndarray:
        """log Σ over paths from each node to (n_src, n_tgt) of exp(−cost / T)."""
        leaving = [shape for shape in self.shapes if shape != (0, 1)]  # 0-1: along the row
        end_of = np.stack([self._end_nodes(a, b) for a, b in leaving])
        if self._compiled:
            from align.lattice_kernels import backward_rows

            insert = self.link_cost.get((0, 1), np.zeros(0, dtype=np.float32))
            return backward_rows(self.offsets, end_of,
                                 np.stack([self.link_cost[shape] for shape in leaving]),
                                 float(temperature), insert, (0, 1) in self.link_cost)
        leave = np.stack([self.link_cost[shape].astype(np.float64) / temperature
                          for shape in leaving])
        backward = np.full(self.total + 1, -np.inf)
        offsets_ = self.offsets.tolist()
        row_step = self._row_steps(temperature)
        for i in range(self.n_src, -1, -1):
            start, stop = offsets_[i], offsets_[i + 1]
            here = _logsumexp_rows(backward[end_of[:, start:stop]] - leave[:, start:stop])
            if i == self.n_src:
                here[-1] = 0.0  # the end node (hi[n_src] is always n_tgt)
            if row_step is not None and stop - start > 1:
                # node j reaches j + 1 at step[j]: the same running sum, right to left
                suffix = np.zeros(stop - start)
                np.cumsum(-row_step[start:stop - 1][::-1], out=suffix[1:])
                here = (np.logaddexp.accumulate(here[::-1] - suffix) + suffix)[::-1]
            backward[start:stop] = here
        return backward

    def _row_steps(self, temperature: float) -> np.ndarray | None:
        """Each node's 0-1 link cost / T (None: no 0-1 links)."""
        if (0, 1) not in self.link_cost:
            return None
        return self.link_cost[(0, 1)].astype(np.float64) / temperature


_FLOOR = -1e300  # a finite stand-in for log 0, so that -inf - -inf never makes a NaN


def _logsumexp_rows(values: np.ndarray) -> np.ndarray:
    """log Σ exp over axis 0 (-inf where every value is -inf)."""
    top = np.maximum(values.max(axis=0), _FLOOR)
    with np.errstate(divide="ignore"):
        return np.log(np.exp(values - top).sum(axis=0)) + top


def best_path(n_src: int, n_tgt: int, shapes: Sequence[LinkShape], cost: CostFunction,
              window: Window) -> list[Step]:
    """The cheapest monotone path from (0, 0) to (n_src, n_tgt) through ``window``."""
    return Lattice(n_src, n_tgt, shapes, cost, window).best_path()
