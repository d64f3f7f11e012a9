"""The corpus lexicon: IBM Model 1 learning, parquet round trip, the optional signal, and
that an aligner without a lexicon behaves exactly as before."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import Settings, align_documents
from align.errors import InputError
from align.lexicon import Lexicon, confident_pairs, learn, load, save
from align.model import Alignment, Document, Link, Segment
from align.signals.lexicon import LexiconSignal

PAIRS = [
    ("Кошка спит на диване.", "The cat sleeps on the sofa."),
    ("Собака спит во дворе.", "The dog sleeps in the yard."),
    ("Кошка ест рыбу.", "The cat eats fish."),
    ("Собака ест мясо.", "The dog eats meat."),
    ("Кошка и собака играют.", "The cat and the dog play."),
    ("Дети играют во дворе.", "The children play in the yard."),
    ("Дети едят рыбу.", "The children eat fish."),
    ("Мама спит.", "Mum sleeps."),
]


def _alignment(pairs, score: float = 0.95, status: str = "auto") -> Alignment:
    source = Document("ru", tuple(Segment(ru) for ru, _ in pairs))
    target = Document("en", tuple(Segment(en) for _, en in pairs))
    links = tuple(Link((k,), (k,), score, status) for k in range(len(pairs)))
    return Alignment(source, target, links)


def _best(lexicon: Lexicon, source_word: str) -> str:
    rows = [entry for entry in lexicon.entries if entry[2] == source_word]
    return max(rows, key=lambda entry: entry[4])[3]


def test_ibm1_learns_word_translations_from_confident_links() -> None:
    lexicon = learn([_alignment(PAIRS * 3)])
    assert _best(lexicon, "кошк") == "cat"  # Snowball stems: кошка, кошки → кошк
    assert _best(lexicon, "собак") == "dog"
    assert _best(lexicon, "дет") == "children"
    assert lexicon.links == len(PAIRS) * 3
    assert all(0.0 < entry[4] <= 1.0 for entry in lexicon.entries)


def test_only_confident_or_reviewed_links_teach() -> None:
    low = _alignment(PAIRS, score=0.3)
    assert list(confident_pairs([low])) == []
    reviewed = _alignment(PAIRS, score=0.3, status="confirmed")
    assert len(list(confident_pairs([reviewed]))) == len(PAIRS)
    one_sided = Alignment(Document("ru", (Segment("Кошка"),)), Document("en", (Segment("x"),)),
                          (Link((0,), ()), Link((), (0,))))
    assert list(confident_pairs([one_sided])) == []
    assert len(learn([low])) == 0


def test_parquet_round_trip_keeps_entries_and_digest(tmp_path) -> None:
    lexicon = learn([_alignment(PAIRS * 3)], corpus="sha256:abc")
    path = tmp_path / "lexicon.parquet"
    save(lexicon, path)
    again = load(path)
    assert again.entries == lexicon.entries
    assert again.digest == lexicon.digest and again.corpus == "sha256:abc"
    assert again.links == lexicon.links
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="bad.parquet"):
        load(tmp_path / "bad.parquet")


def test_the_signal_scores_a_translation_above_a_non_translation() -> None:
    signal = learn([_alignment(PAIRS * 3)]).signal()
    source = Document("ru", tuple(Segment(ru) for ru, _ in PAIRS))
    target = Document("en", tuple(Segment(en) for _, en in PAIRS))
    similarity = signal.similarity(source, target)
    assert similarity is not None
    i = np.arange(len(PAIRS))
    right = similarity.score(1, 1, i, i)
    wrong = similarity.score(1, 1, i, np.roll(i, 3))
    assert (right > wrong).mean() > 0.8
    assert similarity.score(2, 1, np.array([0]), np.array([0])).shape == (1,)
    # no table for these languages: no signal
    assert signal.similarity(Document("de", source.segments), target) is None


def test_an_empty_signal_or_none_changes_nothing() -> None:
    source = Document("ru", tuple(Segment(ru) for ru, _ in PAIRS))
    target = Document("en", tuple(Segment(en) for _, en in PAIRS[:3] + PAIRS[4:]))
    default = align_documents(source, target)
    assert align_documents(source, target, Settings(lexicon=None)) == default
    assert align_documents(source, target, Settings(lexicon=LexiconSignal({}))) == default


def test_a_lexicon_can_change_the_costs() -> None:
    lexicon = learn([_alignment(PAIRS * 3)])
    source = Document("ru", tuple(Segment(ru) for ru, _ in PAIRS))
    target = Document("en", tuple(Segment(en) for _, en in PAIRS))
    from align.aligner import LinkScorer

    plain = LinkScorer(source, target, Settings())
    learned = LinkScorer(source, target, Settings(lexicon=lexicon.signal()))
    i = np.arange(len(PAIRS))
    # a translation gets cheaper with the lexicon than without
    assert (learned.cost(1, 1, i, i) < plain.cost(1, 1, i, i)).all()



GOOD_COLUMNS = {"src_lang": ["ru", "ru"], "tgt_lang": ["en", "en"], "src": ["дом", "кот"],
                "tgt": ["house", "cat"], "prob": [0.5, 0.6], "count": [1.0, 2.0]}


@pytest.mark.parametrize("columns, links, problem", [
    ({"prob": ["high", "low"]}, "3", "column prob is String, expected Float64"),
    ({"src": [None, None]}, "3", "column src is Null, expected String"),
    ({"tgt": ["house", None]}, "3", "column tgt has empty cells"),
    ({}, "many", "links 'many' is not a count"),
])
def test_a_lexicon_that_breaks_the_contract_is_one_line(tmp_path, columns, links,
                                                        problem) -> None:
    """A parquet file with the right metadata and column names but wrong types or empty
    cells (edited, or written by another tool) is refused when read, not a traceback
    inside the aligner later."""
    import polars as pl

    from align.lexicon import FORMAT, VERSION

    path = tmp_path / "lexicon.parquet"
    pl.DataFrame({**GOOD_COLUMNS, **columns}).write_parquet(
        path, metadata={"format": FORMAT, "version": VERSION, "links": links})
    with pytest.raises(InputError, match=problem) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: not a valid sverka lexicon")


@pytest.mark.parametrize("block_cells", [1 << 22, 7])
@pytest.mark.parametrize("length", [1, 2, 3])
def test_common_counts_are_the_sum_of_the_rows_minimum(monkeypatch, block_cells: int,
                                                       length: int) -> None:
    """The lexicon's shared word counts, read from the seen row's words against expected
    spans (``length`` rows summed) made dense a block at a time (several blocks with a
    tiny budget), are what the minimum of the two sparse rows sums to (scipy's), whatever
    the order of the pairs."""
    import scipy.sparse as sparse

    from align.signals import lexicon
    from align.signals.csr import Csr

    def ours(matrix: sparse.csr_matrix) -> Csr:
        return Csr(matrix.indptr, matrix.indices, matrix.data, matrix.shape)

    monkeypatch.setattr(lexicon, "DENSE_BLOCK_CELLS", block_cells)
    rng = np.random.default_rng(3)
    expected = sparse.random(40, 30, density=0.3, random_state=4, dtype=np.float32).tocsr()
    seen = sparse.random(35, 30, density=0.15, random_state=5, dtype=np.float32).tolil()
    seen[7, :] = 0  # a target with no known word
    seen = seen.tocsr()
    seen.data = np.ceil(seen.data * 3)  # word counts
    rows = rng.integers(0, 40 - length + 1, 500)
    columns = rng.integers(0, 35, 500)
    found = lexicon._common_counts(ours(expected), length, ours(seen), rows, columns)
    spans = sum(expected[offset:offset + 40 - length + 1] for offset in range(length))
    wanted = np.asarray(spans[rows].minimum(seen[columns]).sum(axis=1)).ravel()
    assert np.allclose(found, wanted, rtol=1e-6, atol=1e-6)
    assert (found[columns == 7] == 0).all() and found.max() > 0
    assert len(lexicon._common_counts(ours(expected), length, ours(seen), rows[:0],
                                      columns[:0])) == 0
