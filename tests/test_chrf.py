"""The vectorised chrF kernel must equal sacrebleu's sentence chrF."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import sacrebleu

from align.signals.chrf import NgramCounts, pair_chrf
from align.signals.translit import latin_skeletons

WORDS = ("Токаев Назарбаев Tokayev Nazarbayev Kazakhstan Казахстан the of и в протесты "
         "protests 1992 года year ОДКБ CSTO, Moscow Москва café über Straße Київ "
         "aaaa ab ba «кавычки» — 5-го 5th").split()


def _array(matrix) -> np.ndarray:
    """A count matrix (numpy or scipy.sparse) as a numpy array."""
    return matrix if isinstance(matrix, np.ndarray) else matrix.toarray()


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14))) for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kernel_equals_sacrebleu_sentence_chrf(seed: int) -> None:
    texts = latin_skeletons(_texts(seed, 120))
    counts = NgramCounts.of_texts(texts)
    rng = np.random.default_rng(seed)
    hyp_rows, ref_rows = rng.integers(0, 120, 600), rng.integers(0, 120, 600)
    ours = pair_chrf(counts, hyp_rows, counts, ref_rows)
    theirs = [sacrebleu.sentence_chrf(texts[i], [texts[j]]).score for i, j in zip(hyp_rows, ref_rows)]
    assert np.allclose(ours, theirs, atol=1e-9)


def test_span_counts_are_sums_of_segments() -> None:
    texts = latin_skeletons(["Москва", "и Киев", "Moscow and Kyiv"])
    counts = NgramCounts.of_texts(texts)
    pairs = counts.spans(2)
    assert len(pairs) == 2
    assert np.allclose(pairs.totals[0], counts.totals[0] + counts.totals[1])
    chosen = counts.spans(2, np.array([1, 0]))  # only the runs asked for, in that order
    assert np.array_equal(_array(chosen.matrix), _array(pairs.matrix[[1, 0]]))
    assert np.array_equal(chosen.totals, pairs.totals[[1, 0]])
    # the joined span matches the English better than either part alone
    both = pair_chrf(pairs, np.array([0]), counts, np.array([2]))[0]
    alone = pair_chrf(counts, np.array([0, 1]), counts, np.array([2, 2]))
    assert both > alone.max()


def test_transliteration_brings_names_together() -> None:
    ru, en = latin_skeletons(["Назарбаев", "Nazarbayev"])
    assert ru.startswith("nazarba") and en.startswith("nazarba")


def test_shared_counts_give_the_same_chrf_as_full_counts() -> None:
    from align.signals.chrf import shared_ngram_counts

    src = latin_skeletons(_texts(11, 60))
    tgt = latin_skeletons(_texts(12, 50))
    shared_src, shared_tgt = shared_ngram_counts(src, tgt)
    rows, cols = np.arange(50), np.arange(50)[::-1]
    full = pair_chrf(NgramCounts.of_texts(src), rows, NgramCounts.of_texts(tgt), cols)
    theirs = [sacrebleu.sentence_chrf(src[i], [tgt[j]]).score for i, j in zip(rows, cols)]
    from align.signals.chrf import chrf_scores, match_counts

    ours = chrf_scores(shared_src.totals[rows], shared_tgt.totals[cols],
                       match_counts(shared_src, rows, shared_tgt, cols))
    assert np.allclose(ours, full) and np.allclose(ours, theirs)


def test_flat_tables_and_hash_filter_find_the_same_shared_counts(monkeypatch) -> None:
    """Short n-grams are matched in flat tables, longer ones after a hash pre-filter: both
    routes, and a hash table small enough to collide everywhere, give the same counts."""
    import align.signals.chrf as chrf

    src = latin_skeletons(_texts(21, 80))
    tgt = latin_skeletons(_texts(22, 70))
    small = chrf.shared_ngram_counts(src, tgt)
    monkeypatch.setattr(chrf, "_DENSE_KEY_SPACE", 0)  # no flat tables: hash for every order
    monkeypatch.setattr(chrf, "_HASH_BITS", 6)  # a tiny table: many collisions to survive
    large = chrf.shared_ngram_counts(src, tgt)
    rows, cols = np.arange(70), np.arange(70)[::-1]
    for side in (0, 1):
        assert small[side].matrix.shape == large[side].matrix.shape
        assert np.array_equal(small[side].totals, large[side].totals)
    assert np.array_equal(chrf.match_counts(small[0], rows, small[1], cols),
                          chrf.match_counts(large[0], rows, large[1], cols))


def test_small_texts_counted_in_numpy_score_as_sparse_counts_do(monkeypatch) -> None:
    """Short texts keep their counts in numpy arrays (scipy.sparse stays unimported);
    forced sparse, the same texts give the same matrices, matches and chrF."""
    import align.signals.chrf as chrf

    src = latin_skeletons(_texts(31, 40))
    tgt = latin_skeletons(_texts(32, 35))
    rows = np.random.default_rng(3).integers(0, 35, (2, 300))
    keys = [[7, 2, 7], [], [3, 2, 9, 9]]

    def computed() -> tuple:
        shared = chrf.shared_ngram_counts(src, tgt)
        spans = (shared[0].spans(2), shared[1].spans(3))
        anchors = chrf.shared_columns(NgramCounts.of_keys(keys, 2),
                                      NgramCounts.of_keys(keys[::-1], 2))
        return (shared, spans, anchors,
                [chrf.match_counts(a, rows[0] % len(a), b, rows[1] % len(b))
                 for a, b in (shared, spans, anchors)],
                pair_chrf(NgramCounts.of_texts(src), rows[0], NgramCounts.of_texts(tgt), rows[1]))

    monkeypatch.setattr(chrf, "_sparse_loaded", lambda: False)  # as in a fresh `sverka pair`
    dense = computed()
    assert isinstance(dense[0][0].matrix, np.ndarray)
    monkeypatch.setattr(chrf, "DENSE_CELLS", 0)
    sparse = computed()
    assert not isinstance(sparse[0][0].matrix, np.ndarray)
    for ours, theirs in zip([*dense[0], *dense[1], *dense[2]],
                            [*sparse[0], *sparse[1], *sparse[2]]):
        assert _array(ours.matrix).dtype == _array(theirs.matrix).dtype
        assert np.array_equal(_array(ours.matrix), _array(theirs.matrix))
        assert np.array_equal(ours.totals, theirs.totals)
        assert np.array_equal(ours.channel_of_column, theirs.channel_of_column)
    for ours, theirs in zip(dense[3], sparse[3]):
        assert np.array_equal(ours, theirs)
    assert np.array_equal(dense[4], sparse[4])


def test_numpy_and_sparse_sides_match_alike_in_any_mix(monkeypatch) -> None:
    """Each side decides its own form (a side of fewer texts may stay numpy while the
    other turns sparse): every mix counts the same matches."""
    import align.signals.chrf as chrf

    monkeypatch.setattr(chrf, "_sparse_loaded", lambda: False)
    src, tgt = chrf.shared_ngram_counts(latin_skeletons(_texts(41, 30)),
                                        latin_skeletons(_texts(42, 25)))
    monkeypatch.setattr(chrf, "DENSE_CELLS", 0)
    sparse_src, sparse_tgt = chrf.shared_ngram_counts(latin_skeletons(_texts(41, 30)),
                                                      latin_skeletons(_texts(42, 25)))
    assert isinstance(src.matrix, np.ndarray) and not isinstance(sparse_tgt.matrix, np.ndarray)
    rows = np.arange(25)
    whole = chrf.match_counts(sparse_src, rows, sparse_tgt, rows[::-1])
    for hyp, ref in ((src, tgt), (src, sparse_tgt), (sparse_src, tgt)):
        assert np.array_equal(chrf.match_counts(hyp, rows, ref, rows[::-1]), whole)


@pytest.mark.parametrize("dense_cells", [0, 1 << 20])
def test_texts_that_share_no_ngram_give_empty_counts_sparse_or_dense(monkeypatch,
                                                                    dense_cells: int) -> None:
    """Empty texts (a generated alignment, a blank line made a segment) share nothing:
    counts with no column, as sparse rows (a long text's) or a dense array (a short one's)."""
    import scipy.sparse  # noqa: F401 - loaded, as in a batch worker or a lexicon pair

    from align.signals import chrf

    monkeypatch.setattr(chrf, "DENSE_CELLS", dense_cells)
    monkeypatch.setattr(chrf, "_sparse_loaded", lambda: dense_cells == 0)
    src, tgt = chrf.shared_ngram_counts(["", ""], ["", "x"])
    assert src.matrix.shape == (2, 0) and tgt.matrix.shape == (2, 0)


def test_sparse_counts_come_out_summed_and_in_column_order(monkeypatch) -> None:
    """A book's counts are built without sorting their cells (bucketed by column, then the
    orders stacked and turned to rows once): each row must still hold each column once,
    columns ascending, as the counts of numpy arrays say."""
    import align.signals.chrf as chrf

    src = latin_skeletons(_texts(51, 40))
    tgt = latin_skeletons(_texts(52, 30))
    monkeypatch.setattr(chrf, "_sparse_loaded", lambda: False)
    dense = chrf.shared_ngram_counts(src, tgt)
    assert isinstance(dense[0].matrix, np.ndarray)
    monkeypatch.setattr(chrf, "DENSE_CELLS", 0)
    for ours, theirs in zip(chrf.shared_ngram_counts(src, tgt), dense):
        matrix = ours.matrix
        assert matrix.format == "csr" and matrix.nnz == np.count_nonzero(_array(theirs.matrix))
        assert np.array_equal(matrix.toarray(), _array(theirs.matrix))
        for row in range(matrix.shape[0]):
            assert np.all(np.diff(matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]]) > 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aZ Жщё\u00a0\t€中\ufdfa\u0301Ⅻ", max_size=12), max_size=8),
       st.integers(1, 20))
def test_skeleton_codes_are_the_squeezed_latin_skeletons(texts: list[str], chunk: int) -> None:
    """The codes chrF counts are built from a table of the alphabet, a few characters at
    a time; they must be what transliterating each text and squeezing it gives, empty
    texts and skeletons of several letters (щ, ﷺ) included."""
    import align.signals.translit as translit
    from align.signals.chrf import squeezed_codes

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(translit, "_CHUNK", chunk)
        codes, lengths = translit.skeleton_codes(texts)
    expected_codes, expected_lengths = squeezed_codes(latin_skeletons(texts))
    assert codes.dtype == expected_codes.dtype and lengths.dtype == expected_lengths.dtype
    assert np.array_equal(codes, expected_codes) and np.array_equal(lengths, expected_lengths)


@pytest.mark.parametrize("sparse_counts", [False, True])
def test_a_side_is_narrowed_to_uint16_whole_or_not_at_all(monkeypatch, sparse_counts: bool) -> None:
    """Blocks are narrowed order by order as they are built: a count too large for three
    spans in uint16 keeps its whole side int32, and a side without counts stays int32."""
    import align.signals.chrf as chrf

    monkeypatch.setattr(chrf, "_sparse_loaded", lambda: False)
    if sparse_counts:
        monkeypatch.setattr(chrf, "DENSE_CELLS", 0)
    large, small = chrf.shared_ngram_counts(["a" * 30000 + "bc", "ab"], ["abc", "b"])
    assert _array(large.matrix).dtype == np.int32 and _array(small.matrix).dtype == np.uint16
    assert _array(large.matrix).max() == 30000
    empty, _ = chrf.shared_ngram_counts(["", ""], ["xyz"])
    assert _array(empty.matrix).dtype == np.int32 and _array(empty.matrix).shape == (2, 0)
