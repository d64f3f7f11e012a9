"""The search lattice's three passes over rows, compiled (numba) for a long text.

``align.search.Lattice`` runs its passes row by row in numpy: a dozen array calls a row,
which on an article cost less than compiling anything would, but on a 46,000-paragraph
book made the best path, the forward and the backward pass some 5 s of its alignment.
These kernels do the same arithmetic in the same order, node by node, compiled once
and cached (numba's cache, beside the module or in the user's cache folder); the lattice
uses them above :data:`KERNEL_CELLS` window cells. ``tests/test_lattice_kernels.py``
checks that they choose the same path and give the same posteriors as the numpy passes.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

_FLOOR = -1e300  # as align.search: a finite stand-in for log 0
_LOGE2 = math.log(2.0)


@njit(cache=True)
def best_path_rows(offsets: np.ndarray, start_of: np.ndarray, link_cost: np.ndarray,
                   insert: int) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest cost into each node and the shape that brings it (first shape on
    ties; -1 at the start). ``link_cost[k]`` holds shape k's cost by start node, with
    inf after the last node; ``insert`` is the 0-1 shape's number (-1: none)."""
    n_shapes, total = start_of.shape
    best = np.full(total + 1, np.inf)
    choice = np.full(total, -1, dtype=np.int8)
    for i in range(len(offsets) - 1):
        start, stop = offsets[i], offsets[i + 1]
        for node in range(start, stop):
            here, here_choice = np.inf, 0
            for k in range(n_shapes):
                origin = start_of[k, node]
                candidate = best[origin] + np.float64(link_cost[k, origin])
                if candidate < here:
                    here, here_choice = candidate, k
            best[node] = here
            choice[node] = here_choice
        if i == 0:
            best[start], choice[start] = 0.0, -1
        if insert >= 0 and stop - start > 1:
            # a 0-1 link stays in its row: a running minimum of best - prefix along it
            prefix = 0.0
            running = best[start]
            for node in range(start + 1, stop):
                prefix += np.float64(link_cost[insert, node - 1])
                running = min(running, best[node] - prefix)
                through = running + prefix
                if through < best[node] - 1e-12:
                    best[node], choice[node] = through, insert
    return best, choice


@njit(cache=True)
def _logaddexp(x: float, y: float) -> float:
    """numpy's logaddexp, step for step."""
    if x == y:
        return x + _LOGE2
    tmp = x - y
    if tmp > 0:
        return x + math.log1p(math.exp(-tmp))
    if tmp <= 0:
        return y + math.log1p(math.exp(tmp))
    return tmp


@njit(cache=True)
def _logsumexp(values: np.ndarray) -> float:
    """align.search._logsumexp_rows for one node's values."""
    top = values.max()
    if top < _FLOOR:
        top = _FLOOR
    total = 0.0
    for value in values:
        total += math.exp(value - top)
    return (math.log(total) if total > 0 else -np.inf) + top


@njit(cache=True)
def forward_rows(offsets: np.ndarray, start_of: np.ndarray, link_cost: np.ndarray,
                 temperature: float, insert: int) -> np.ndarray:
    """log Σ over paths from (0, 0) to each node of exp(−cost / T)."""
    n_shapes, total = start_of.shape
    forward = np.full(total + 1, -np.inf)
    values = np.empty(n_shapes)
    for i in range(len(offsets) - 1):
        start, stop = offsets[i], offsets[i + 1]
        for node in range(start, stop):
            for k in range(n_shapes):
                origin = start_of[k, node]
                values[k] = forward[origin] - np.float64(link_cost[k, origin]) / temperature
            forward[node] = _logsumexp(values)
        if i == 0:
            forward[start] = 0.0
        if insert >= 0 and stop - start > 1:
            prefix = 0.0
            running = forward[start]
            for node in range(start + 1, stop):
                prefix += -(np.float64(link_cost[insert, node - 1]) / temperature)
                running = _logaddexp(running, forward[node] - prefix)
                forward[node] = running + prefix
    return forward


@njit(cache=True)
def backward_rows(offsets: np.ndarray, end_of: np.ndarray, leave_cost: np.ndarray,
                  temperature: float, insert_cost: np.ndarray, has_insert: bool
                  ) -> np.ndarray:
    """log Σ over paths from each node to the last of exp(−cost / T). ``end_of[k]`` is
    where leaving shape k's link from each node ends, ``leave_cost[k]`` its cost;
    ``insert_cost`` the 0-1 link's cost by node."""
    n_shapes, total = end_of.shape
    backward = np.full(total + 1, -np.inf)
    values = np.empty(n_shapes)
    n_rows = len(offsets) - 1
    for i in range(n_rows - 1, -1, -1):
        start, stop = offsets[i], offsets[i + 1]
        for node in range(start, stop):
            for k in range(n_shapes):
                values[k] = (backward[end_of[k, node]]
                             - np.float64(leave_cost[k, node]) / temperature)
            backward[node] = _logsumexp(values)
        if i == n_rows - 1:
            backward[stop - 1] = 0.0
        if has_insert and stop - start > 1:
            suffix = 0.0
            running = backward[stop - 1]
            for node in range(stop - 2, start - 1, -1):
                suffix += -(np.float64(insert_cost[node]) / temperature)
                running = _logaddexp(running, backward[node] - suffix)
                backward[node] = running + suffix
    return backward
