"""A long pair's chrF, counted a stretch at a time, must equal the whole pair's, and the
proxy's vectors must equal the hashed columns of the whole counts."""

import random

import numpy as np
import pytest

from align.search import Lattice, Window, link_shapes
from align.signals import lexical
from align.signals.chrf import shared_counts_of_codes
from align.signals.lexical import ChrfSimilarity, ProxySimilarity, corridor_vectors
from align.signals.translit import skeleton_codes

WORDS = ("Токаев Назарбаев Tokayev Nazarbayev Kazakhstan Казахстан the of и в протесты "
         "protests 1992 года year ОДКБ CSTO, Moscow Москва café über Straße Київ "
         "aaaa ab ba «кавычки» — 5-го 5th").split()


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14))) for _ in range(count)]


@pytest.fixture(params=["numpy counts", "sparse counts"])
def stretches(monkeypatch, request):
    """A pair of 300 texts a side counted in stretches of 16 texts (a book, in small), as
    numpy arrays or as sparse rows (a book's, matched by the compiled kernel)."""
    if request.param == "sparse counts":
        monkeypatch.setattr("align.signals.chrf.DENSE_CELLS", 0)
    src, tgt = _texts(1, 300), _texts(2, 290)
    whole = ChrfSimilarity(src, tgt)
    monkeypatch.setattr(lexical, "WHOLE_PAIR_CODES", 0)
    monkeypatch.setattr(lexical, "_STRETCH_LEAST", 16)
    monkeypatch.setattr(lexical, "_SCATTERED_PAIRS", 50)
    return whole, ChrfSimilarity(src, tgt)


def test_stretches_and_scattered_pairs_score_as_the_whole_pair(stretches) -> None:
    whole, stretched = stretches
    assert whole._whole and not stretched._whole
    assert (whole.mean, whole.spread) == (stretched.mean, stretched.spread)
    rng = np.random.default_rng(3)
    for a, b in [(1, 1), (2, 1), (1, 3), (2, 2)]:
        i, j = rng.integers(0, 300 - a, 400), rng.integers(0, 290 - b, 400)  # scattered
        assert np.array_equal(whole.chrf(a, b, i, j), stretched.chrf(a, b, i, j))
        near = np.arange(40, 80)  # one stretch
        assert np.array_equal(whole.chrf(a, b, near, near + 2), stretched.chrf(a, b, near, near + 2))
    assert stretched._stretch is not None
    assert isinstance(stretched._src[1].matrix, np.ndarray) == isinstance(whole._src[1].matrix,
                                                                          np.ndarray)


def test_a_lattice_priced_in_blocks_over_stretches_equals_the_whole_pair(stretches,
                                                                          monkeypatch) -> None:
    whole, stretched = stretches
    monkeypatch.setattr("align.search.PRICING_ROWS", 8)
    window = Window.band(300, 290, 6)

    def priced_by(similarity: ChrfSimilarity):
        def cost(a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
            return similarity.z(a, b, i, j) if a and b else np.zeros(len(i))  # as the scorer
        return cost

    lattices = [Lattice(300, 290, link_shapes(4), priced_by(similarity), window)
                for similarity in (whole, stretched)]
    for shape, costs in lattices[0].link_cost.items():
        assert np.array_equal(costs, lattices[1].link_cost[shape]), shape


def test_proxy_vectors_hash_the_columns_of_the_whole_counts() -> None:
    src, tgt = skeleton_codes(_texts(4, 80)), skeleton_codes(_texts(5, 70))
    counts = shared_counts_of_codes(src, tgt)
    vectors = corridor_vectors(src, tgt)
    for side, vector in zip(counts, vectors):
        matrix = side.matrix if isinstance(side.matrix, np.ndarray) else side.matrix.toarray()
        expected = np.zeros_like(vector, dtype=np.float64)
        for column in np.flatnonzero(np.isin(side.channel_of_column, (1, 2))):
            expected[:, (column * 2654435761) % vector.shape[1]] += matrix[:, column]
        assert np.array_equal(vector, np.sqrt(expected.astype(np.float32)))


def test_proxy_reads_a_long_pair_as_a_short_one(stretches) -> None:
    whole, stretched = stretches
    proxies = ProxySimilarity(whole), ProxySimilarity(stretched)
    assert np.array_equal(proxies[0]._src[1][0], proxies[1]._src[1][0])
    assert (proxies[0].mean, proxies[0].spread) == (proxies[1].mean, proxies[1].spread)
